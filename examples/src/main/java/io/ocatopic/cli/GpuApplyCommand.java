package io.ocatopic.cli;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.kube.StepReport;
import io.ocatopic.nvml.Nvml;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic gpu apply --demand ... [--execute]}: plans this node and applies the diff (dry run by default). */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Plan this node's GPUs for the demand and apply the diff through NVML (dry run unless --execute).")
public final class GpuApplyCommand implements Callable<Integer> {
    @Option(names = "--demand", description = "profile=count, repeatable", required = true)
    List<String> demand = new ArrayList<>();

    @Option(names = "--node", description = "node name")
    String node = "local";

    @Option(names = "--execute", description = "really change the GPUs")
    boolean execute;

    @Option(names = "--library", description = "NVML library name or path (default nvidia-ml)")
    String library = System.getProperty(Nvml.LIBRARY_PROPERTY, Nvml.DEFAULT_LIBRARY);

    @Override
    public Integer call() {
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        try (Nvml nvml = Nvml.open(library)) {
            MigPlan plan = gp.plan(new Fleet(List.of(gp.observe(node, "", nvml))), GpuSupport.demands(demand));
            MigPlan.Node nodePlan = plan.nodes().get(0);
            if (!execute) {
                // dry run: print what would be done and change nothing
                System.out.printf("satisfied %d/%d; dry run, would do:%n", plan.satisfiedTotal(), plan.demandedTotal());
                nodePlan.actions().forEach(a -> System.out.println("  - " + a));
                return 0;
            }
            StepReport<MigPlan.Action> r = gp.apply(nodePlan, nvml);
            System.out.printf("satisfied %d/%d; done:%n", plan.satisfiedTotal(), plan.demandedTotal());
            r.done().forEach(a -> System.out.println("  - " + a));
            r.failed().ifPresent(f -> System.out.println("FAILED " + f.step() + ": " + f.error()));
            r.notAttempted().forEach(a -> System.out.println("  not run: " + a));
            return r.ok() ? 0 : 2;
        }
    }
}
