package io.ocatopic.kmm.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.kmm.ImageRef;
import io.ocatopic.kmm.KmmException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small client of the registry HTTP API (distribution v2): pushes a docker-archive export as a Docker
 * schema-2 image (gzip layers, blobs the registry already has are skipped), resolves digests and pulls an
 * image back into a directory. Anonymous access; plain HTTP when created with {@link #insecure()}.
 *
 * <pre>{@code
 * RegistryClient registry = RegistryClient.insecure();
 * String digest = registry.push(engine.save("localhost/hello:1"), ImageRef.parse("127.0.0.1:5000/kmm/hello:1"));
 * registry.pull(ImageRef.parse("127.0.0.1:5000/kmm/hello@" + digest), Path.of("rootfs"));
 * }</pre>
 */
public final class RegistryClient {
    /** Docker schema-2 manifest media type. */
    public static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String ACCEPT = MANIFEST_V2 + ", " + OCI_MANIFEST;

    private final HttpClient http;
    private final String scheme;
    private final ObjectMapper json = new ObjectMapper();

    private RegistryClient(String scheme) {
        this.scheme = scheme;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** @return a client speaking HTTPS */
    public static RegistryClient secure() {
        return new RegistryClient("https");
    }

    /** @return a client speaking plain HTTP (local and test registries) */
    public static RegistryClient insecure() {
        return new RegistryClient("http");
    }

    /**
     * Pushes a docker-archive ({@code docker save} format) as {@code target}'s tag.
     *
     * @param dockerArchive the archive stream (closed here)
     * @param target        the repository and tag
     * @return the manifest digest the registry stores
     * @throws KmmException {@code REGISTRY} when the registry refuses, {@code IO} on local failures
     */
    public String push(InputStream dockerArchive, ImageRef target) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ocatopic-push-");
            try (InputStream in = dockerArchive) {
                Tars.extract(in, dir);
            }
            JsonNode archive = json.readTree(dir.resolve("manifest.json").toFile()).get(0);
            byte[] config = Files.readAllBytes(dir.resolve(archive.get("Config").asText()));
            ObjectNode manifest = json.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MANIFEST_V2);
            ObjectNode cfg = manifest.putObject("config");
            cfg.put("mediaType", "application/vnd.docker.container.image.v1+json");
            cfg.put("size", config.length);
            String configDigest = "sha256:" + sha256(config);
            cfg.put("digest", configDigest);
            uploadIfMissing(target, configDigest, HttpRequest.BodyPublishers.ofByteArray(config));
            ArrayNode layers = manifest.putArray("layers");
            for (JsonNode l : archive.get("Layers")) {
                Path gz = dir.resolve(l.asText() + ".gz");
                String digest = gzip(dir.resolve(l.asText()), gz);
                uploadIfMissing(target, digest, HttpRequest.BodyPublishers.ofFile(gz));
                ObjectNode layer = layers.addObject();
                layer.put("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip");
                layer.put("size", Files.size(gz));
                layer.put("digest", digest);
            }
            byte[] body = json.writeValueAsBytes(manifest);
            String digest = "sha256:" + sha256(body);
            String ref = target.tag().isEmpty() ? digest : target.tag();
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(target, "/manifests/" + ref))
                    .header("Content-Type", MANIFEST_V2).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            expect(r, 201, "PUT manifest " + target);
            String stored = r.headers().firstValue("Docker-Content-Digest").orElse(digest);
            if (!stored.equals(digest)) {
                throw new KmmException(KmmException.Reason.REGISTRY, "registry stored " + stored + " for manifest " + digest);
            }
            return digest;
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.IO, "cannot push " + target + ": " + e.getMessage(), e);
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
     * The manifest digest of a tag, as the registry reports it.
     *
     * @param ref the reference (tag or digest)
     * @return the digest
     */
    public String digest(ImageRef ref) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(ref, "/manifests/" + reference(ref)))
                .header("Accept", ACCEPT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        expect(r, 200, "HEAD manifest " + ref);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow(() ->
                new KmmException(KmmException.Reason.REGISTRY, "no Docker-Content-Digest for " + ref));
    }

    /**
     * Pulls an image and unpacks its layers, in order, into a directory (a root file system).
     *
     * @param ref    the reference (tag or digest)
     * @param rootfs the target directory
     */
    public void pull(ImageRef ref, Path rootfs) {
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(ref, "/manifests/" + reference(ref)))
                    .header("Accept", ACCEPT).GET().build());
            expect(r, 200, "GET manifest " + ref);
            byte[] body = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!ref.digest().isEmpty() && !ref.digest().equals("sha256:" + sha256(body))) {
                throw new KmmException(KmmException.Reason.REGISTRY, "manifest of " + ref + " does not match its digest");
            }
            JsonNode manifest = json.readTree(body);
            for (JsonNode l : manifest.get("layers")) {
                HttpResponse<InputStream> b = http.send(HttpRequest.newBuilder(uri(ref, "/blobs/" + l.get("digest").asText()))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (b.statusCode() != 200) {
                    b.body().close();
                    throw new KmmException(KmmException.Reason.REGISTRY, "GET blob of " + ref + " answered " + b.statusCode());
                }
                try (InputStream in = new BufferedInputStream(b.body())) {
                    in.mark(2);
                    int m1 = in.read();
                    int m2 = in.read();
                    in.reset();
                    Tars.extract(m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(in) : in, rootfs);
                }
            }
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.IO, "cannot pull " + ref + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(KmmException.Reason.INTERRUPTED, "pull of " + ref + " interrupted", e);
        }
    }

    private void uploadIfMissing(ImageRef target, String digest, HttpRequest.BodyPublisher body) {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri(target, "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<String> start = send(HttpRequest.newBuilder(uri(target, "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        expect(start, 202, "start blob upload to " + target.name());
        String location = start.headers().firstValue("Location").orElseThrow(() ->
                new KmmException(KmmException.Reason.REGISTRY, "blob upload without Location"));
        URI loc = URI.create(scheme + "://" + target.registry() + "/").resolve(location);
        String sep = loc.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(loc + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(body).build());
        expect(put, 201, "upload blob " + digest + " to " + target.name());
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.REGISTRY, req.method() + " " + req.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(KmmException.Reason.INTERRUPTED, req.method() + " " + req.uri() + " interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> r, int code, String what) {
        if (r.statusCode() != code) {
            String body = r.body() == null ? "" : r.body();
            throw new KmmException(KmmException.Reason.REGISTRY, what + " answered " + r.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(300, body.length())).strip()));
        }
    }

    private URI uri(ImageRef ref, String suffix) {
        if (ref.registry().isEmpty()) {
            throw new KmmException(KmmException.Reason.INVALID, "image " + ref + " names no registry");
        }
        return URI.create(scheme + "://" + ref.registry() + "/v2/" + ref.repository() + suffix);
    }

    private static String reference(ImageRef ref) {
        return ref.digest().isEmpty() ? (ref.tag().isEmpty() ? "latest" : ref.tag()) : ref.digest();
    }

    private static String gzip(Path in, Path out) throws IOException {
        MessageDigest md = sha();
        try (InputStream i = Files.newInputStream(in);
             OutputStream o = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(out), md), 1 << 16)) {
            i.transferTo(o);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha().digest(data));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
