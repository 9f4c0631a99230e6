package io.ocatopic.benchmarks;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code RegistryMirror} against skopeo: 20 images of 5 random 8 MiB layers (2 shared by all, 3 of
 * their own) between two local docker-registry instances, cold and when nothing changed; skopeo as
 * one {@code skopeo copy} per image and as one {@code skopeo sync}. Each tool gets its own empty
 * destination registry. Run with {@code benchmarks/run.sh MirrorBenchmark [images] [layerMiB] [parallelism]}.
 */
public final class MirrorBenchmark {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();

    private MirrorBenchmark() {
    }

    /**
     * Runs the benchmark and prints the table.
     *
     * @param args optional image count, layer size in MiB and parallelism (default 20, 8, 8)
     * @throws Exception when a registry or skopeo fails
     */
    public static void main(String[] args) throws Exception {
        // run the client as the ocatopic command does (it sets this at start unless the user chose a
        // size); -Djdk.httpclient.bufsize=16384 measures the JDK default
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(256 * 1024));
        }
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int layerMiB = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("mirror-bench");
        List<Registry> registries = new ArrayList<>();
        try {
            Registry src = start(dir.resolve("src"), registries);
            Registry ours = start(dir.resolve("ours"), registries);
            Registry copy = start(dir.resolve("skopeo-copy"), registries);
            Registry sync = start(dir.resolve("skopeo-sync"), registries);
            long bytes = populate(src, images, layerMiB);
            System.out.printf("MirrorBenchmark: jdk.httpclient.bufsize=%s, parallelism %d%n",
                    System.getProperty("jdk.httpclient.bufsize"), parallelism);
            System.out.printf("MirrorBenchmark: %d images x 5 layers of %d MiB (2 shared), %.0f MiB unique, "
                    + "docker-registry %s, %s%n", images, layerMiB, bytes / 1048576.0,
                    run(List.of("/usr/bin/docker-registry", "--version")).trim(), run(List.of("skopeo", "--version")).trim());

            List<ImageReference> refs = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                refs.add(ImageReference.parse(src.host + "/bench/img" + i + ":1"));
            }
            RegistryMirror mirror = RegistryMirror.builder().registry(src.host, PLAIN).destination(ours.host, PLAIN)
                    .parallelism(parallelism).build();
            double oursCold = time(() -> check(mirror.mirror(names(refs))));
            double oursWarm = time(() -> check(mirror.mirror(names(refs))));

            double copyCold = time(() -> skopeoCopyAll(src, copy, images));
            double copyWarm = time(() -> skopeoCopyAll(src, copy, images));

            Path yaml = dir.resolve("sync.yaml");
            StringBuilder y = new StringBuilder(src.host + ":\n  tls-verify: false\n  images:\n");
            for (int i = 0; i < images; i++) {
                y.append("    bench/img").append(i).append(":\n      - \"1\"\n");
            }
            Files.writeString(yaml, y.toString());
            List<String> syncCmd = List.of("skopeo", "sync", "--src", "yaml", "--dest", "docker",
                    "--src-tls-verify=false", "--dest-tls-verify=false", yaml.toString(), sync.host);
            double syncCold = time(() -> run(syncCmd));
            double syncWarm = time(() -> run(syncCmd));
            // every copy landed: the last image's manifest is in each destination
            String probe = "/v2/bench/img" + (images - 1) + "/manifests/1";
            for (Registry r : List.of(ours, copy)) {
                if (status(r.host, probe) != 200) {
                    throw new IllegalStateException("missing image in " + r.host);
                }
            }

            double mib = bytes / 1048576.0;
            System.out.println();
            System.out.println("| run | ocatopic RegistryMirror | skopeo copy (per image) | skopeo sync | vs copy | vs sync |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| cold | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %.1fx | %.1fx |%n",
                    oursCold, mib / oursCold, copyCold, mib / copyCold, syncCold, mib / syncCold,
                    copyCold / oursCold, syncCold / oursCold);
            System.out.printf("| no change | %.3f s | %.2f s | %.2f s | %.1fx | %.1fx |%n",
                    oursWarm, copyWarm, syncWarm, copyWarm / oursWarm, syncWarm / oursWarm);
            System.out.println();
            System.out.println("Goals: cold >= 1.5x skopeo copy, no change >= 10x skopeo copy.");
        } finally {
            for (Registry r : registries) {
                r.process.destroy();
                r.process.waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(MirrorResult r) {
        if (!r.ok()) {
            throw new IllegalStateException("mirror failed: " + r.failed());
        }
    }

    private static void skopeoCopyAll(Registry src, Registry dst, int images) throws Exception {
        for (int i = 0; i < images; i++) {
            run(List.of("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + src.host + "/bench/img" + i + ":1", "docker://" + dst.host + "/bench/img" + i + ":1"));
        }
    }

    /** Pushes the images; returns the unique blob bytes. */
    private static long populate(Registry src, int images, int layerMiB) throws Exception {
        RegistryClient c = RegistryClient.create(src.host, RegistryClient.Options.insecurePlainHttp());
        int size = layerMiB << 20;
        long total = 0;
        List<byte[]> shared = List.of(random(1, size), random(2, size));
        for (int i = 0; i < images; i++) {
            String repo = "bench/img" + i;
            List<Descriptor> layers = new ArrayList<>();
            for (byte[] s : shared) {
                layers.add(c.pushBlob(repo, s));
            }
            for (int l = 0; l < 3; l++) {
                layers.add(c.pushBlob(repo, random(1000 + i * 10 + l, size)));
                total += size;
            }
            Descriptor cfg = c.pushBlob(repo, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[]},\"config\":{},\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.DOCKER_MANIFEST
                    + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\""
                    + cfg.digest() + "\",\"size\":" + cfg.size() + "},\"layers\":[");
            for (int l = 0; l < layers.size(); l++) {
                json.append(l == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                        + "\"digest\":\"").append(layers.get(l).digest()).append("\",\"size\":").append(size).append('}');
            }
            json.append("]}");
            c.putManifest(repo, "1", Manifest.of(Manifest.DOCKER_MANIFEST, json.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return total + 2L * size;
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static double time(Action a) throws Exception {
        long t = System.nanoTime();
        a.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private record Registry(String host, Process process) {
    }

    private static Registry start(Path dir, List<Registry> all) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n");
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        Registry r = new Registry("127.0.0.1:" + port, p);
        all.add(r);
        for (int i = 0; i < 200; i++) {
            try {
                if (status(r.host, "/v2/") == 200) {
                    return r;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    private static int status(String host, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", String.join(",", Manifest.SUPPORTED)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static java.util.List<String> names(java.util.List<io.ocatopic.kube.internal.oci.ImageReference> refs) {
        return refs.stream().map(Object::toString).toList();
    }
}
