package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.kube.Applier;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic ztp run FILE}: runs (or resumes) the factory workflow against the hub in KUBECONFIG. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run or resume the factory workflow against the hub of the current kubeconfig.")
public final class ZtpRunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = "--state", defaultValue = "ztp-factory.state.json", description = "Checkpoint file (default ${DEFAULT-VALUE})")
    Path state;

    @Option(names = "--dry-run", description = "Print the plan and exit")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var s = input.load();
        try (var client = new KubernetesClientBuilder().build()) {
            FactoryWorkflow wf = FactoryWorkflow.builder(s).hub(ClusterApi.of(Applier.auto(client)))
                    .stateFile(state)
                    .listener(e -> spec.commandLine().getOut().printf("%-14s %-22s %s%n", e.kind(), e.step(), e.message()))
                    .build();
            if (dryRun) {
                wf.plan().forEach(spec.commandLine().getOut()::println);
                return 0;
            }
            wf.run();
            return 0;
        }
    }
}
