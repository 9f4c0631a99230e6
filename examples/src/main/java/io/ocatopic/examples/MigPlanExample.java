package io.ocatopic.examples;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.gpu.StrategyReport;
import io.ocatopic.kube.Manifests;
import java.util.List;

/**
 * MIG across a small fleet: two training nodes (A100-40GB, one GPU already partitioned with a busy
 * 3g.20gb) and an inference node (H100-80GB). Plans the demand, prints each node's diff (what to destroy
 * and create, in order), the per-node mig-parted config, the strategy check and the ClusterPolicy MIG
 * settings. Pure planning: nothing is touched.
 */
public final class MigPlanExample {
    private MigPlanExample() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        Fleet fleet = new Fleet(List.of(
                new Fleet.Node("train-0", "training", List.of(
                        new Fleet.Gpu(0, "A100-40GB", true, List.of(new Fleet.Instance("3g.20gb", 4, true),
                                new Fleet.Instance("2g.10gb", 0, false))),
                        Fleet.Gpu.empty(1, "A100-40GB"))),
                new Fleet.Node("train-1", "training", List.of(Fleet.Gpu.empty(0, "A100-40GB"),
                        Fleet.Gpu.empty(1, "A100-40GB"))),
                new Fleet.Node("infer-0", "inference", List.of(Fleet.Gpu.empty(0, "H100-80GB"),
                        Fleet.Gpu.empty(1, "H100-80GB")))));
        List<Demand> demands = List.of(
                Demand.forGroup("training", "3g.20gb", 4),
                Demand.forGroup("training", "1g.5gb", 6),
                Demand.forGroup("inference", "1g.10gb", 10),
                Demand.forGroup("inference", "3g.40gb", 1));

        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        MigPlan plan = gp.plan(fleet, demands);
        System.out.printf("satisfied %d/%d instances %s, %d of %d GPUs touched (%s)%n", plan.satisfiedTotal(),
                plan.demandedTotal(), plan.satisfied(), plan.touchedGpus(), fleet.gpuCount(), plan.method());
        for (MigPlan.Node n : plan.nodes()) {
            System.out.println();
            System.out.println("== node " + n.node() + "  (label " + gp.nodeLabels(n) + ")");
            for (MigPlan.Gpu g : n.gpus()) {
                System.out.println("  gpu " + g.index() + " " + g.model() + ": " + g.current() + " -> " + g.target()
                        + (g.touched() ? "" : "  (unchanged)"));
            }
            if (n.actions().isEmpty()) {
                System.out.println("  diff: nothing to do");
            }
            for (MigPlan.Action a : n.actions()) {
                String step = a instanceof MigPlan.Action.Destroy d ? "destroy gpu " + d.gpu() + " " + d.instance()
                        : a instanceof MigPlan.Action.Create c ? "create  gpu " + c.gpu() + " " + c.instance()
                        : "enable MIG on gpu " + a.gpu();
                System.out.println("  " + step);
            }
            StrategyReport mixed = gp.checkStrategy(n, MigStrategy.MIXED);
            StrategyReport single = gp.checkStrategy(n, MigStrategy.SINGLE);
            System.out.println("  mixed resources: " + mixed.resources());
            System.out.println("  single: " + (single.legal() ? "legal " + single.resources() : single.violations()));
            System.out.println("  mig-parted config:");
            gp.migPartedConfig(n).lines().forEach(l -> System.out.println("    " + l));
        }
        System.out.println();
        System.out.print(Manifests.yaml(gp.migClusterPolicy(MigStrategy.MIXED, "ocatopic-mig-config")));
        System.out.print(Manifests.yaml(gp.migManagerConfigMap("ocatopic-mig-config", "nvidia-gpu-operator", plan)));
    }
}
