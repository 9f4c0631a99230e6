package io.ocatopic.benchmarks;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.mirror.MirrorResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the mirror benchmarks share: local docker-registry instances in one scratch directory (stopped and
 * deleted on close), pushing synthetic images, timing, and running skopeo.
 */
final class LocalRegistries implements AutoCloseable {
    /** A timed step. */
    interface Action {
        /** @throws Exception when the step fails */
        void run() throws Exception;
    }

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    private LocalRegistries(Path dir) {
        this.dir = dir;
    }

    /**
     * @param prefix the scratch directory's name prefix
     * @return an empty set of registries in a new scratch directory
     * @throws IOException when the directory cannot be created
     */
    static LocalRegistries create(String prefix) throws IOException {
        return new LocalRegistries(Files.createTempDirectory(prefix));
    }

    /** @return the scratch directory, deleted on close */
    Path dir() {
        return dir;
    }

    /**
     * Starts one empty docker-registry on a free loopback port, its data under {@code dir()/name}.
     *
     * @param name the registry's directory name
     * @return its {@code 127.0.0.1:port}
     * @throws Exception when it does not answer {@code /v2/} within 10 s
     */
    String start(String name) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = home.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + home.resolve("data") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n");
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("registry.log").toFile()).start();
        processes.add(p);
        String host = "127.0.0.1:" + port;
        for (int i = 0; i < 200; i++) {
            try {
                if (status(host, "/v2/") == 200) {
                    return host;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("docker-registry did not start: " + Files.readString(home.resolve("registry.log")));
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Pushes one image: the layers as given, a small config that differs by {@code n}, and a manifest.
     *
     * @param c      the client of the registry
     * @param repo   the repository
     * @param tag    the tag
     * @param layers the layer blobs (gzip for OCI, anything for the Docker media types)
     * @param oci    an OCI manifest when true, else a Docker v2 schema 2 one
     * @param n      what makes the config unique
     * @throws Exception when the registry refuses
     */
    static void pushImage(RegistryClient c, String repo, String tag, List<byte[]> layers, boolean oci, long n)
            throws Exception {
        List<Descriptor> pushed = new ArrayList<>();
        for (byte[] b : layers) {
            pushed.add(c.pushBlob(repo, b));
        }
        Descriptor cfg = c.pushBlob(repo, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"config\":{},\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
        String type = oci ? Manifest.OCI_MANIFEST : Manifest.DOCKER_MANIFEST;
        String configType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json";
        String layerType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip";
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + type
                + "\",\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\""
                + cfg.digest() + "\",\"size\":" + cfg.size() + "},\"layers\":[");
        for (int l = 0; l < pushed.size(); l++) {
            json.append(l == 0 ? "" : ",").append("{\"mediaType\":\"").append(layerType).append("\",\"digest\":\"")
                    .append(pushed.get(l).digest()).append("\",\"size\":").append(pushed.get(l).size()).append('}');
        }
        json.append("]}");
        c.putManifest(repo, tag, Manifest.of(type, json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param srcHost the source registry
     * @param images  how many {@code bench/imgN:1} images
     * @return a {@code skopeo sync --src yaml} file naming them
     */
    static String syncYaml(String srcHost, int images) {
        StringBuilder y = new StringBuilder(srcHost + ":\n  tls-verify: false\n  images:\n");
        for (int i = 0; i < images; i++) {
            y.append("    bench/img").append(i).append(":\n      - \"1\"\n");
        }
        return y.toString();
    }

    /**
     * @param host a registry
     * @param path a path on it
     * @return the status of a HEAD request
     * @throws IOException          when it cannot be reached
     * @throws InterruptedException when interrupted
     */
    static int status(String host, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", String.join(",", Manifest.SUPPORTED)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * @param a the step
     * @return its wall time in seconds
     * @throws Exception when it fails
     */
    static double time(Action a) throws Exception {
        long t = System.nanoTime();
        a.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * @param cmd a command line
     * @return its output
     * @throws IOException          when it exits non-zero
     * @throws InterruptedException when interrupted
     */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** @param r a mirror run @throws IllegalStateException when it did not pass */
    static void check(MirrorResult r) {
        if (!r.ok()) {
            throw new IllegalStateException("mirror failed: " + r.failed());
        }
    }

    /** @param refs references @return them as strings, as {@code RegistryMirror.mirror} takes them */
    static List<String> names(List<ImageReference> refs) {
        return refs.stream().map(Object::toString).toList();
    }
}
