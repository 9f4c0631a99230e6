package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisRender;
import io.ocatopic.ztp.ChassisSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp render FILE --out-dir DIR [-o text|yaml|json]}: writes every output, one directory per
 * cluster, and prints what it wrote ({@link Written}). The hub-driven set is always written; the agent-based pair
 * (install-config.yaml, agent-config.yaml) is skipped with a one-line reason on stderr when the spec cannot give it
 * (a pull secret that lives on the hub), or refused with {@code --require-agent-install}.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render install-config/agent-config, hub CRs, NMState, mirrors and ACM import files.",
        footer = {"", "Formats: clusterinstance (one ClusterInstance per cluster for ACM's SiteConfig operator: "
                + "<c>/cluster-instance.yaml), assisted (the hand-built assisted-service set: hub-crs.yaml, nmstate/, "
                + "acm-import.yaml, mirrors.yaml), agent (install-config.yaml, agent-config.yaml). Default: clusterinstance and agent.",
                "Prints the files written (-o yaml|json: outDir, files, skipped).",
                "Exit: 0 written, 1 the agent pair was required and cannot be rendered, 2 bad input.", "",
                "Examples:",
                "  ocatopic ztp render chassis.yaml --format clusterinstance --out-dir out && ocatopic lint out/",
                "  ocatopic ztp render config.yaml --base-domain example.com --pull-secret-file ps.json --out-dir out",
                "  ocatopic ztp render - --out-dir out -o json < chassis.yaml"})
public final class ZtpRenderCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "rendered",
            description = "Output directory (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--require-agent-install",
            description = "Fail, writing nothing, when install-config.yaml/agent-config.yaml cannot be rendered "
                    + "(by default they are skipped with the reason).")
    boolean requireAgentInstall;

    /** Output formats. */
    enum Format { clusterinstance, assisted, agent }

    @Option(names = "--format", description = "Only this format: ${COMPLETION-CANDIDATES} (default: clusterinstance and agent; the hand-built assisted set only when named).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What a render wrote: the {@code -o yaml|json} result.
     *
     * @param outDir  the output directory
     * @param files   every file written, as paths under {@code outDir} (joined with it, as the text form prints them)
     * @param skipped the clusters whose agent-based pair was not written, and why
     */
    record Written(String outDir, List<String> files, List<Skipped> skipped) {
    }

    /**
     * A cluster whose install-config.yaml and agent-config.yaml were skipped.
     *
     * @param cluster the cluster
     * @param reason  why
     */
    record Skipped(String cluster, String reason) {
    }

    /** @return 0 when written, 1 when the agent-based pair was required and cannot be rendered */
    @Override
    public Integer call() throws Exception {
        ChassisSpec s = input.load();
        ChassisRender rendered = s.render();
        PrintWriter err = spec.commandLine().getErr();
        List<ChassisRender.Cluster> skipped = rendered.clusters().stream()
                .filter(r -> r.agentInstallSkipped().isPresent()).toList();
        if ((requireAgentInstall || format == Format.agent) && !skipped.isEmpty()) {
            skipped.forEach(r -> err.println(r.name()
                    + ": cannot render install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
            err.flush();
            return 1;
        }
        List<Path> files = format == null ? rendered.write(outDir) : rendered.write(outDir, switch (format) {
            case clusterinstance -> ChassisRender.Format.CLUSTER_INSTANCE;
            case assisted -> ChassisRender.Format.ASSISTED;
            case agent -> ChassisRender.Format.AGENT;
        });
        List<String> paths = files.stream().map(p -> outDir.resolve(p).toString()).toList();
        skipped.forEach(r -> err.println(r.name()
                + ": skipped install-config.yaml and agent-config.yaml: " + r.agentInstallSkipped().get()));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        output.print(out, new Written(outDir.toString(), paths,
                skipped.stream().map(r -> new Skipped(r.name(), r.agentInstallSkipped().get())).toList()),
                () -> paths.forEach(out::println));
        return 0;
    }
}
