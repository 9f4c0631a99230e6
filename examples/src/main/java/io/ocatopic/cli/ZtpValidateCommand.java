package io.ocatopic.cli;

import io.ocatopic.core.Problem;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic ztp validate FILE [-o text|yaml|json]}: prints the {@link Result}: a summary per cluster
 * (layout, nodes, API, machine network and the agent installer's rendezvous address, which lies in it) when the
 * file is valid, else every problem with its path. A file that cannot be read or parsed at all is bad input.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a chassis file (ocatopic, ZTPFW or SiteConfig v1 format); lists every error with its path.",
        footer = {"", "Prints a line per cluster and \"valid\", or every problem (-o yaml|json: valid, clusters, problems).",
                "Exit: 0 valid, 1 the file has problems, 2 it cannot be read or parsed.", "",
                "Examples:",
                "  ocatopic ztp validate chassis.yaml",
                "  ocatopic ztp validate config.yaml --base-domain example.com --pull-secret-file ps.json",
                "  ocatopic ztp validate - -o json < chassis.yaml"})
public final class ZtpValidateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The {@code -o yaml|json} result.
     *
     * @param valid    whether the file validates
     * @param clusters the clusters, when valid
     * @param problems every problem with its path, when not
     */
    record Result(boolean valid, List<ClusterSummary> clusters, List<Problem> problems) {
    }

    /**
     * One valid cluster.
     *
     * @param name           its name
     * @param layout         its layout
     * @param nodes          how many nodes
     * @param apiUrl         its API URL
     * @param machineNetwork its machine network
     * @param rendezvousIp   the agent installer's rendezvous address, or null
     */
    record ClusterSummary(String name, String layout, int nodes, String apiUrl, String machineNetwork,
                          String rendezvousIp) {
    }

    /** @return 0 when valid, 1 with every problem listed; bad input (unreadable, unparseable) is thrown: 2 */
    @Override
    public Integer call() throws Exception {
        Result r;
        try {
            ChassisSpec s = input.load();
            r = new Result(true, s.clusters().stream().map(c -> new ClusterSummary(c.name(), String.valueOf(c.layout()),
                    c.nodes().size(), c.apiUrl(), c.network().machineNetwork(), c.rendezvousIp().orElse(null)))
                    .toList(), List.of());
        } catch (ZtpException e) {
            if (e.reason() != ZtpException.Reason.INVALID_SPEC || e.problems().isEmpty()) {
                throw e;
            }
            r = new Result(false, List.of(), e.problems());
        }
        PrintWriter out = spec.commandLine().getOut();
        Result result = r;
        output.print(out, result, () -> {
            result.clusters().forEach(c -> out.printf("%s: %s, %d nodes, API %s, machine network %s, rendezvous %s%n",
                    c.name(), c.layout(), c.nodes(), c.apiUrl(), c.machineNetwork(),
                    c.rendezvousIp() == null ? "none" : c.rendezvousIp()));
            result.problems().forEach(p -> out.println(p.path() + ": " + p.message()));
            out.println(result.valid() ? "valid" : "invalid: " + result.problems().size() + " problem(s)");
        });
        return result.valid() ? 0 : 1;
    }
}
