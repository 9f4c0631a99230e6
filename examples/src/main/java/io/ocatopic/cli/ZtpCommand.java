package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic ztp}: the group of ztp subcommands; prints its usage when run alone. */
@Command(name = "ztp",
        mixinStandardHelpOptions = true,
        description = "Factory installs: validate and render a chassis, run the factory workflow, mirror images, reconnect.",
        subcommands = {
                MirrorCommand.class,
                ZtpValidateCommand.class, ZtpRenderCommand.class, ZtpRunCommand.class, ZtpReconnectCommand.class,
                ZtpRelocateCommand.class,
        })
public final class ZtpCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
