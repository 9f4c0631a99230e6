package io.ocatopic.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.Applier;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.internal.render.AcmImportRenderer;
import io.ocatopic.ztp.internal.render.ChassisRenderer;
import io.ocatopic.ztp.ImportCredentials;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import java.util.List;
import java.util.Map;

/**
 * Renders 1,000 clusters from one spec (every output) and applies 1,000 ManagedClusters with their
 * auto-import Secrets (plus Namespace and KlusterletAddonConfig) to the embedded API; prints throughput
 * side by side. Run: {@code benchmarks/run.sh ZtpRenderBenchmark [clusters]}.
 */
public final class ZtpRenderBenchmark {
    private ZtpRenderBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional cluster count (default 1000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        ChassisSpec spec = SampleChassis.chassis("edge", n);
        // warm-up
        ChassisRenderer.render(SampleChassis.chassis("warm", 20), Map.of());

        long t0 = System.nanoTime();
        List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
        long renderNs = System.nanoTime() - t0;
        int objects = rendered.stream().mapToInt(r -> r.hubObjects().size() + r.importObjects().size() + 2).sum();

        long t1 = System.nanoTime();
        int applied = 0;
        try (EmbeddedApi api = EmbeddedApi.start()) {
            Applier applier = api.applier();
            for (int i = 1; i <= n; i++) {
                String c = "edge-" + i;
                List<HasMetadata> objs = AcmImportRenderer.render(c, Map.of("bench", "true"),
                        ImportCredentials.token("https://api." + c + ".factory.example.com:6443", Secret.of("t")));
                applier.applyAll(objs);
                applied += objs.size();
            }
        }
        long applyNs = System.nanoTime() - t1;

        System.out.printf("%-44s %12s %14s %14s%n", "operation (" + n + " clusters)", "total ms", "clusters/s", "objects/s");
        row("render all outputs (in memory)", renderNs, n, objects);
        row("apply import set to embedded API", applyNs, n, applied);
        System.out.printf("%-44s %12s %14.1f%n", "ratio render : apply (clusters/s)", "",
                (n / (renderNs / 1e9)) / (n / (applyNs / 1e9)));
    }

    private static void row(String name, long ns, int clusters, int objects) {
        double s = ns / 1e9;
        System.out.printf("%-44s %12.0f %14.1f %14.1f%n", name, ns / 1e6, clusters / s, objects / s);
    }
}
