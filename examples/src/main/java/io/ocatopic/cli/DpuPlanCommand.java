package io.ocatopic.cli;

import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.netlink.DevlinkClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic dpu plan}: the card setup plan of one DPU node (a dry run unless --apply). */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan (dry run) or apply the card setup of one DPU node: VFs to 0, switchdev, VFs back, port functions;"
                + " for a DPF node, what DPF will provision.",
        footer = {"", "Examples:", "  ocatopic dpu plan -f dpu.yaml --node dpu-worker-0 --offline",
            "  ocatopic dpu plan -f dpu.yaml --node dpu-host-3"})
public final class DpuPlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @Option(names = "--node", required = true, description = "the DPU node whose card to plan")
    String node;

    @Option(names = "--offline", description = "plan without reading the card (every step is listed)")
    boolean offline;

    @Option(names = "--sysfs-root", defaultValue = "/", description = "directory holding sys/ (default: /)")
    Path sysfsRoot;

    @Option(names = "--apply", description = "apply the plan instead of printing it")
    boolean apply;

    @Override
    public Integer call() throws IOException {
        // failures propagate: Ocatopic reports them in one line and maps them to the exit code
        PrintWriter out = spec.commandLine().getOut();
        DpuOffloadConfig cfg = config.load();
        io.ocatopic.dpu.DpuNode n = cfg.node(node);
        if (cfg.targetOf(n) == io.ocatopic.dpu.DpuNode.Target.DPF) {
            // DPF flashes and configures the card itself: the plan is what it will be given
            int mem = cfg.memoryGiBOf(n);
            out.println(node + " (host " + n.host().orElseThrow() + ", BlueField-3, " + mem + " GiB): provisioned by DPF");
            out.println("  DPUSet ovn-offload-" + mem + "g selects kubernetes.io/hostname=" + n.host().orElseThrow());
            out.println("  BFB " + cfg.dpf().orElseThrow().bfbUrl());
            out.println("  DPUFlavor ovn-offload-" + mem + "g: " + cfg.dpf().orElseThrow().hugepages() + " x 2 MiB hugepages, "
                    + DpuOffloadConfig.dpuOsReserveGiB() + " GiB kept for the DPU OS, NUM_OF_VFS=" + cfg.numVfs());
            out.println("  then DPUService ovn-dpu (OVN-Kubernetes DPU mode) chained to uplink p0");
            out.println("  no devlink steps: run 'ocatopic dpu status' to follow provisioning");
            out.flush();
            return 0;
        }
        if (offline) {
            cfg.planCard(node).describe().forEach(out::println);
            out.flush();
            return 0;
        }
        cfg.cardSpec(node); // a node without a card spec fails here, before any socket is opened
        try (DevlinkClient devlink = DevlinkClient.open()) {
            CardPlan plan = cfg.planCard(node, sysfsRoot, devlink);
            if (!apply) {
                plan.describe().forEach(out::println);
                out.flush();
                return 0;
            }
            CardPlan.Result report = cfg.applyCard(plan, sysfsRoot, devlink);
            report.describe().forEach(out::println);
            out.flush();
            return report.ok() ? 0 : 1;
        }
    }
}
