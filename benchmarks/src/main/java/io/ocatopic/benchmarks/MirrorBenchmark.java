package io.ocatopic.benchmarks;

import static io.ocatopic.benchmarks.LocalRegistries.check;
import static io.ocatopic.benchmarks.LocalRegistries.names;
import static io.ocatopic.benchmarks.LocalRegistries.run;
import static io.ocatopic.benchmarks.LocalRegistries.status;
import static io.ocatopic.benchmarks.LocalRegistries.time;

import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        try (LocalRegistries registries = LocalRegistries.create("mirror-bench")) {
            Path dir = registries.dir();
            String src = registries.start("src");
            String ours = registries.start("ours");
            String copy = registries.start("skopeo-copy");
            String sync = registries.start("skopeo-sync");
            long bytes = populate(src, images, layerMiB);
            System.out.printf("MirrorBenchmark: jdk.httpclient.bufsize=%s, parallelism %d%n",
                    System.getProperty("jdk.httpclient.bufsize"), parallelism);
            System.out.printf("MirrorBenchmark: %d images x 5 layers of %d MiB (2 shared), %.0f MiB unique, "
                    + "docker-registry %s, %s%n", images, layerMiB, bytes / 1048576.0,
                    run(List.of("/usr/bin/docker-registry", "--version")).trim(), run(List.of("skopeo", "--version")).trim());

            List<ImageReference> refs = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                refs.add(ImageReference.parse(src + "/bench/img" + i + ":1"));
            }
            RegistryMirror mirror = RegistryMirror.builder().registry(src, PLAIN).destination(ours, PLAIN)
                    .parallelism(parallelism).build();
            double oursCold = time(() -> check(mirror.mirror(names(refs))));
            double oursWarm = time(() -> check(mirror.mirror(names(refs))));

            double copyCold = time(() -> skopeoCopyAll(src, copy, images));
            double copyWarm = time(() -> skopeoCopyAll(src, copy, images));

            Path yaml = dir.resolve("sync.yaml");
            Files.writeString(yaml, LocalRegistries.syncYaml(src, images));
            List<String> syncCmd = List.of("skopeo", "sync", "--src", "yaml", "--dest", "docker",
                    "--src-tls-verify=false", "--dest-tls-verify=false", yaml.toString(), sync);
            double syncCold = time(() -> run(syncCmd));
            double syncWarm = time(() -> run(syncCmd));
            // every copy landed: the last image's manifest is in each destination
            String probe = "/v2/bench/img" + (images - 1) + "/manifests/1";
            for (String r : List.of(ours, copy)) {
                if (status(r, probe) != 200) {
                    throw new IllegalStateException("missing image in " + r);
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
        }
    }

    private static void skopeoCopyAll(String src, String dst, int images) throws Exception {
        for (int i = 0; i < images; i++) {
            run(List.of("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + src + "/bench/img" + i + ":1", "docker://" + dst + "/bench/img" + i + ":1"));
        }
    }

    /** Pushes the images; returns the unique blob bytes. */
    private static long populate(String src, int images, int layerMiB) throws Exception {
        RegistryClient c = RegistryClient.create(src, RegistryClient.Options.insecurePlainHttp());
        int size = layerMiB << 20;
        long total = 0;
        List<byte[]> shared = List.of(random(1, size), random(2, size));
        for (int i = 0; i < images; i++) {
            List<byte[]> layers = new ArrayList<>(shared);
            for (int l = 0; l < 3; l++) {
                layers.add(random(1000 + i * 10 + l, size));
                total += size;
            }
            LocalRegistries.pushImage(c, "bench/img" + i, "1", layers, false, i);
        }
        return total + 2L * size;
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
