package io.ocatopic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic scale}: the group of scale subcommands; prints its usage when run alone. */
@Command(name = "scale",
        mixinStandardHelpOptions = true,
        description = "Scale tests of ACM and KMM against a Kubernetes API (embedded by default).",
        subcommands = {
            ScaleAcmCommand.class, ScaleKmmCommand.class, ScaleFleetCommand.class, ScaleFleetJobCommand.class,
            ScaleFleetMergeCommand.class,
            ScaleCleanupCommand.class
        })
public final class ScaleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
