package io.ocatopic.benchmarks;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.internal.mig.FirstFitPlanner;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.mig.MigPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * 10,000 GPUs (1,250 nodes x 8; A100-40GB and H100-80GB) with mixed demand: the planner's own fleet
 * search ({@link MigPlanner.Mode#GREEDY}: no first-fit inside), {@link MigPlanner.Mode#AUTO} (own search
 * guarded by first-fit) and driver-style first-fit, time, satisfied demand and GPUs touched side by side.
 * {@code benchmarks/run.sh MigPlannerBenchmark}.
 */
public final class MigPlannerBenchmark {
    private MigPlannerBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<Fleet.Node> nodes = new ArrayList<>();
        for (int n = 0; n < 1250; n++) {
            List<Fleet.Gpu> gpus = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                gpus.add(Fleet.Gpu.empty(g, n % 2 == 0 ? "A100-40GB" : "H100-80GB"));
            }
            nodes.add(new Fleet.Node("node-" + n, n % 5 == 0 ? "inference" : "", gpus));
        }
        Fleet fleet = new Fleet(nodes);
        List<Demand> demand = List.of(Demand.fleetWide("1g.10gb", 14000), Demand.fleetWide("1g.5gb", 9000),
                Demand.fleetWide("3g.20gb", 1500), Demand.fleetWide("3g.40gb", 2000),
                Demand.forGroup("inference", "2g.20gb", 3000), Demand.fleetWide("7g.80gb", 600));
        MigPlanner planner = new MigPlanner(MigCatalog.builtin());
        FirstFitPlanner firstFit = new FirstFitPlanner(planner);
        for (int i = 0; i < 3; i++) {
            planner.plan(fleet, demand, MigPlanner.Mode.GREEDY);
            firstFit.plan(fleet, demand);
        }
        int runs = 5;
        MigPlan own = null;
        MigPlan ours = null;
        MigPlan ff = null;
        long nsOwn = Long.MAX_VALUE;
        long nsAuto = Long.MAX_VALUE;
        long nsFf = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            own = planner.plan(fleet, demand, MigPlanner.Mode.GREEDY);
            long t1 = System.nanoTime();
            ours = planner.plan(fleet, demand);
            long t2 = System.nanoTime();
            ff = firstFit.plan(fleet, demand);
            long t3 = System.nanoTime();
            nsOwn = Math.min(nsOwn, t1 - t0);
            nsAuto = Math.min(nsAuto, t2 - t1);
            nsFf = Math.min(nsFf, t3 - t2);
        }
        double msOwn = nsOwn / 1e6;
        double msAuto = nsAuto / 1e6;
        double msFf = nsFf / 1e6;
        System.out.printf("%-28s %14s %14s %14s %10s%n", "10,000 GPUs, mixed demand", "own search", "AUTO",
                "first-fit", "own/ff");
        System.out.printf("%-28s %14.1f %14.1f %14.1f %10.2f%n", "time (ms, best of " + runs + ")", msOwn, msAuto,
                msFf, msOwn / msFf);
        System.out.printf("%-28s %14d %14d %14d %10.3f%n", "satisfied instances", own.satisfiedTotal(),
                ours.satisfiedTotal(), ff.satisfiedTotal(), (double) own.satisfiedTotal() / ff.satisfiedTotal());
        System.out.printf("%-28s %14d %14d %14d%n", "demanded instances", own.demandedTotal(), ours.demandedTotal(),
                ff.demandedTotal());
        System.out.printf("%-28s %14d %14d %14d %10.3f%n", "GPUs touched", own.touchedGpus(), ours.touchedGpus(),
                ff.touchedGpus(), (double) own.touchedGpus() / ff.touchedGpus());
        System.out.printf("%-28s %14s %14s %14s%n", "plan method", own.method(), ours.method(), ff.method());
    }
}
