package io.ocatopic.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.SampleChassis;
import io.ocatopic.ztp.render.ChassisRenderer;
import io.ocatopic.ztp.render.RenderedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cost of checking rendered objects against the upstream CRDs ({@link SchemaCheck}), beside the cost
 * of rendering them: renders 1,000 clusters (every hub and import object), then checks them all, on one
 * thread; then re-checks the mixed set to give objects/s. Goal: checking adds less than 25% to rendering.
 * Run: {@code benchmarks/run.sh SchemaCheckBenchmark [clusters] [rounds]}.
 */
public final class SchemaCheckBenchmark {
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
        int count = 0;
        long conforming = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
            long t1 = System.nanoTime();
            List<HasMetadata> objs = objects(rendered);
            SchemaCheck.Report report = check.checkAll(objs);
            long t2 = System.nanoTime();
            bestRender = Math.min(bestRender, t1 - t0);
            bestCheck = Math.min(bestCheck, t2 - t1);
            count = objs.size();
            conforming = report.conforming();
        }
        System.out.printf("%-48s %10s %14s%n", "operation (" + n + " clusters, " + count + " objects, best of " + rounds + ")",
                "total ms", "objects/s");
        System.out.printf("%-48s %10.0f %14.0f%n", "render every output (in memory)", bestRender / 1e6, count / (bestRender / 1e9));
        System.out.printf("%-48s %10.0f %14.0f%n", "check every object (SchemaCheck, one thread)", bestCheck / 1e6, count / (bestCheck / 1e9));
        System.out.printf("%-48s %10.2f%n", "ratio check : render (time)", (double) bestCheck / bestRender);
        System.out.printf("%-48s %10d / %d%n", "objects that conform", conforming, count);
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
