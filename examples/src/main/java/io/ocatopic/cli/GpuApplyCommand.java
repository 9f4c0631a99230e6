package io.ocatopic.cli;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.mig.Fleet;
import io.ocatopic.gpu.mig.MigPlan;
import io.ocatopic.gpu.node.ApplyReport;
import io.ocatopic.gpu.node.NodeObserver;
import io.ocatopic.gpu.node.NvmlMigNode;
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
            NvmlMigNode mig = new NvmlMigNode(nvml, gp.catalog());
            MigPlan plan = gp.plan(new Fleet(List.of(NodeObserver.observe(node, "", mig))), GpuSupport.demands(demand));
            ApplyReport r = gp.apply(plan.nodes().get(0), mig, !execute);
            System.out.printf("satisfied %d/%d; %s%n", plan.satisfiedTotal(), plan.demandedTotal(),
                    r.dryRun() ? "dry run, would do:" : "done:");
            r.done().forEach(a -> System.out.println("  - " + a));
            r.failed().ifPresent(a -> System.out.println("FAILED " + a + ": " + r.error()));
            r.pending().forEach(a -> System.out.println("  not run: " + a));
            return r.succeeded() ? 0 : 2;
        }
    }
}
