package io.ocatopic.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.internal.render.ChassisRenderer;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import io.ocatopic.cli.Ocatopic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The cost of checking rendered objects against the upstream CRDs ({@link SchemaCheck}), beside the cost
 * of rendering them: renders 1,000 clusters (every hub and import object), then checks them all, on one
 * thread; then re-checks the mixed set to give objects/s. Goal: checking adds less than 25% to rendering.
 * Run: {@code benchmarks/run.sh SchemaCheckBenchmark [clusters] [rounds]}.
 */
public final class SchemaCheckBenchmark {
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
            io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();

    private SchemaCheckBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional cluster count (default 1000) and rounds (default 3)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SchemaCheck check = SchemaCheck.bundled();
        // warm-up: JIT, CRD parsing and schema compilation happen once per JVM
        for (int i = 0; i < 3; i++) {
            check.checkAll(objects(ChassisRenderer.render(SampleChassis.chassis("warm", 50), Map.of())));
        }
        ChassisSpec spec = SampleChassis.chassis("edge", n);
        long bestRender = Long.MAX_VALUE;
        long bestCheck = Long.MAX_VALUE;
        long bestTree = Long.MAX_VALUE;
        int count = 0;
        long conforming = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
            long t1 = System.nanoTime();
            List<HasMetadata> objs = objects(rendered);
            SchemaCheck.Report report = check.checkAll(objs);
            long t2 = System.nanoTime();
            for (HasMetadata o : objs) {
                TREES.convertValue(o, Map.class);
            }
            bestTree = Math.min(bestTree, System.nanoTime() - t2);
            bestRender = Math.min(bestRender, t1 - t0);
            bestCheck = Math.min(bestCheck, t2 - t1);
            count = objs.size();
            conforming = report.conforming();
        }
        System.out.printf("%-48s %10s %14s%n", "operation (" + n + " clusters, " + count + " objects, best of " + rounds + ")",
                "total ms", "objects/s");
        System.out.printf("%-48s %10.0f %14.0f%n", "render every output (in memory)", bestRender / 1e6, count / (bestRender / 1e9));
        System.out.printf("%-48s %10.0f %14.0f%n", "check every object (SchemaCheck, one thread)", bestCheck / 1e6, count / (bestCheck / 1e9));
        System.out.printf("%-48s %10.0f %14.0f%n", "  of which the floor: object to JSON tree", bestTree / 1e6, count / (bestTree / 1e9));
        System.out.printf("%-48s %10.2f%n", "ratio check : render (time)", (double) bestCheck / bestRender);
        System.out.printf("%-48s %10.2f%n", "ratio JSON-tree floor : render (time)", (double) bestTree / bestRender);
        System.out.printf("%-48s %10d / %d%n", "objects that conform", conforming, count);
        mixed(check, rounds);
        files(spec, rounds);
    }

    /** Objects/s over a mix of every module's outputs (ztp, dpu both clusters, kmm, gpu), one thread. */
    private static void mixed(SchemaCheck check, int rounds) {
        List<Object> mix = new ArrayList<>(objects(ChassisRenderer.render(SampleChassis.chassis("mix", 4), Map.of())));
        io.ocatopic.dpu.render.DpuResources dpu = io.ocatopic.examples.DpuOffloadExample.sampleConfig().render();
        mix.addAll(dpu.infra());
        mix.addAll(dpu.tenant());
        io.ocatopic.kmm.ModuleSpec kmm = io.ocatopic.kmm.ModuleBuilder.forModule("mlx5_core").namespace("kmm")
                .image("registry.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}").kernels("6.1.0-56-amd64").spec();
        mix.add(io.ocatopic.kmm.internal.resources.KmmResources.module(kmm));
        mix.add(io.ocatopic.kmm.internal.resources.KmmResources.managedClusterModule(kmm, "kmm", Map.of("edge", "true")));
        mix.add(io.ocatopic.gpu.internal.vgpu.VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C")));
        int reps = 200;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                check.checkAll(mix);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        long n = (long) mix.size() * reps;
        System.out.printf("%n%-48s %10.0f %14.0f%n", "mixed set (" + mix.size() + " objects of every module) x " + reps,
                best / 1e6, n / (best / 1e9));
    }

    /**
     * The command-line job: {@code ztp render} (render and write every file, as ChassisRenderer.write does)
     * beside {@code ocatopic lint} of the folder it wrote (read every YAML file, check every object), in-process.
     */
    private static void files(ChassisSpec spec, int rounds) {
        long bestRender = Long.MAX_VALUE;
        long bestLint = Long.MAX_VALUE;
        int rc = -1;
        for (int r = 0; r < rounds; r++) {
            Path dir;
            try {
                dir = Files.createTempDirectory("ocatopic-lint-bench");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long t0 = System.nanoTime();
            List<Path> written = ChassisRenderer.write(ChassisRenderer.render(spec, Map.of()), dir);
            long t1 = System.nanoTime();
            CommandLine cl = Ocatopic.commandLine();
            cl.setOut(new PrintWriter(Writer.nullWriter()));
            cl.setErr(new PrintWriter(Writer.nullWriter()));
            rc = cl.execute("lint", dir.toString());
            long t2 = System.nanoTime();
            bestRender = Math.min(bestRender, t1 - t0);
            bestLint = Math.min(bestLint, t2 - t1);
            if (r == rounds - 1) {
                System.out.printf("%n%-48s %10s%n", "files (" + written.size() + " files, best of " + rounds + ")", "total ms");
            }
            delete(dir);
        }
        System.out.printf("%-48s %10.0f%n", "ztp render: render and write every file", bestRender / 1e6);
        System.out.printf("%-48s %10.0f   (exit %d)%n", "ocatopic lint of that folder (read + check)", bestLint / 1e6, rc);
        System.out.printf("%-48s %10.2f%n", "ratio lint : render (time)", (double) bestLint / bestRender);
    }

    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> objects(List<RenderedCluster> rendered) {
        List<HasMetadata> out = new ArrayList<>();
        for (RenderedCluster c : rendered) {
            out.addAll(c.hubObjects());
            out.addAll(c.importObjects());
            c.mirrorSet().ifPresent(out::add);
        }
        return out;
    }
}
