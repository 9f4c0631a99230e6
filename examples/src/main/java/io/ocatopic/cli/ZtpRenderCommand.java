package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.render.ChassisRenderer;
import io.ocatopic.ztp.render.RenderedCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        description = "Render install-config/agent-config, hub CRs, NMState, mirrors and ACM import files.")
public final class ZtpRenderCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = {"-o", "--output"}, defaultValue = "rendered", description = "Output directory (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--require-agent-install",
            description = "Fail, writing nothing, when install-config.yaml/agent-config.yaml cannot be rendered "
                    + "(by default they are skipped with the reason)")
    boolean requireAgentInstall;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @return 0 when written, 1 when the agent-based pair was required and cannot be rendered */
    @Override
    public Integer call() {
        ChassisSpec s = input.load();
        List<RenderedCluster> rendered = ChassisRenderer.render(s, Map.of());
        List<RenderedCluster> skipped = rendered.stream().filter(r -> r.agentInstallSkipped().isPresent()).toList();
        if (requireAgentInstall && !skipped.isEmpty()) {
            skipped.forEach(r -> spec.commandLine().getErr().println(r.name()
                    + ": cannot render install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
            return 1;
        }
        ChassisRenderer.write(rendered, output).forEach(p -> spec.commandLine().getOut().println(output.resolve(p)));
        skipped.forEach(r -> spec.commandLine().getErr().println(r.name()
                + ": skipped install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
        return 0;
    }
}
