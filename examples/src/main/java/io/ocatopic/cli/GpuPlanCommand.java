package io.ocatopic.cli;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocatopic gpu plan FLEET.yaml --demand [group:]profile=count ...}: plans MIG layouts. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan MIG layouts across a fleet (YAML: nodes[{name, group, gpus[{index, model, migEnabled, instances}]}];"
                + " model is a catalog key such as A100-40GB, an NVML product name such as \"NVIDIA A100-SXM4-40GB\""
                + " or a PCI id such as 0x20B010DE).")
public final class GpuPlanCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "fleet YAML file")
    File fleetFile;

    @Option(names = "--demand", description = "[group:]profile=count, repeatable", required = true)
    List<String> demand = new ArrayList<>();

    @Option(names = "--mig-parted", description = "also print each node's mig-parted config")
    boolean migParted;

    @Override
    public Integer call() throws Exception {
        Fleet fleet = Fleet.fromYaml(java.nio.file.Files.readString(fleetFile.toPath()));
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        MigPlan plan = gp.plan(fleet, GpuSupport.demands(demand));
        System.out.printf("satisfied %d/%d %s, %d GPUs touched (%s)%n", plan.satisfiedTotal(), plan.demandedTotal(),
                plan.satisfied(), plan.touchedGpus(), plan.method());
        for (MigPlan.Node n : plan.nodes()) {
            System.out.println("node " + n.node());
            n.gpus().forEach(g -> System.out.println("  gpu " + g.index() + " " + g.model() + " " + g.target()
                    + (g.touched() ? " (changed)" : "")));
            n.actions().forEach(a -> System.out.println("  - " + a));
            if (migParted) {
                System.out.print(gp.migPartedConfig(n));
            }
        }
        if (plan.satisfiedTotal() < plan.demandedTotal()) {
            System.err.printf("ocatopic gpu plan: the plan does not meet the demand: %d of %d instances placed%n",
                    plan.satisfiedTotal(), plan.demandedTotal());
            return 1;
        }
        return 0;
    }
}
