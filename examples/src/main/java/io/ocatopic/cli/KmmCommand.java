package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic kmm}: the group of kmm subcommands; prints its usage when run alone. */
@Command(name = "kmm",
        mixinStandardHelpOptions = true,
        description = "Out-of-tree kernel modules: sign, verify, generate keys, build module images.",
        subcommands = {
                KmmBuildCommand.class,
                KmmSignCommand.class, KmmVerifyCommand.class, KmmKeygenCommand.class,
        })
public final class KmmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
