package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic dpu}: the group of dpu subcommands; prints its usage when run alone. */
@Command(name = "dpu",
        mixinStandardHelpOptions = true,
        description = "BlueField DPUs: BlueField-2 in the shared-OVN design, BlueField-3 through NVIDIA DPF: render, plan, status.",
        subcommands = {DpuRenderCommand.class, DpuPlanCommand.class, DpuStatusCommand.class
        })
public final class DpuCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
