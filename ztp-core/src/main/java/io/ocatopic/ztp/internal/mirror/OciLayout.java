package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageStore;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryException;
import io.ocatopic.kube.internal.oci.DigestingInputStream;

import io.ocatopic.kube.internal.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.kube.internal.KubeYaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * An OCI image layout (image-spec {@code image-layout.md}: {@code oci-layout}, {@code index.json} whose
 * entries carry {@code org.opencontainers.image.ref.name}, {@code blobs/sha256/<hex>}), as skopeo's
 * {@code oci:} transport reads and writes it (containers/image {@code oci/layout}). Each image is named
 * by its full source reference, {@code quay.io/org/app:1.0} or {@code quay.io/org/app@sha256:...}.
 */
final class OciLayout {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String SUMMARY = "ocatopic-summary.json";
    static final ObjectMapper JSON = io.ocatopic.kube.internal.Mappers.json();

    private OciLayout() {
    }

    static String blobPath(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    static byte[] layoutFile() {
        return "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] indexJson(Map<String, Descriptor> refs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", Manifest.OCI_INDEX);
        ArrayNode m = root.putArray("manifests");
        refs.forEach((name, d) -> {
            ObjectNode e = m.addObject();
            e.put("mediaType", d.mediaType());
            e.put("digest", d.digest());
            e.put("size", d.size());
            e.putObject("annotations").put(REF_NAME, name);
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Descriptor> parseIndex(byte[] bytes, String where) throws RegistryException {
        Map<String, Descriptor> out = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(bytes);
            int i = 0;
            for (JsonNode e : root.path("manifests")) {
                String name = e.path("annotations").path(REF_NAME).asText("");
                String digest = e.path("digest").asText();
                if (name.isEmpty()) {
                    name = "unnamed/image" + i + "@" + digest;
                }
                out.put(name, new Descriptor(e.path("mediaType").asText(""), digest, e.path("size").asLong(),
                        Optional.empty()));
                i++;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, where + "/index.json is not an OCI index: "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Read access to the files of a layout: a directory, or entries of a tar over volumes. */
    interface Files0 {
        Optional<Long> size(String path) throws IOException;

        InputStream open(String path) throws IOException;
    }

    static Files0 directory(Path dir) {
        return new Files0() {
            @Override
            public Optional<Long> size(String path) throws IOException {
                Path p = dir.resolve(path);
                return Files.isRegularFile(p) ? Optional.of(Files.size(p)) : Optional.empty();
            }

            @Override
            public InputStream open(String path) throws IOException {
                return Files.newInputStream(dir.resolve(path));
            }
        };
    }

    static Files0 tar(Tar.VolumeSet volumes, Map<String, long[]> index) {
        return new Files0() {
            @Override
            public Optional<Long> size(String path) {
                long[] e = index.get(path);
                return e == null ? Optional.empty() : Optional.of(e[1]);
            }

            @Override
            public InputStream open(String path) throws IOException {
                long[] e = index.get(path);
                if (e == null) {
                    throw new IOException("no " + path);
                }
                return volumes.open(e[0], e[1]);
            }
        };
    }

    /** A layout read as a source of images. */
    static final class Reader implements ImageStore {
        private final String name;
        private final Files0 files;
        final Map<String, Descriptor> refs;

        Reader(String name, Files0 files) throws RegistryException {
            this.name = name;
            this.files = files;
            try {
                if (files.size("index.json").isEmpty()) {
                    throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0, name + " has no index.json: not an OCI layout");
                }
                try (InputStream in = files.open("index.json")) {
                    this.refs = parseIndex(in.readAllBytes(), name);
                }
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        Optional<byte[]> file(String path) throws IOException {
            if (files.size(path).isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = files.open(path)) {
                return Optional.of(in.readAllBytes());
            }
        }

        @Override
        public String host() {
            return "oci:" + name;
        }

        @Override
        public boolean fullNames() {
            return true;
        }

        @Override
        public Optional<String> headManifest(String repository, String reference) throws RegistryException {
            if (reference.startsWith("sha256:")) {
                return has(reference) ? Optional.of(reference) : Optional.empty();
            }
            return Optional.ofNullable(refs.get(repository + ":" + reference)).map(Descriptor::digest);
        }

        private boolean has(String digest) throws RegistryException {
            try {
                return files.size(blobPath(digest)).isPresent();
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Manifest getManifest(String repository, String reference) throws RegistryException {
            String digest = reference.startsWith("sha256:") ? reference : headManifest(repository, reference)
                    .orElseThrow(() -> new RegistryException(RegistryException.Kind.NOT_FOUND, 0,
                            name + " has no image " + repository + ":" + reference));
            String type = refs.values().stream().filter(d -> d.digest().equals(digest)).map(Descriptor::mediaType)
                    .findFirst().orElse("");
            try {
                Optional<byte[]> bytes = file(blobPath(digest));
                if (bytes.isEmpty()) {
                    throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0,
                            name + " has no manifest " + digest + " (" + repository + ")");
                }
                Manifest m = Manifest.of(type, bytes.get());
                if (!m.digest().equals(digest)) {
                    throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 0, "manifest " + digest + " in "
                            + name + " failed verification: content has digest " + m.digest());
                }
                return m;
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream openBlob(String repository, Descriptor blob, LongConsumer progress) throws RegistryException {
            try {
                if (files.size(blobPath(blob.digest())).isEmpty()) {
                    throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0,
                            name + " has no blob " + blob.digest() + " (" + repository + ")");
                }
                return new DigestingInputStream(files.open(blobPath(blob.digest())), blob.digest(), blob.size(), progress);
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean blobExists(String repository, String digest) throws RegistryException {
            return has(digest);
        }

        @Override
        public boolean mountBlob(String repository, String digest, String from) {
            return false;
        }

        @Override
        public void pushBlob(String repository, Descriptor blob, InputStream data, long chunkSize) throws RegistryException {
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0, name + " is read only");
        }

        @Override
        public void putManifest(String repository, String reference, Manifest manifest) throws RegistryException {
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0, name + " is read only");
        }
    }

    /**
     * A layout directory being written: blobs land under a temporary name, digest checked as they are
     * written, and are renamed into place only when whole and correct; {@code index.json} is rewritten
     * atomically after each image. Blobs in {@code base} (what the site already holds) are not written.
     */
    static final class Writer implements ImageStore {
        private final Path dir;
        private final Set<String> base;
        final Map<String, Descriptor> refs = new LinkedHashMap<>();
        final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
        final Map<String, Long> sizes = new ConcurrentHashMap<>();

        Writer(Path dir, Set<String> base) throws IOException {
            this.dir = dir;
            this.base = Set.copyOf(base);
            Files.createDirectories(dir.resolve("blobs/sha256"));
            AtomicFiles.write(dir.resolve("oci-layout"), layoutFile(), false);
            Path index = dir.resolve("index.json");
            if (Files.exists(index)) {
                refs.putAll(parseIndex(Files.readAllBytes(index), dir.toString()));
            }
        }

        Path dir() {
            return dir;
        }

        @Override
        public String host() {
            return "oci:" + dir;
        }

        @Override
        public boolean fullNames() {
            return true;
        }

        private Path blob(String digest) {
            return dir.resolve(blobPath(digest));
        }

        @Override
        public synchronized Optional<String> headManifest(String repository, String reference) {
            if (reference.startsWith("sha256:")) {
                return base.contains(reference) || Files.exists(blob(reference)) ? Optional.of(reference) : Optional.empty();
            }
            return Optional.ofNullable(refs.get(repository + ":" + reference)).map(Descriptor::digest);
        }

        @Override
        public Manifest getManifest(String repository, String reference) throws RegistryException {
            String digest = headManifest(repository, reference).orElseThrow(() ->
                    new RegistryException(RegistryException.Kind.NOT_FOUND, 0, "no manifest " + reference));
            try {
                return Manifest.of("", Files.readAllBytes(blob(digest)));
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0, "no manifest " + digest);
            }
        }

        @Override
        public InputStream openBlob(String repository, Descriptor blob, LongConsumer progress) throws RegistryException {
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0, "write only");
        }

        @Override
        public boolean blobExists(String repository, String digest) {
            return base.contains(digest) || Files.exists(blob(digest));
        }

        @Override
        public boolean mountBlob(String repository, String digest, String from) {
            return false;
        }

        @Override
        public void pushBlob(String repository, Descriptor d, InputStream data, long chunkSize) throws RegistryException {
            Path target = blob(d.digest());
            Path tmp = target.resolveSibling(target.getFileName() + ".partial-" + UUID.randomUUID());
            MessageDigest sha = DigestingInputStream.sha256();
            long n = 0;
            try (InputStream in = data; OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 20];
                int k;
                while ((k = in.read(buf)) > 0) {
                    sha.update(buf, 0, k);
                    out.write(buf, 0, k);
                    n += k;
                }
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw new RegistryException(RegistryException.Kind.IO, "cannot write blob " + d.digest() + " to " + dir
                        + ": " + e.getMessage(), e);
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(d.digest()) || n != d.size()) {
                deleteQuietly(tmp);
                throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 0, "blob " + d.digest()
                        + " failed verification while written: " + n + " bytes with digest " + actual);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw new RegistryException(RegistryException.Kind.IO, "cannot place blob " + d.digest() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void putManifest(String repository, String reference, Manifest m) throws RegistryException {
            manifests.put(m.digest(), m);
            if (!blobExists(repository, m.digest())) {
                pushBlob(repository, new Descriptor(m.mediaType(), m.digest(), m.size(), Optional.empty()),
                        new ByteArrayInputStream(m.bytes()), 0);
            }
            if (!reference.startsWith("sha256:")) {
                name(repository + ":" + reference, m);
            }
        }

        @Override
        public void reference(String repository, Manifest m) throws RegistryException {
            name(repository + "@" + m.digest(), m);
        }

        private synchronized void name(String refName, Manifest m) throws RegistryException {
            refs.put(refName, new Descriptor(m.mediaType(), m.digest(), m.size(), Optional.empty()));
            try {
                AtomicFiles.write(dir.resolve("index.json"), indexJson(refs), false);
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "cannot write " + dir + "/index.json: " + e.getMessage(), e);
            }
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray partial file is ignored by readers and replaced by the next run
            }
        }
    }
}
