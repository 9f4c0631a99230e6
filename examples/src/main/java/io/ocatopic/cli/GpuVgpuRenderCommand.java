package io.ocatopic.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.gpu.VgpuSetup;
import io.ocatopic.kube.Manifests;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic gpu vgpu render --mdev "NVIDIA A100-1-5C" [--vgpu-config NAME]}: the HyperConverged
 * fragment (GPU operator path), the ClusterPolicy sandbox settings and the node labels.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render the HyperConverged fragment, ClusterPolicy sandbox settings and node labels for vGPU"
                + " with the GPU operator.",
            "stdout is a multi-document YAML stream of the two Kubernetes objects only, for 'kubectl apply -f -' (the"
                + " ClusterPolicy is a merge patch); the node labels to set follow as '#' comments in text (the"
                + " default), and are left out of -o yaml (the same stream) and -o json (an array of the same objects)."},
        footer = {"", "Examples:",
            "  ocatopic gpu vgpu render --mdev \"NVIDIA A100-1-5C\" --vgpu-config A100-1-5C",
            "  ocatopic gpu vgpu render --mdev \"NVIDIA A100-1-5C\" --workload vm-vgpu -o json",
            "  ocatopic gpu vgpu render --mdev \"NVIDIA A100-1-5C\" | ocatopic lint -"})
public final class GpuVgpuRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--mdev", required = true, paramLabel = "TYPE",
            description = "The mdev type name as sysfs shows it, e.g. \"NVIDIA A100-1-5C\"; repeatable.")
    List<String> mdev = new ArrayList<>();

    @Option(names = "--workload", description = "container, vm-passthrough or vm-vgpu (default: ${DEFAULT-VALUE}).")
    String workload = "vm-vgpu";

    @Option(names = "--vgpu-config", paramLabel = "NAME", description = "The vgpu-device-manager config name for the node label.")
    String vgpuConfig = "";

    @Option(names = "--config-map", paramLabel = "NAME",
            description = "The vgpu-device-manager ConfigMap name, \"\" for the operator's.")
    String configMap = "";

    @Override
    public Integer call() {
        SandboxWorkload w = java.util.Arrays.stream(SandboxWorkload.values())
                .filter(s -> s.value().equals(workload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "--workload must be container, vm-passthrough or vm-vgpu"));
        // rejects mdev names that are not vGPU types
        VgpuSetup setup = GpuPartitioner.withBuiltinCatalog().renderVgpu(mdev, w, vgpuConfig, configMap, "");
        PrintWriter out = spec.commandLine().getOut();
        List<HasMetadata> objects = List.of(setup.hyperConverged(), setup.clusterPolicy());
        output.print(out, objects, () -> {
            out.print(Manifests.yaml(objects));
            out.println("# node labels for the vGPU nodes:");
            out.println("#   kubectl label node NODE " + setup.nodeLabels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        });
        return 0;
    }
}
