package io.ocatopic.cli;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.kube.internal.Mappers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocatopic gpu plan FLEET.yaml --demand [group:]profile=count ...}: plans MIG layouts. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan MIG layouts across a fleet (YAML: nodes[{name, group, gpus[{index, model, migEnabled, instances}]}];"
                + " model is a catalog key such as A100-40GB, an NVML product name such as \"NVIDIA A100-SXM4-40GB\""
                + " or a PCI id such as 0x20B010DE).",
            "-o yaml|json prints the plan: satisfiedTotal, demandedTotal, satisfied, demanded, touchedGpus, method and"
                + " nodes[{node, gpus[{index, model, current, target, touched}], actions[{action, gpu, instance}]}].",
            "With --mig-parted, stdout holds only one mig-parted config (version v1, one mig-configs entry"
                + " ocatopic-<node> per node; JSON with -o json) for 'ocatopic gpu validate -' or the MIG manager,"
                + " and the text plan goes to stderr (silent with -q).",
            "Exit 1 when the plan does not place every demanded instance (the plan is still printed); exit 2 for a"
                + " malformed demand or a profile that no catalog model has (a typo, not an unmet demand)."},
        footer = {"", "Examples:",
            "  ocatopic gpu plan fleet.yaml --demand training:1g.5gb=4 --demand inference:3g.40gb=2",
            "  ocatopic gpu plan fleet.yaml --demand 3g.20gb=2 -o json",
            "  ocatopic gpu plan fleet.yaml --demand 1g.5gb=7 --mig-parted | ocatopic gpu validate -",
            "  cat fleet.yaml | ocatopic gpu plan - --demand 1g.10gb=4"})
public final class GpuPlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "FLEET", description = "Fleet YAML file ('-' for stdin).")
    String fleetFile;

    @Option(names = "--demand", paramLabel = "[GROUP:]PROFILE=COUNT", required = true,
            description = "What workloads need, repeatable: [group:]profile=count, e.g. training:1g.5gb=4.")
    List<String> demand = new ArrayList<>();

    @Option(names = "--mig-parted",
            description = "Print only the mig-parted config on stdout (the text plan goes to stderr).")
    boolean migParted;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var demands = GpuSupport.demands(demand);
        Fleet fleet = Fleet.fromYaml(Inputs.read(fleetFile));
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        MigPlan plan = gp.plan(fleet, demands);
        if (migParted) {
            Map<String, Object> config = migPartedConfig(gp, plan);
            if (!Ocatopic.quiet(spec)) {
                printText(err, plan);
                err.flush();
            }
            if (output.format == OutputOption.Format.JSON) {
                out.println(OutputOption.json(config));
            } else {
                out.print(Mappers.yaml().writeValueAsString(config));
            }
            out.flush();
        } else {
            output.print(out, GpuSupport.PlanView.of(plan), () -> printText(out, plan));
        }
        if (plan.satisfiedTotal() < plan.demandedTotal()) {
            err.printf("ocatopic gpu plan: the plan does not meet the demand: %d of %d instances placed%n",
                    plan.satisfiedTotal(), plan.demandedTotal());
            err.flush();
            return 1;
        }
        return 0;
    }

    private static void printText(PrintWriter w, MigPlan plan) {
        w.printf("satisfied %d/%d %s, %d GPUs touched (%s)%n", plan.satisfiedTotal(), plan.demandedTotal(),
                plan.satisfied(), plan.touchedGpus(), plan.method());
        for (MigPlan.Node n : plan.nodes()) {
            w.println("node " + n.node());
            n.gpus().forEach(g -> w.println("  gpu " + g.index() + " " + g.model() + " " + g.target()
                    + (g.touched() ? " (changed)" : "")));
            n.actions().forEach(a -> w.println("  - " + a));
        }
        w.flush();
    }

    /** Every node's mig-parted config merged into one: version v1, one mig-configs entry per node with GPUs. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> migPartedConfig(GpuPartitioner gp, MigPlan plan) throws java.io.IOException {
        Map<String, Object> configs = new LinkedHashMap<>();
        for (MigPlan.Node n : plan.nodes()) {
            if (n.gpus().isEmpty()) {
                continue; // mig-parted needs at least one entry per config
            }
            Map<String, Object> one = Mappers.yaml().readValue(gp.migPartedConfig(n), Map.class);
            configs.putAll((Map<String, Object>) one.get("mig-configs"));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "v1");
        root.put("mig-configs", configs);
        return root;
    }
}
