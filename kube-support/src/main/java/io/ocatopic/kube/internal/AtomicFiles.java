package io.ocatopic.kube.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
     * outside it: absolute names, {@code ..} segments that climb out, or the directory itself. Files already
     * there are left alone; {@link #replaceRenderUnder} also removes what a previous render left.
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
            targets.add(confine(root, dir, name));
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

    /** The name of the manifest a render of a kind leaves in its directory: this prefix, then the kind. */
    public static final String RENDER_MANIFEST_PREFIX = ".ocatopic-render-";

    private static final Pattern KIND = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    /**
     * One file of a render.
     *
     * @param kind      the render kind it belongs to (one manifest per kind)
     * @param name      its name relative to the output directory, {@code /}-separated
     * @param text      its UTF-8 content
     * @param ownerOnly whether it is written 0600 (it holds secrets), else 0644
     */
    public record Output(String kind, String name, String text, boolean ownerOnly) {
        /**
         * Checks the parts are present.
         *
         * @param kind      kind
         * @param name      name
         * @param text      text
         * @param ownerOnly owner only
         */
        public Output {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@link #replaceRender} for one kind whose files are all 0644.
     *
     * @param dir   the output directory
     * @param kind  the render kind (lower-case letters, digits and '-')
     * @param files relative name to UTF-8 content, in writing order
     * @return the paths written, {@code dir}-relative names resolved against {@code dir}
     * @throws IOException when a file cannot be written or a stale one removed
     * @throws IllegalArgumentException when a name escapes {@code dir}
     */
    public static List<Path> replaceRenderUnder(Path dir, String kind, Map<String, String> files) throws IOException {
        List<Output> outputs = new ArrayList<>();
        files.forEach((name, text) -> outputs.add(new Output(kind, name, text, false)));
        return replaceRender(dir, Set.of(kind), outputs);
    }

    /**
     * Writes a render so that it replaces the previous render of the same kinds in {@code dir} as a whole.
     * Every name is checked first, and nothing is written when one would land outside {@code dir} (as
     * {@link #writeAllUnder}). Then each file is written atomically, in list order; then, per kind, the files
     * that the previous render of that kind wrote (as its manifest {@code .ocatopic-render-<kind>} lists them)
     * and that this render does not write are deleted, with the directories that this leaves empty; last, the
     * kind's manifest is written atomically. Only files a previous render listed are ever deleted: a file
     * put there by hand, one outside {@code dir} (a tampered manifest), a symbolic link or a directory is never
     * touched. A run that stops half-way leaves the old manifest, so the next run still removes the old files.
     *
     * <pre>{@code
     * AtomicFiles.replaceRender(out, Set.of("dpu"), List.of(new AtomicFiles.Output("dpu", "infra/a.yaml", yaml, false)));
     * }</pre>
     *
     * @param dir     the output directory
     * @param kinds   the kinds this render replaces, each lower-case letters, digits and '-' (a kind with no
     *                output this time loses all its old files)
     * @param outputs the files, each of one of {@code kinds}
     * @return the paths written, {@code dir}-relative names resolved against {@code dir}, in list order
     * @throws IOException when a file cannot be written or a stale one removed
     * @throws IllegalArgumentException when a name escapes {@code dir}, is a manifest's, repeats, or an
     *                                  output's kind is not in {@code kinds}
     */
    public static List<Path> replaceRender(Path dir, Set<String> kinds, List<Output> outputs) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        for (String kind : kinds) {
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("render kind \"" + kind + "\" is not lower-case letters, digits and '-'");
            }
        }
        Map<String, Path> targets = new LinkedHashMap<>();
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        kinds.forEach(k -> byKind.put(k, new ArrayList<>()));
        for (Output o : outputs) {
            if (!kinds.contains(o.kind())) {
                throw new IllegalArgumentException("file \"" + o.name() + "\" is of kind " + o.kind()
                        + ", not one of this render's " + kinds);
            }
            Path t = confine(root, dir, o.name());
            String rel = relative(root, t);
            if (rel.indexOf('\n') >= 0 || rel.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("file name \"" + o.name().replaceAll("[\r\n]", "?")
                        + "\" holds a line break");
            }
            if (rel.startsWith(RENDER_MANIFEST_PREFIX) && rel.indexOf('/') < 0) {
                throw new IllegalArgumentException("file name \"" + o.name() + "\" is a render manifest's");
            }
            if (targets.putIfAbsent(rel, t) != null) {
                throw new IllegalArgumentException("file name \"" + o.name() + "\" is written twice");
            }
            byKind.get(o.kind()).add(rel);
        }
        List<Path> written = new ArrayList<>();
        for (Output o : outputs) {
            Path t = root.resolve(o.name()).normalize();
            write(t, o.text().getBytes(StandardCharsets.UTF_8), o.ownerOnly());
            written.add(dir.resolve(root.relativize(t)));
        }
        for (Map.Entry<String, List<String>> k : byKind.entrySet()) {
            Path manifest = root.resolve(RENDER_MANIFEST_PREFIX + k.getKey());
            for (String old : previousRender(root, manifest)) {
                if (!targets.containsKey(old)) {
                    deleteStale(root, old);
                }
            }
            StringBuilder sb = new StringBuilder("# ocatopic render " + k.getKey() + ": the files it wrote, relative to"
                    + " this directory; the next render of this kind here deletes those it no longer writes\n");
            k.getValue().forEach(n -> sb.append(n).append('\n'));
            write(manifest, sb.toString());
        }
        return written;
    }

    /** The names a previous render's manifest lists that stay inside {@code root}; none when there is none. */
    private static List<String> previousRender(Path root, Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                String rel = relative(root, confine(root, root, line));
                if (!(rel.startsWith(RENDER_MANIFEST_PREFIX) && rel.indexOf('/') < 0)) {
                    names.add(rel);
                }
            } catch (IllegalArgumentException e) {
                // a hand-edited or foreign manifest: an entry outside the directory is never deleted
            }
        }
        return names;
    }

    /**
     * Deletes one stale file of a previous render when it is still a regular file whose directory (resolving
     * links) lies inside {@code root}, then each parent directory this leaves empty, up to {@code root}.
     */
    private static void deleteStale(Path root, String name) throws IOException {
        Path t = root.resolve(name).normalize();
        if (!Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path realRoot = root.toRealPath();
        if (!t.getParent().toRealPath().startsWith(realRoot)) {
            return;
        }
        Files.deleteIfExists(t);
        for (Path d = t.getParent(); d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (var entries = Files.newDirectoryStream(d)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** The target of a name under {@code root}, refusing absolute names, escapes and the directory itself. */
    private static Path confine(Path root, Path dir, String name) {
        Path t;
        try {
            t = root.resolve(name).normalize();
            if (Path.of(name).isAbsolute() || !t.startsWith(root) || t.equals(root)) {
                throw new IllegalArgumentException("file name \"" + name + "\" escapes the output directory " + dir);
            }
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file name \"" + name.replace('\0', '?') + "\" is not a path", e);
        }
        return t;
    }

    private static String relative(Path root, Path target) {
        return root.relativize(target).toString().replace(java.io.File.separatorChar, '/');
    }
}
