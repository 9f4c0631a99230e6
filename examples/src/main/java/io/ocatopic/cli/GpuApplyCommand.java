package io.ocatopic.cli;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.kube.StepReport;
import io.ocatopic.nvml.Nvml;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic gpu apply --demand ... [--execute]}: plans this node and applies the diff (dry run by default). */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Plan this node's GPUs for the demand and apply the diff through NVML (dry run unless --execute).",
            "NVML is opened first: a library that cannot be loaded fails at once (exit 3) naming it and how it was"
                + " chosen (--library, -Docatopic.nvml.library, or the default nvidia-ml).",
            "-o yaml|json prints {node, executed, satisfiedTotal, demandedTotal, done[], failed, failure, notRun[]},"
                + " each step as {action, gpu, instance}.",
            "Exit 1 when the plan does not place every demanded instance, 3 when a step fails on the device."},
        footer = {"", "Examples:",
            "  ocatopic gpu apply --demand 1g.5gb=7",
            "  ocatopic gpu apply --demand 3g.40gb=2 --node gpu-worker-0 -o json",
            "  ocatopic gpu apply --demand 1g.10gb=4 --execute --library /usr/lib64/libnvidia-ml.so.1"})
public final class GpuApplyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--demand", paramLabel = "PROFILE=COUNT", required = true,
            description = "What workloads need, repeatable: profile=count, e.g. 1g.5gb=7.")
    List<String> demand = new ArrayList<>();

    @Option(names = "--node", description = "The node name in the plan (default: ${DEFAULT-VALUE}).")
    String node = "local";

    @Option(names = "--execute", description = "Really change the GPUs.")
    boolean execute;

    @Option(names = "--library", paramLabel = "LIB",
            description = "NVML library name or path (default: -Docatopic.nvml.library, else nvidia-ml).")
    String library;

    /**
     * What {@code -o yaml|json} prints.
     *
     * @param node           the node name
     * @param executed       whether the GPUs were changed (false: a dry run)
     * @param satisfiedTotal instances placed
     * @param demandedTotal  instances asked for
     * @param done           the steps done (a dry run: the steps it would do)
     * @param failed         the step that failed, or null
     * @param failure        why it failed, "" when none did
     * @param notRun         the steps not attempted after a failure
     */
    record ApplyResult(String node, boolean executed, int satisfiedTotal, int demandedTotal,
                       List<GpuSupport.ActionView> done, GpuSupport.ActionView failed, String failure,
                       List<GpuSupport.ActionView> notRun) {
    }

    @Override
    public Integer call() throws Exception {
        var demands = GpuSupport.demands(demand);
        PrintWriter out = spec.commandLine().getOut();
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        try (Nvml nvml = GpuSupport.openNvml(library)) {
            MigPlan plan = gp.plan(new Fleet(List.of(gp.observe(node, "", nvml))), demands);
            MigPlan.Node nodePlan = plan.nodes().get(0);
            boolean met = plan.satisfiedTotal() >= plan.demandedTotal();
            if (!execute) {
                // dry run: print what would be done and change nothing
                output.print(out, new ApplyResult(node, false, plan.satisfiedTotal(), plan.demandedTotal(),
                        GpuSupport.ActionView.of(nodePlan.actions()), null, "", List.of()), () -> {
                            out.printf("satisfied %d/%d; dry run, would do:%n", plan.satisfiedTotal(), plan.demandedTotal());
                            nodePlan.actions().forEach(a -> out.println("  - " + a));
                        });
                return met ? 0 : notMet(plan);
            }
            StepReport<MigPlan.Action> r = gp.apply(nodePlan, nvml);
            output.print(out, new ApplyResult(node, true, plan.satisfiedTotal(), plan.demandedTotal(),
                    GpuSupport.ActionView.of(r.done()), r.failed().map(f -> GpuSupport.ActionView.of(f.step())).orElse(null),
                    r.failed().map(StepReport.Failure::error).orElse(""), GpuSupport.ActionView.of(r.notAttempted())), () -> {
                        out.printf("satisfied %d/%d; done:%n", plan.satisfiedTotal(), plan.demandedTotal());
                        r.done().forEach(a -> out.println("  - " + a));
                        r.failed().ifPresent(f -> out.println("FAILED " + f.step() + ": " + f.error()));
                        r.notAttempted().forEach(a -> out.println("  not run: " + a));
                    });
            if (r.failed().isPresent()) {
                // the device refused a step: an outside failure, reported in one line by Ocatopic
                throw new java.io.IOException("step " + r.failed().get().step() + " failed: " + r.failed().get().error());
            }
            return met ? 0 : notMet(plan);
        }
    }

    private int notMet(MigPlan plan) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("ocatopic gpu apply: the plan does not meet the demand: %d of %d instances placed%n",
                plan.satisfiedTotal(), plan.demandedTotal());
        err.flush();
        return 1;
    }
}
