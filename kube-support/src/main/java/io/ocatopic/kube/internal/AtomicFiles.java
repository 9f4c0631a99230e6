package io.ocatopic.kube.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one atomic file writer of ocatopic: a temporary file beside the target, then a rename, so a reader
 * sees the old file or the new one and never half of one. Secret files ({@link #writeSecret}) are created
 * 0600 and never widened; other files are 0644.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes UTF-8 text atomically, 0644.
     *
     * @param file the target
     * @param text the content
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Writes bytes atomically, 0644.
     *
     * @param file the target
     * @param content the content
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /**
     * Writes a secret (a key, a kubeconfig, a pull secret) atomically, readable by its owner only (0600).
     *
     * @param file the target
     * @param content the content
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /**
     * Writes UTF-8 text as a secret file (0600).
     *
     * @param file the target
     * @param text the content
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void writeSecret(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param file the target
     * @param text the content
     * @param ownerOnly 0600 when true, else 0644
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void write(Path file, String text, boolean ownerOnly) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), ownerOnly);
    }

    /**
     * Writes atomically.
     *
     * @param file the target
     * @param content the content
     * @param ownerOnly 0600 when true, else 0644
     * @throws IOException when the directory cannot be created or the file written
     */
    public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Objects.requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createTempFile makes the file rw------- on POSIX file systems
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ownerOnly) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: permissions are whatever it gives
                }
            }
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes each named file under {@code dir}, refusing (before writing anything) any name that would land
     * outside it: absolute names, {@code ..} segments that climb out, or the directory itself.
     *
     * @param dir the output directory
     * @param files relative name to UTF-8 content, in writing order
     * @return the paths written, {@code dir}-relative names resolved against {@code dir}
     * @throws IOException when a file cannot be written
     * @throws IllegalArgumentException when a name escapes {@code dir}
     */
    public static List<Path> writeAllUnder(Path dir, Map<String, String> files) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        List<Path> targets = new ArrayList<>();
        for (String name : files.keySet()) {
            Path t = root.resolve(name).normalize();
            if (Path.of(name).isAbsolute() || !t.startsWith(root) || t.equals(root)) {
                throw new IllegalArgumentException("file name \"" + name + "\" escapes the output directory " + dir);
            }
            targets.add(t);
        }
        List<Path> written = new ArrayList<>();
        int i = 0;
        for (String text : files.values()) {
            Path t = targets.get(i++);
            write(t, text);
            written.add(dir.resolve(root.relativize(t)));
        }
        return written;
    }
}
