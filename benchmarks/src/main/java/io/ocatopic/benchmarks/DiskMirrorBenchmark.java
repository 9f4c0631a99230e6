package io.ocatopic.benchmarks;

import static io.ocatopic.benchmarks.LocalRegistries.check;
import static io.ocatopic.benchmarks.LocalRegistries.names;
import static io.ocatopic.benchmarks.LocalRegistries.run;
import static io.ocatopic.benchmarks.LocalRegistries.status;
import static io.ocatopic.benchmarks.LocalRegistries.time;

import io.ocatopic.ztp.internal.mirror.ArchiveSummary;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code RegistryMirror} to and from disk against skopeo 1.9: the images of {@link MirrorBenchmark} (5 layers
 * each, 2 shared; gzip layers here so that skopeo does not recompress), registry to an OCI layout
 * ({@code skopeo copy docker://... oci:DIR:REF} per image, and {@code skopeo sync --dest dir}), layout to an
 * empty registry ({@code skopeo copy oci:DIR:REF docker://...} per image), and the size of a delta archive
 * after 2 images are added and 1 tag moves against a full re-export. Run with
 * {@code benchmarks/run.sh DiskMirrorBenchmark [images] [layerMiB]}.
 */
public final class DiskMirrorBenchmark {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();

    private DiskMirrorBenchmark() {
    }

    /**
     * Runs the benchmark and prints the table.
     *
     * @param args optional image count and layer size in MiB (default 20, 8)
     * @throws Exception when a registry or skopeo fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(256 * 1024));
        }
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int layerMiB = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (LocalRegistries registries = LocalRegistries.create("disk-mirror-bench")) {
            Path dir = registries.dir();
            String src = registries.start("src");
            String oursDst = registries.start("ours-dst");
            String skopeoDst = registries.start("skopeo-dst");
            RegistryClient c = RegistryClient.create(src, RegistryClient.Options.insecurePlainHttp());
            List<byte[]> shared = List.of(gz(1, layerMiB << 20), gz(2, layerMiB << 20));
            long bytes = 2L * shared.get(0).length;
            for (int i = 0; i < images; i++) {
                bytes += push(c, "bench/img" + i, "1", shared, 1000 + i * 10, layerMiB);
            }
            List<ImageReference> refs = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                refs.add(ImageReference.parse(src + "/bench/img" + i + ":1"));
            }
            double mib = bytes / 1048576.0;
            System.out.printf("DiskMirrorBenchmark: %d images x 5 gzip layers of %d MiB (2 shared), %.0f MiB unique, %s%n",
                    images, layerMiB, mib, run(List.of("skopeo", "--version")).trim());

            Path oursDir = dir.resolve("ours-layout");
            double oursToDisk = time(() -> check(RegistryMirror.builder().registry(src, PLAIN).toDirectory(oursDir).build()
                    .mirror(names(refs))));
            Path skopeoDir = dir.resolve("skopeo-layout");
            double skopeoToDisk = time(() -> {
                for (int i = 0; i < images; i++) {
                    run(List.of("skopeo", "copy", "-q", "--preserve-digests", "--src-tls-verify=false",
                            "docker://" + src + "/bench/img" + i + ":1", "oci:" + skopeoDir + ":" + src + "/bench/img" + i + ":1"));
                }
            });
            Path yaml = dir.resolve("sync.yaml");
            Files.writeString(yaml, LocalRegistries.syncYaml(src, images));
            Path syncDir = dir.resolve("skopeo-sync");
            Files.createDirectories(syncDir);
            double syncToDisk = time(() -> run(List.of("skopeo", "sync", "--src", "yaml", "--dest", "dir",
                    "--src-tls-verify=false", yaml.toString(), syncDir.toString())));

            double oursFromDisk = time(() -> check(RegistryMirror.builder().destination(oursDst, PLAIN).build()
                    .mirrorFrom(List.of(oursDir))));
            double skopeoFromDisk = time(() -> {
                for (int i = 0; i < images; i++) {
                    run(List.of("skopeo", "copy", "-q", "--preserve-digests", "--dest-tls-verify=false",
                            "oci:" + skopeoDir + ":" + src + "/bench/img" + i + ":1",
                            "docker://" + skopeoDst + "/bench/img" + i + ":1"));
                }
            });
            for (String h : List.of(oursDst, skopeoDst)) {
                if (status(h, "/v2/bench/img" + (images - 1) + "/manifests/1") != 200) {
                    throw new IllegalStateException("missing image in " + h);
                }
            }

            // delta: base archive, then 2 new images and 1 moved tag
            Path base = dir.resolve("base.tar");
            check(RegistryMirror.builder().registry(src, PLAIN).toArchive(base, 0).build().mirror(names(refs)));
            long newBytes = push(c, "bench/img0", "1", shared, 9000, layerMiB);
            newBytes += push(c, "bench/new1", "1", shared, 9100, layerMiB);
            newBytes += push(c, "bench/new2", "1", shared, 9200, layerMiB);
            List<ImageReference> all = new ArrayList<>(refs);
            all.add(ImageReference.parse(src + "/bench/new1:1"));
            all.add(ImageReference.parse(src + "/bench/new2:1"));
            Path delta = dir.resolve("delta.tar");
            double deltaTime = time(() -> check(RegistryMirror.builder().registry(src, PLAIN).toArchive(delta, 0)
                    .since(base).build().mirror(names(all))));
            Path fullAgain = dir.resolve("full.tar");
            double fullTime = time(() -> check(RegistryMirror.builder().registry(src, PLAIN).toArchive(fullAgain, 0).build()
                    .mirror(names(all))));
            ArchiveSummary ds = ArchiveSummary.read(delta);

            System.out.println();
            System.out.println("| run | ocatopic RegistryMirror | skopeo copy (per image) | skopeo sync --dest dir | vs copy | vs sync |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| registry -> disk | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %.1fx | %.1fx |%n",
                    oursToDisk, mib / oursToDisk, skopeoToDisk, mib / skopeoToDisk, syncToDisk, mib / syncToDisk,
                    skopeoToDisk / oursToDisk, syncToDisk / oursToDisk);
            System.out.printf("| disk -> registry | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | - | %.1fx | - |%n",
                    oursFromDisk, mib / oursFromDisk, skopeoFromDisk, mib / skopeoFromDisk, skopeoFromDisk / oursFromDisk);
            System.out.println();
            System.out.printf("delta after 2 new images + 1 moved tag: %d bytes file (%.1f MiB of blobs, new layer bytes %.1f MiB),"
                            + " %.2f s; full re-export: %d bytes, %.2f s; blobs the site has in the delta: %d bytes%n",
                    Files.size(delta), ds.includedBlobBytes() / 1048576.0, newBytes / 1048576.0, deltaTime,
                    Files.size(fullAgain), fullTime, ds.blobs().stream().filter(b -> b.included()
                            && ArchiveSummary.read(base).siteHolds().contains(b.digest())).mapToLong(ArchiveSummary.Blob::size).sum());
            System.out.println("Goals: >= 1.5x skopeo each way; a delta holds 0 bytes of blobs the site has.");
        }
    }

    private static byte[] gz(long seed, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 4096);
        try (GZIPOutputStream g = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            g.write(b);
        }
        return out.toByteArray();
    }

    /** Pushes one OCI image with the shared layers and 3 of its own; returns the bytes of its own layers. */
    private static long push(RegistryClient c, String repo, String tag, List<byte[]> shared, long seed, int layerMiB)
            throws Exception {
        List<byte[]> layers = new ArrayList<>(shared);
        long own = 0;
        for (int l = 0; l < 3; l++) {
            byte[] b = gz(seed + l, layerMiB << 20);
            layers.add(b);
            own += b.length;
        }
        LocalRegistries.pushImage(c, repo, tag, layers, true, seed);
        return own;
    }
}
