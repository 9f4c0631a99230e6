package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisRender;
import io.ocatopic.ztp.ChassisSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp render FILE -o DIR}: writes every output, one directory per cluster. The hub-driven
 * set is always written; the agent-based pair (install-config.yaml, agent-config.yaml) is skipped with a
 * one-line reason when the spec cannot give it (a pull secret that lives on the hub), or refused with
 * {@code --require-agent-install}.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render install-config/agent-config, hub CRs, NMState, mirrors and ACM import files.",
        footer = {"", "Formats: clusterinstance (one ClusterInstance per cluster for ACM's SiteConfig operator: "
                + "<c>/cluster-instance.yaml), assisted (the hand-built assisted-service set: hub-crs.yaml, nmstate/, "
                + "acm-import.yaml, mirrors.yaml), agent (install-config.yaml, agent-config.yaml). Default: all.",
                "Exit: 0 written, 1 the agent pair was required and cannot be rendered, 2 bad input.", "",
                "Examples:",
                "  ocatopic ztp render chassis.yaml --format clusterinstance -o out && ocatopic lint out/",
                "  ocatopic ztp render config.yaml --base-domain example.com --pull-secret-file ps.json -o out"})
public final class ZtpRenderCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = {"-o", "--output"}, defaultValue = "rendered", description = "Output directory (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--require-agent-install",
            description = "Fail, writing nothing, when install-config.yaml/agent-config.yaml cannot be rendered "
                    + "(by default they are skipped with the reason)")
    boolean requireAgentInstall;

    /** Output formats. */
    enum Format { clusterinstance, assisted, agent }

    @Option(names = "--format", description = "Only this format: ${COMPLETION-CANDIDATES} (default: all)")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @return 0 when written, 1 when the agent-based pair was required and cannot be rendered */
    @Override
    public Integer call() {
        ChassisSpec s = input.load();
        ChassisRender rendered = s.render();
        List<ChassisRender.Cluster> skipped = rendered.clusters().stream()
                .filter(r -> r.agentInstallSkipped().isPresent()).toList();
        if ((requireAgentInstall || format == Format.agent) && !skipped.isEmpty()) {
            skipped.forEach(r -> spec.commandLine().getErr().println(r.name()
                    + ": cannot render install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
            return 1;
        }
        List<Path> files = format == null ? rendered.write(output) : rendered.write(output, switch (format) {
            case clusterinstance -> ChassisRender.Format.CLUSTER_INSTANCE;
            case assisted -> ChassisRender.Format.ASSISTED;
            case agent -> ChassisRender.Format.AGENT;
        });
        files.forEach(p -> spec.commandLine().getOut().println(output.resolve(p)));
        skipped.forEach(r -> spec.commandLine().getErr().println(r.name()
                + ": skipped install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
        return 0;
    }
}
