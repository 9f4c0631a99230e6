package io.ocatopic.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Objects;

/**
 * YAML and JSON I/O for Kubernetes objects, and atomic file writes for rendered artefacts.
 *
 * <pre>{@code
 * String yaml = KubeYaml.dumpAll(objects);          // "---"-separated documents
 * ManagedCluster mc = KubeYaml.load(text, ManagedCluster.class);
 * KubeYaml.writeAtomically(dir.resolve("cluster.yaml"), yaml);
 * }</pre>
 */
public final class KubeYaml {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubeYaml() {
    }

    /**
     * Serialises one object to YAML.
     *
     * @param object any Kubernetes object or plain value
     * @return YAML text, starting with {@code ---}
     */
    public static String dump(Object object) {
        return SERIALIZATION.asYaml(object);
    }

    /**
     * Serialises several objects to one multi-document YAML text.
     *
     * @param objects the objects, in order
     * @return the documents, each starting with {@code ---}
     */
    public static String dumpAll(Collection<? extends HasMetadata> objects) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata o : objects) {
            sb.append(dump(o));
        }
        return sb.toString();
    }

    /**
     * Serialises one object to JSON.
     *
     * @param object any Kubernetes object or plain value
     * @return compact JSON text
     */
    public static String json(Object object) {
        return SERIALIZATION.asJson(object);
    }

    /**
     * Parses YAML or JSON into a type.
     *
     * @param text YAML or JSON text of one document
     * @param type the target type
     * @param <T>  the target type
     * @return the parsed value
     * @throws KubeException with reason {@link KubeException.Reason#MALFORMED} when the text does not parse;
     *                       the message says where (line and column when the parser tells) or what
     *                       failed, never the text itself
     */
    public static <T> T load(String text, Class<T> type) {
        try {
            return SERIALIZATION.unmarshal(text, type);
        } catch (RuntimeException e) {
            // the parser's own message quotes the input, which may hold secrets (kubeconfigs, Secrets):
            // say where it failed and drop the cause
            throw new KubeException(KubeException.Reason.MALFORMED, 0,
                    "cannot parse " + type.getSimpleName() + location(e), null);
        }
    }

    private static String location(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
                return " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            }
        }
        return " (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Writes text to a file atomically: a temporary file in the same directory, then a rename, so a
     * reader sees the old content or the new, never a part. The file is readable by everyone
     * ({@code rw-r--r--}); use {@link #writeAtomically(Path, String, boolean)} for secrets.
     *
     * @param file the target file; parent directories are created
     * @param text the content, written as UTF-8
     * @throws IOException when the file cannot be written
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAtomically(file, text, false);
    }

    /**
     * Writes several files below one directory, each atomically, confined to it: a name that is absolute
     * or resolves outside {@code dir} (through {@code ..}) is refused before anything is written.
     *
     * @param dir   the output directory; created when missing
     * @param files relative file name to content, written in iteration order
     * @return the files written, in order
     * @throws IOException when a file cannot be written
     * @throws IllegalArgumentException when a name escapes {@code dir}; nothing is written then
     */
    public static java.util.List<Path> writeAllUnder(Path dir, java.util.Map<String, String> files) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        java.util.List<Path> targets = new java.util.ArrayList<>();
        for (String name : files.keySet()) {
            Path t = root.resolve(name).normalize();
            if (Path.of(name).isAbsolute() || !t.startsWith(root) || t.equals(root)) {
                throw new IllegalArgumentException("file name \"" + name + "\" escapes the output directory " + dir);
            }
            targets.add(t);
        }
        java.util.List<Path> written = new java.util.ArrayList<>();
        int i = 0;
        for (String text : files.values()) {
            Path t = targets.get(i++);
            writeAtomically(t, text);
            written.add(dir.resolve(root.relativize(t)));
        }
        return written;
    }

    /**
     * Writes text to a file atomically (temporary file, then rename).
     *
     * @param file      the target file; parent directories are created
     * @param text      the content, written as UTF-8
     * @param ownerOnly {@code true} for files holding secrets: {@code rw-------} from the first byte on
     * @throws IOException when the file cannot be written
     */
    public static void writeAtomically(Path file, String text, boolean ownerOnly) throws IOException {
        writeAtomically(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), ownerOnly);
    }

    /**
     * Writes bytes to a file atomically (temporary file, then rename).
     *
     * @param file      the target file; parent directories are created
     * @param content   the content
     * @param ownerOnly {@code true} for files holding secrets: {@code rw-------} from the first byte on
     * @throws IOException when the file cannot be written
     */
    public static void writeAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
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
}
