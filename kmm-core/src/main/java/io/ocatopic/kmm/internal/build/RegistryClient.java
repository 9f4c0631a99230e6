package io.ocatopic.kmm.internal.build;

import io.ocatopic.kube.internal.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * kmm's use of a registry, on the foundation's OCI client ({@link io.ocatopic.kube.internal.oci.RegistryClient},
 * one per registry host): pushes a docker-archive export as a Docker schema-2 image (gzip layers, blobs the
 * registry already has are skipped), resolves digests and pulls an image back into a directory. Anonymous
 * access (bearer tokens a registry hands out anonymously included); plain HTTP when created with
 * {@link #insecure()}. Redirects are followed without credentials, and only for blob downloads.
 *
 * <pre>{@code
 * RegistryClient registry = RegistryClient.insecure();
 * String digest = registry.push(engine.save("localhost/hello:1"), ImageReference.parse("127.0.0.1:5000/kmm/hello:1"));
 * registry.pull(ImageReference.parse("127.0.0.1:5000/kmm/hello@" + digest), Path.of("rootfs"));
 * }</pre>
 */
public final class RegistryClient {
    /** Docker schema-2 manifest media type. */
    public static final String MANIFEST_V2 = Manifest.DOCKER_MANIFEST;
    private static final String CONFIG_V1 = "application/vnd.docker.container.image.v1+json";
    private static final String LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private final io.ocatopic.kube.internal.oci.RegistryClient.Options options;
    private final Map<String, io.ocatopic.kube.internal.oci.RegistryClient> clients = new ConcurrentHashMap<>();
    private final ObjectMapper json = Mappers.json();

    private RegistryClient(io.ocatopic.kube.internal.oci.RegistryClient.Options options) {
        this.options = options;
    }

    /** @return a client speaking HTTPS (certificates verified against the JDK trust store) */
    public static RegistryClient secure() {
        return new RegistryClient(io.ocatopic.kube.internal.oci.RegistryClient.Options.tls());
    }

    /** @return a client speaking plain HTTP (local and test registries) */
    public static RegistryClient insecure() {
        return new RegistryClient(io.ocatopic.kube.internal.oci.RegistryClient.Options.insecurePlainHttp());
    }

    /**
     * Pushes a docker-archive ({@code docker save} format) as {@code target}'s tag.
     *
     * @param dockerArchive the archive stream (closed here)
     * @param target        the repository and tag (or, without a tag, the manifest is stored by its digest)
     * @return the manifest digest the registry stores
     * @throws KmmException {@code REGISTRY} when the registry refuses, {@code IO} on local failures
     */
    public String push(InputStream dockerArchive, ImageReference target) {
        Path dir = null;
        String repo = target.repository();
        try {
            io.ocatopic.kube.internal.oci.RegistryClient registry = client(target);
            dir = Files.createTempDirectory("ocatopic-push-");
            try (InputStream in = dockerArchive) {
                Tars.extract(in, dir);
            }
            JsonNode archive = json.readTree(dir.resolve("manifest.json").toFile()).get(0);
            byte[] config = Files.readAllBytes(dir.resolve(archive.get("Config").asText()));
            String configDigest = DigestingInputStream.digestOf(config);
            if (!registry.blobExists(repo, configDigest)) {
                registry.pushBlob(repo, config);
            }
            ObjectNode manifest = json.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MANIFEST_V2);
            ObjectNode cfg = manifest.putObject("config");
            cfg.put("mediaType", CONFIG_V1);
            cfg.put("size", config.length);
            cfg.put("digest", configDigest);
            ArrayNode layers = manifest.putArray("layers");
            for (JsonNode l : archive.get("Layers")) {
                Path gz = dir.resolve(l.asText() + ".gz");
                String digest = gzip(dir.resolve(l.asText()), gz);
                Descriptor layer = new Descriptor(LAYER_GZIP, digest, Files.size(gz), Optional.empty());
                if (!registry.blobExists(repo, digest)) {
                    registry.pushBlob(repo, layer, Files.newInputStream(gz), 0);
                }
                ObjectNode node = layers.addObject();
                node.put("mediaType", layer.mediaType());
                node.put("size", layer.size());
                node.put("digest", layer.digest());
            }
            Manifest m = Manifest.of(MANIFEST_V2, json.writeValueAsBytes(manifest));
            registry.putManifest(repo, target.tag().orElse(m.digest()), m);
            return m.digest();
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.IO, "cannot push " + target + ": " + e.getMessage(), e);
        } catch (RegistryException e) {
            throw registryFailure("push of " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(KmmException.Reason.INTERRUPTED, "push of " + target + " interrupted", e);
        } finally {
            if (dir != null) {
                try {
                    Tars.deleteRecursively(dir);
                } catch (IOException ignored) {
                    // temp files only
                }
            }
        }
    }

    /**
     * Pushes a docker-archive as a reference given as text.
     *
     * @param dockerArchive the archive stream (closed here)
     * @param target        {@code registry/repository:tag}
     * @return the manifest digest the registry stores
     * @see #push(InputStream, ImageReference)
     */
    public String push(InputStream dockerArchive, String target) {
        return push(dockerArchive, parse(target));
    }

    /**
     * The manifest digest of a tag, as the registry reports it.
     *
     * @param ref the reference (tag or digest)
     * @return the digest
     * @throws KmmException {@code REGISTRY} when the image does not exist or the registry fails
     */
    public String digest(ImageReference ref) {
        try {
            return client(ref).headManifest(ref.repository(), ref.manifestReference()).orElseThrow(() ->
                    new KmmException(KmmException.Reason.REGISTRY, "HEAD manifest " + ref + " answered 404"));
        } catch (RegistryException e) {
            throw registryFailure("HEAD manifest " + ref, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(KmmException.Reason.INTERRUPTED, "HEAD manifest " + ref + " interrupted", e);
        }
    }

    /**
     * The manifest digest of a reference given as text.
     *
     * @param ref {@code registry/repository:tag} or {@code registry/repository@sha256:...}
     * @return the digest
     * @see #digest(ImageReference)
     */
    public String digest(String ref) {
        return digest(parse(ref));
    }

    /**
     * Pulls an image and unpacks its layers, in order, into a directory (a root file system). The manifest
     * and every layer are checked against their digests.
     *
     * @param ref    the reference (tag or digest)
     * @param rootfs the target directory
     * @throws KmmException {@code REGISTRY} when missing, refused or not matching its digest
     */
    public void pull(ImageReference ref, Path rootfs) {
        try {
            io.ocatopic.kube.internal.oci.RegistryClient registry = client(ref);
            Manifest manifest = registry.getManifest(ref.repository(), ref.manifestReference());
            if (manifest.isIndex()) {
                throw new KmmException(KmmException.Reason.REGISTRY, ref + " is an image index, not one image");
            }
            var blobs = manifest.blobs();
            for (Descriptor layer : blobs.subList(1, blobs.size())) {
                try (InputStream raw = registry.openBlob(ref.repository(), layer, n -> { });
                     InputStream in = new BufferedInputStream(raw, 1 << 16)) {
                    in.mark(2);
                    int m1 = in.read();
                    int m2 = in.read();
                    in.reset();
                    InputStream tar = m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
                    Tars.extract(tar, rootfs);
                    // read to the end, so that the digest check runs over every byte
                    tar.transferTo(OutputStream.nullOutputStream());
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.IO, "cannot pull " + ref + ": " + e.getMessage(), e);
        } catch (RegistryException e) {
            throw registryFailure("pull of " + ref, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(KmmException.Reason.INTERRUPTED, "pull of " + ref + " interrupted", e);
        }
    }

    /**
     * Pulls an image given as text.
     *
     * @param image  {@code registry/repository:tag} or {@code registry/repository@sha256:...}
     * @param rootfs the target directory
     * @see #pull(ImageReference, Path)
     */
    public void pull(String image, Path rootfs) {
        pull(parse(image), rootfs);
    }

    private io.ocatopic.kube.internal.oci.RegistryClient client(ImageReference ref) {
        return clients.computeIfAbsent(ref.apiHost(),
                host -> io.ocatopic.kube.internal.oci.RegistryClient.create(host, options));
    }

    private static ImageReference parse(String image) {
        try {
            return ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new KmmException(KmmException.Reason.INVALID, "invalid image reference '" + image + "': " + e.getMessage(), e);
        }
    }

    private static KmmException registryFailure(String what, RegistryException e) {
        return new KmmException(KmmException.Reason.REGISTRY, what + " failed: " + e.getMessage(), e);
    }

    private static String gzip(Path in, Path out) throws IOException {
        MessageDigest md = DigestingInputStream.sha256();
        try (InputStream i = Files.newInputStream(in);
             OutputStream o = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(out), md), 1 << 16)) {
            i.transferTo(o);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }
}
