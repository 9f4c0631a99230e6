package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic ztp validate FILE}: prints every error with its path, or a summary per cluster (layout,
 * nodes, API, machine network and the agent installer's rendezvous address, which lies in it).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a chassis file (ocatopic or ZTPFW format); lists every error with its path.")
public final class ZtpValidateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @return 0 when valid, 2 (bad input) with every error listed, 3 when the file cannot be read */
    @Override
    public Integer call() {
        try {
            ChassisSpec s = input.load();
            s.clusters().forEach(c -> spec.commandLine().getOut().printf(
                    "%s: %s, %d nodes, API %s, machine network %s, rendezvous %s%n", c.name(), c.layout(),
                    c.nodes().size(), c.apiUrl(), c.network().machineNetwork(), c.rendezvousIp().orElse("none")));
            spec.commandLine().getOut().println("valid");
            return 0;
        } catch (ZtpException e) {
            if (e.problems().isEmpty()) {
                spec.commandLine().getErr().println(e.reason() + ": " + e.getMessage());
            }
            e.problems().forEach(err -> spec.commandLine().getErr().println(err.path() + ": " + err.message()));
            return e.outcome().exitCode();
        }
    }
}
