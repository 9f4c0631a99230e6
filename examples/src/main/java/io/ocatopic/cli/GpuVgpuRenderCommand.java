package io.ocatopic.cli;

import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.VgpuSetup;
import io.ocatopic.kube.Manifests;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic gpu vgpu render --mdev "NVIDIA A100-1-5C" [--vgpu-config NAME]}: the HyperConverged
 * fragment (GPU operator path), the ClusterPolicy sandbox settings and the node labels.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render the HyperConverged fragment, ClusterPolicy sandbox settings and node labels for vGPU"
                + " with the GPU operator.")
public final class GpuVgpuRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mdev", required = true,
            description = "mdev type name as sysfs shows it, e.g. \"NVIDIA A100-1-5C\"; repeatable")
    List<String> mdev = new ArrayList<>();

    @Option(names = "--workload", description = "container, vm-passthrough or vm-vgpu (default: ${DEFAULT-VALUE})")
    String workload = "vm-vgpu";

    @Option(names = "--vgpu-config", description = "vgpu-device-manager config name for the node label")
    String vgpuConfig = "";

    @Option(names = "--config-map", description = "vgpu-device-manager ConfigMap name, \"\" for the operator's")
    String configMap = "";

    @Override
    public Integer call() {
        SandboxWorkload w = java.util.Arrays.stream(SandboxWorkload.values())
                .filter(s -> s.value().equals(workload)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "--workload must be container, vm-passthrough or vm-vgpu"));
        // rejects mdev names that are not vGPU types
        VgpuSetup setup = GpuPartitioner.withBuiltinCatalog().renderVgpu(mdev, w, vgpuConfig, configMap, "");
        PrintWriter out = spec.commandLine().getOut();
        out.print(Manifests.yaml(setup.hyperConverged()));
        out.print(Manifests.yaml(setup.clusterPolicy()));
        out.println("# node labels");
        setup.nodeLabels().forEach((k, v) -> out.println(k + "=" + v));
        out.flush();
        return 0;
    }
}
