package io.ocatopic.cli;

import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.netlink.DevlinkClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic dpu plan}: the card setup plan of one DPU node (a dry run unless --apply). */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan (dry run) or apply the card setup of one DPU node: VFs to 0, switchdev, VFs back, port functions;"
                + " for a DPF node, what DPF will provision.",
            "Without --offline the card is read through devlink first: a kernel without devlink, or a card it cannot"
                + " read, fails at once (exit 3). Exit 1 when --apply stops at a failed step.",
            "-o yaml|json prints {node, target (CARD or DPF), mode (offline, plan, applied or dpf), steps[], ok}."},
        footer = {"", "Examples:", "  ocatopic dpu plan -f dpu.yaml --node dpu-worker-0 --offline",
            "  ocatopic dpu plan -f dpu.yaml --node dpu-host-3 -o json",
            "  ocatopic dpu plan -f dpu.yaml --node dpu-worker-0 --apply"})
public final class DpuPlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "The DPU node whose card to plan.")
    String node;

    @Option(names = "--offline", description = "Plan without reading the card (every step is listed).")
    boolean offline;

    @Option(names = "--sysfs-root", paramLabel = "DIR", defaultValue = "/",
            description = "The directory holding sys/ (default: ${DEFAULT-VALUE}).")
    Path sysfsRoot;

    @Option(names = "--apply", description = "Apply the plan instead of printing it.")
    boolean apply;

    /**
     * What {@code -o yaml|json} prints.
     *
     * @param node   the DPU node
     * @param target CARD (set up through devlink) or DPF (provisioned by NVIDIA DPF)
     * @param mode   offline, plan, applied or dpf
     * @param steps  the steps, one line each (for {@code applied}: what was done, failed and not run)
     * @param ok     false only when an applied step failed
     */
    record Plan(String node, String target, String mode, List<String> steps, boolean ok) {
    }

    @Override
    public Integer call() throws IOException {
        // failures propagate: Ocatopic reports them in one line and maps them to the exit code
        PrintWriter out = spec.commandLine().getOut();
        DpuOffloadConfig cfg = config.load();
        DpuNode n = cfg.node(node);
        if (cfg.targetOf(n) == DpuNode.Target.DPF) {
            // DPF flashes and configures the card itself: the plan is what it will be given
            int mem = cfg.memoryGiBOf(n);
            List<String> lines = new ArrayList<>();
            lines.add(node + " (host " + n.host().orElseThrow() + ", BlueField-3, " + mem + " GiB): provisioned by DPF");
            lines.add("  DPUSet ovn-offload-" + mem + "g selects kubernetes.io/hostname=" + n.host().orElseThrow());
            lines.add("  BFB " + cfg.dpf().orElseThrow().bfbUrl());
            lines.add("  DPUFlavor ovn-offload-" + mem + "g: " + cfg.dpf().orElseThrow().hugepages() + " x 2 MiB hugepages, "
                    + DpuOffloadConfig.dpuOsReserveGiB() + " GiB kept for the DPU OS, NUM_OF_VFS=" + cfg.numVfs());
            lines.add("  then DPUService ovn-dpu (OVN-Kubernetes DPU mode) chained to uplink p0");
            lines.add("  no devlink steps: run 'ocatopic dpu status' to follow provisioning");
            return print(out, new Plan(node, "DPF", "dpf", lines.stream().map(String::strip).toList(), true), lines);
        }
        if (offline) {
            List<String> lines = cfg.planCard(node).describe();
            return print(out, new Plan(node, "CARD", "offline", lines, true), lines);
        }
        cfg.cardSpec(node); // a node without a card spec fails here, before any socket is opened
        try (DevlinkClient devlink = DevlinkClient.open()) {
            CardPlan plan = cfg.planCard(node, sysfsRoot, devlink);
            if (!apply) {
                List<String> lines = plan.describe();
                return print(out, new Plan(node, "CARD", "plan", lines, true), lines);
            }
            CardPlan.Result report = cfg.applyCard(plan, sysfsRoot, devlink);
            List<String> lines = report.describe();
            print(out, new Plan(node, "CARD", "applied", lines, report.ok()), lines);
            return report.ok() ? 0 : 1;
        }
    }

    private int print(PrintWriter out, Plan plan, List<String> lines) {
        output.print(out, plan, () -> lines.forEach(out::println));
        return 0;
    }
}
