package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic gpu}: the group of gpu subcommands; prints its usage when run alone. */
@Command(name = "gpu",
        mixinStandardHelpOptions = true,
        description = "GPUs: plan and apply MIG layouts, validate mig-parted configs, inspect devices, check RDMA.",
        subcommands = {GpuPlanCommand.class, GpuApplyCommand.class, GpuInspectCommand.class, GpuValidateCommand.class,
                GpuRdmaCheckCommand.class, GpuVgpuCommand.class
        })
public final class GpuCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
