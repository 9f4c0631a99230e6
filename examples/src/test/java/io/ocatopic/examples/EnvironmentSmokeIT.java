package io.ocatopic.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.ocatopic.kube.testing.RealEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the real test environment is real: docker-java talks to podman's Docker API, builds a
 * {@code FROM scratch} image holding a file, pushes it to the docker-registry, and the test reads the
 * manifest and the layer back over the distribution API and finds the file, byte for byte.
 */
class EnvironmentSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void buildPushAndReadBackFromTheRegistry(@TempDir Path context) throws Exception {
        String dockerHost = RealEnvironment.require("DOCKER_HOST");
        String registry = RealEnvironment.require("OCATOPIC_TEST_REGISTRY");

        String payload = "ocatopic smoke " + UUID.randomUUID() + "\n";
        Files.writeString(context.resolve("hello.txt"), payload);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");

        String repo = registry + "/ocatopic/smoke";
        String tag = "t" + System.nanoTime();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        try (ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost()).build();
                DockerClient docker = DockerClientImpl.getInstance(config, http)) {
            String imageId = docker.buildImageCmd(context.toFile())
                    .withTags(Set.of(repo + ":" + tag))
                    .start().awaitImageId(120, TimeUnit.SECONDS);
            assertTrue(imageId != null && !imageId.isBlank(), "image built");
            StringBuilder errors = new StringBuilder();
            docker.pushImageCmd(repo).withTag(tag).exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.isErrorIndicated()) {
                        errors.append(item.getErrorDetail() == null ? item.getError() : item.getErrorDetail().getMessage());
                    }
                }
            }).awaitCompletion(120, TimeUnit.SECONDS);
            assertEquals("", errors.toString(), "push errors");
            docker.removeImageCmd(imageId).withForce(true).exec();
        }

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/ocatopic/smoke/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                        + "application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, manifest.statusCode(), manifest.body());
        JsonNode layers = JSON.readTree(manifest.body()).get("layers");
        assertEquals(1, layers.size(), manifest.body());
        String digest = layers.get(0).get("digest").asText();

        HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/ocatopic/smoke/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, blob.statusCode());
        assertEquals(digest, "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(blob.body())), "layer digest matches its bytes");
        assertEquals(payload, fileInTar(blob.body(), "hello.txt"));
    }

    /** Reads one regular file out of a (possibly gzip-compressed) tar layer. */
    private static String fileInTar(byte[] layer, String name) throws IOException {
        InputStream in = new ByteArrayInputStream(layer);
        if (layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b) {
            in = new GZIPInputStream(in);
        }
        byte[] tar = in.readAllBytes();
        for (int off = 0; off + 512 <= tar.length; ) {
            String entry = new String(tar, off, 100, StandardCharsets.US_ASCII).replace("\0", "");
            if (entry.isEmpty()) {
                break;
            }
            long size = Long.parseLong(new String(tar, off + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            if (entry.equals(name) || entry.equals("./" + name) || entry.equals("/" + name)) {
                return new String(tar, off + 512, (int) size, StandardCharsets.UTF_8);
            }
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        throw new AssertionError(name + " not found in the layer");
    }
}
