package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp run FILE [--kubeconfig K] [--context C] [--dry-run] [-o text|yaml|json]}: runs (or resumes)
 * the factory workflow against the hub ({@link ClusterOptions}); {@code --dry-run} prints the plan and touches no
 * cluster. The workflow's step events are progress, on stderr ({@code -q} silences them); stdout carries the
 * result: the plan ({@link FactoryWorkflow.PlannedStep}s) or what ran ({@link FactoryWorkflow.WorkflowResult}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run or resume the factory workflow against the hub (--kubeconfig, KUBECONFIG, ~/.kube/config or in-cluster).",
        footer = {"", "Prints the steps run and skipped (-o yaml|json: executed, skipped), or with --dry-run the plan "
                + "(-o yaml|json: a list of name, description, done). Step events go to stderr.",
                "Exit: 0 done (or planned), 2 bad input or no hub configured, 3 the hub failed or was unreachable.", "",
                "Examples:",
                "  ocatopic ztp run chassis.yaml --dry-run",
                "  ocatopic ztp run chassis.yaml --kubeconfig hub.kubeconfig --state factory.state.json",
                "  ocatopic ztp run chassis.yaml --context factory-hub -o json > run.json"})
public final class ZtpRunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--state", defaultValue = "ztp-factory.state.json", description = "Checkpoint file (default ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--dry-run", description = "Print the plan and exit; touches no cluster.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChassisSpec s = input.load();
        PrintWriter out = spec.commandLine().getOut();
        FactoryWorkflow.Builder b = FactoryWorkflow.builder(s).stateFile(state)
                .listener(events(spec, "%-14s %-22s %s%n", true));
        if (dryRun) {
            List<FactoryWorkflow.PlannedStep> plan = b.hub(new ZtpRelocateCommand.NoApi()).build().plan();
            output.print(out, plan, () -> plan.forEach(out::println));
            return 0;
        }
        try (KubernetesClient client = cluster.connect()) {
            FactoryWorkflow.WorkflowResult r = b.hub(ClusterApi.of(Applier.auto(client))).build().run();
            output.print(out, r, () -> out.println("executed " + r.executed() + ", skipped " + r.skipped()));
            return 0;
        }
    }

    /**
     * The workflow's events as progress lines on the command's stderr, none with {@code -q}.
     *
     * @param spec     the running command
     * @param format   the line's format: kind, then step (when {@code withStep}), then message
     * @param withStep whether the line carries the step name
     * @return the listener
     */
    static ProgressEvent.Listener events(CommandLine.Model.CommandSpec spec, String format, boolean withStep) {
        if (Ocatopic.quiet(spec)) {
            return ProgressEvent.Listener.NONE;
        }
        PrintWriter err = spec.commandLine().getErr();
        return e -> {
            synchronized (err) {
                if (withStep) {
                    err.printf(format, e.kind(), e.step(), e.message());
                } else {
                    err.printf(format, e.kind(), e.message());
                }
                err.flush();
            }
        };
    }
}
