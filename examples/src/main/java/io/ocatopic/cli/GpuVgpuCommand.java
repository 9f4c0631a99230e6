package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic gpu vgpu}: the group of vGPU verbs; prints its usage when run alone. */
@Command(name = "vgpu", mixinStandardHelpOptions = true,
        description = "vGPU for OpenShift Virtualization: render HyperConverged, ClusterPolicy and node labels.",
        subcommands = {GpuVgpuRenderCommand.class})
public final class GpuVgpuCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
