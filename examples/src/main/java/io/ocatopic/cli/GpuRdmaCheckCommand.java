package io.ocatopic.cli;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.NodeFacts;
import io.ocatopic.gpu.RdmaReport;
import io.ocatopic.kube.Manifests;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic gpu rdma-check --module open --cuda 12.4 --arch hopper --kernel 5.14.0 [--mofed host]}:
 * recommends DMA-BUF or nvidia-peermem for GPUDirect RDMA and prints the ClusterPolicy settings.
 */
@Command(name = "rdma-check", mixinStandardHelpOptions = true,
        description = {"Check GPUDirect RDMA readiness from node facts (no cluster, no device is contacted); recommend"
                + " DMA-BUF or nvidia-peermem and print the ClusterPolicy settings. Exit 0 when a path is ready, 1 when"
                + " none is, 2 for bad input.",
            "-o yaml|json prints {node, recommended (DMA_BUF, PEERMEM or NOT_READY), dmaBuf[{requirement, met,"
                + " explanation}], peermem[], notes[], clusterPolicy (the merge patch, null when not ready)}."},
        footer = {"", "Examples:",
            "  ocatopic gpu rdma-check --module open --cuda 12.4 --gpu H100-80GB --kernel 5.14.0-427.13.1.el9_4.x86_64 --mofed host",
            "  ocatopic gpu rdma-check --module proprietary --cuda 12.2 --arch ampere --kernel 5.14.0 -o json",
            "  ocatopic gpu rdma-check --node w0 --module open --cuda 12.4 --gpu \"NVIDIA L40S\" --kernel 6.1.0 -o yaml"})
public final class GpuRdmaCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    /**
     * What {@code -o yaml|json} prints.
     *
     * @param node          the node name
     * @param recommended   DMA_BUF, PEERMEM or NOT_READY
     * @param dmaBuf        the DMA-BUF requirements and whether each is met
     * @param peermem       the nvidia-peermem requirements
     * @param notes         remarks
     * @param clusterPolicy the ClusterPolicy merge patch, null when no path is ready
     */
    record RdmaCheck(String node, RdmaReport.Mode recommended, List<RdmaReport.Check> dmaBuf,
                     List<RdmaReport.Check> peermem, List<String> notes, io.ocatopic.gpu.ClusterPolicy clusterPolicy) {
    }

    @Option(names = "--node", description = "The node name (default: ${DEFAULT-VALUE}).")
    String node = "node";

    @Option(names = "--module", required = true, description = "NVIDIA kernel module flavour: open or proprietary.")
    String module;

    @Option(names = "--cuda", required = true, description = "The driver's CUDA version, e.g. 12.4.")
    String cuda;

    @Option(names = "--arch", description = "GPU architecture (turing, ampere, ada, hopper, blackwell, ...).")
    String arch;

    @Option(names = "--gpu", description = "GPU model instead of --arch: a MIG catalog key (A100-40GB), an NVML"
            + " product name with or without \"NVIDIA \" (\"NVIDIA A100-SXM4-40GB\", \"NVIDIA L40S\"), a PCI id"
            + " (0x20B010DE) or a marketing name (L40S, T4).")
    String gpu;

    @Option(names = "--kernel", required = true, description = "The kernel release (uname -r), e.g. 5.14.0-427.13.1.el9_4.x86_64.")
    String kernel;

    @Option(names = "--mofed", description = "Where MOFED comes from: none, host or network-operator (default: ${DEFAULT-VALUE}).")
    String mofed = "none";

    /** The catalog key of a MIG model in any of its names, else the name without the "NVIDIA " prefix NVML prints. */
    private static String modelName(String gpu) {
        return GpuPartitioner.withBuiltinCatalog().modelKey(gpu)
                .orElse(gpu.trim().replaceFirst("(?i)^NVIDIA[\\s-]+", ""));
    }

    @Override
    public Integer call() {
        if ((arch == null) == (gpu == null)) {
            throw new IllegalArgumentException("give exactly one of --arch and --gpu");
        }
        // bad facts throw GpuException (exit 2): exit 1 means "not ready"
        NodeFacts facts = new NodeFacts(node, NodeFacts.KernelModuleType.parse(module), cuda,
                arch != null ? NodeFacts.GpuArchitecture.parse(arch) : NodeFacts.GpuArchitecture.forModel(modelName(gpu)), kernel,
                NodeFacts.MofedSource.parse(mofed));
        RdmaReport r = GpuPartitioner.withBuiltinCatalog().rdmaReadiness(facts);
        PrintWriter out = spec.commandLine().getOut();
        boolean ready = r.recommended() != RdmaReport.Mode.NOT_READY;
        output.print(out, new RdmaCheck(node, r.recommended(), r.dmaBuf(), r.peermem(), r.notes(),
                ready ? r.clusterPolicy() : null), () -> {
                    out.println("node " + node + ": " + switch (r.recommended()) {
                        case DMA_BUF -> "use DMA-BUF";
                        case PEERMEM -> "use nvidia-peermem with MOFED";
                        case NOT_READY -> "not ready for GPUDirect RDMA";
                    });
                    print(out, "DMA-BUF", r.dmaBuf());
                    print(out, "nvidia-peermem", r.peermem());
                    r.notes().forEach(n -> out.println("note: " + n));
                    if (ready) {
                        out.println("ClusterPolicy settings (merge patch):");
                        out.print(Manifests.yaml(r.clusterPolicy()));
                    }
                });
        return r.recommended() == RdmaReport.Mode.NOT_READY ? 1 : 0;
    }

    private static void print(PrintWriter out, String title, List<RdmaReport.Check> checks) {
        out.println(title + ":");
        checks.forEach(c -> out.println("  " + (c.met() ? "ok  " : "FAIL") + " " + c.requirement() + ": "
                + c.explanation()));
    }
}
