package io.ocatopic.kmm.internal.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.kube.internal.oci.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kmm's registry adapter against an in-process registry: a docker-archive pushed, its digest read back and
 * the image pulled into a directory; anonymous bearer tokens are used on the registry only, never sent to
 * the host a blob download is redirected to; a corrupted layer is refused.
 */
class RegistryClientTest {
    private HttpServer registry;
    private HttpServer cdn;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    private final List<String> registryAuth = new CopyOnWriteArrayList<>();
    private final List<String> cdnAuth = new CopyOnWriteArrayList<>();
    private final List<String> tokenAuth = new CopyOnWriteArrayList<>();
    private volatile boolean redirectBlobs;
    private volatile boolean corruptCdn;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/token", this::token);
        registry.createContext("/v2/", this::registry);
        registry.start();
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cdn.createContext("/cdn/", this::cdn);
        cdn.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        cdn.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + registry.getAddress().getPort();
    }

    @Test
    void pushesADockerArchiveReadsItsDigestAndPullsItBack() throws IOException {
        RegistryClient client = RegistryClient.insecure();
        ImageReference target = ImageReference.parse(host() + "/kmm/hello:6.1.0-54-amd64");
        String digest = client.push(new ByteArrayInputStream(dockerArchive()), target);

        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(digest, client.digest(target));
        assertEquals(digest, client.digest(target.toString()));
        assertEquals(2, blobs.size(), "config and one layer");
        assertEquals(RegistryClient.MANIFEST_V2, manifestTypes.get("kmm/hello:6.1.0-54-amd64"));

        // pushing again skips the blobs the registry has and stores the same manifest
        int uploads = blobs.size();
        assertEquals(digest, client.push(new ByteArrayInputStream(dockerArchive()), target));
        assertEquals(uploads, blobs.size());

        Path rootfs = tmp.resolve("rootfs");
        client.pull(target.withDigest(digest).toString(), rootfs);
        assertEquals("hello\n", Files.readString(rootfs.resolve("opt/hello.txt")));
        assertTrue(registryAuth.stream().allMatch("Bearer anon-token"::equals), registryAuth.toString());
        assertFalse(tokenAuth.isEmpty());
        assertTrue(tokenAuth.stream().allMatch("null"::equals), "kmm has no credentials to send: " + tokenAuth);
    }

    @Test
    void aRedirectedBlobDownloadGetsNoCredentials() throws IOException {
        RegistryClient client = RegistryClient.insecure();
        ImageReference target = ImageReference.parse(host() + "/kmm/hello:1");
        String digest = client.push(new ByteArrayInputStream(dockerArchive()), target);
        redirectBlobs = true;

        Path rootfs = tmp.resolve("rootfs");
        client.pull(ImageReference.parse(host() + "/kmm/hello@" + digest), rootfs);

        assertEquals("hello\n", Files.readString(rootfs.resolve("opt/hello.txt")));
        assertFalse(cdnAuth.isEmpty(), "the layer came from the redirect target");
        assertTrue(cdnAuth.stream().allMatch("none"::equals), "no Authorization sent to another host: " + cdnAuth);
        assertTrue(registryAuth.contains("Bearer anon-token"), "the registry itself got its token");
    }

    @Test
    void aLayerNotMatchingItsDigestIsRefused() throws IOException {
        RegistryClient client = RegistryClient.insecure();
        ImageReference target = ImageReference.parse(host() + "/kmm/hello:1");
        client.push(new ByteArrayInputStream(dockerArchive()), target);
        redirectBlobs = true;
        corruptCdn = true;

        KmmException e = assertThrows(KmmException.class, () -> client.pull(target, tmp.resolve("rootfs")));
        assertEquals(KmmException.Reason.REGISTRY, e.reason());
    }

    @Test
    void aMissingTagIsARegistryFailure() {
        KmmException e = assertThrows(KmmException.class,
                () -> RegistryClient.insecure().digest(host() + "/kmm/absent:1"));
        assertEquals(KmmException.Reason.REGISTRY, e.reason());
    }

    // --------------------------------------------------------------------------------- fake registry

    private void token(HttpExchange ex) throws IOException {
        tokenAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        reply(ex, 200, "{\"token\":\"anon-token\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private void registry(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!"Bearer anon-token".equals(auth)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                    + "/token\",service=\"fake-registry\"");
            reply(ex, 401, new byte[0], Map.of());
            return;
        }
        registryAuth.add(auth);
        String path = ex.getRequestURI().getPath().substring("/v2/".length());
        String method = ex.getRequestMethod();
        int m = path.indexOf("/manifests/");
        int b = path.indexOf("/blobs/");
        if (m > 0) {
            String key = path.substring(0, m) + ":" + path.substring(m + "/manifests/".length());
            if (method.equals("PUT")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                String digest = DigestingInputStream.digestOf(body);
                String type = ex.getRequestHeaders().getFirst("Content-Type");
                for (String k : List.of(key, path.substring(0, m) + ":" + digest)) {
                    manifests.put(k, body);
                    manifestTypes.put(k, type);
                }
                reply(ex, 201, new byte[0], Map.of("Docker-Content-Digest", digest));
                return;
            }
            byte[] body = manifests.get(key);
            if (body == null) {
                reply(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}"
                        .getBytes(StandardCharsets.UTF_8), Map.of());
                return;
            }
            reply(ex, 200, method.equals("HEAD") ? null : body, Map.of("Content-Type", manifestTypes.get(key),
                    "Docker-Content-Digest", DigestingInputStream.digestOf(body)));
        } else if (b > 0 && path.startsWith("uploads/", b + "/blobs/".length())) {
            if (method.equals("POST")) {
                reply(ex, 202, new byte[0], Map.of("Location", "/v2/" + path + UUID.randomUUID()));
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String digest = ex.getRequestURI().getQuery().replaceFirst(".*digest=", "").replace("%3A", ":");
            if (!digest.equals(DigestingInputStream.digestOf(body))) {
                reply(ex, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"bad\"}]}"
                        .getBytes(StandardCharsets.UTF_8), Map.of());
                return;
            }
            blobs.put(digest, body);
            reply(ex, 201, new byte[0], Map.of("Docker-Content-Digest", digest));
        } else if (b > 0) {
            String digest = path.substring(b + "/blobs/".length());
            byte[] body = blobs.get(digest);
            if (body == null) {
                reply(ex, 404, new byte[0], Map.of());
            } else if (method.equals("GET") && redirectBlobs) {
                reply(ex, 307, new byte[0], Map.of("Location",
                        "http://127.0.0.1:" + cdn.getAddress().getPort() + "/cdn/" + digest));
            } else {
                reply(ex, 200, method.equals("HEAD") ? null : body, Map.of());
            }
        } else {
            reply(ex, 404, new byte[0], Map.of());
        }
    }

    private void cdn(HttpExchange ex) throws IOException {
        cdnAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).replace("null", "none"));
        byte[] body = blobs.get(ex.getRequestURI().getPath().substring("/cdn/".length())).clone();
        if (corruptCdn) {
            body[body.length - 1] ^= 1;
        }
        reply(ex, 200, body, Map.of());
    }

    private static void reply(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    // --------------------------------------------------------------------------------- docker save

    private static byte[] dockerArchive() throws IOException {
        byte[] layer = tar(Map.of("opt/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8)));
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"localhost/hello:1\"],\"Layers\":[\"abc/layer.tar\"]}]"
                .getBytes(StandardCharsets.UTF_8);
        java.util.LinkedHashMap<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("manifest.json", manifest);
        files.put("config.json", config);
        files.put("abc/layer.tar", layer);
        return tar(files);
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                // a fixed time: the entry's default is "now", so two archives built a second apart differ
                e.setModTime(0);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
