package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.examples.scale.ScaleCleanup;
import io.ocatopic.examples.scale.ScaleLabels;
import io.ocatopic.examples.scale.ScaleSources;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic scale cleanup}: deletes, by label, what scale runs left on a cluster (after a killed
 * run or {@code --keep}). Uses the current kubeconfig, or the one given.
 */
@Command(name = "cleanup",
        mixinStandardHelpOptions = true,
        description = "Delete the objects of one scale run (--run-id) or of every run (--all), by label.")
public final class ScaleCleanupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The cluster (default: the current kubeconfig).")
    Optional<String> kubeconfig;

    /** Which objects to delete. */
    static final class Which {
        @Option(names = "--run-id", description = "Delete the objects of this run.")
        String runId;

        @Option(names = "--all", description = "Delete the objects of every scale run.")
        boolean all;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = ScaleRunOptions.connect(kubeconfig.orElse(ScaleRunOptions.CURRENT))) {
            ScaleCleanup cleanup = ScaleCleanup.of(client, ScaleSources.knownKinds());
            ScaleCleanup.Result r = which.all ? cleanup.deleteAll() : cleanup.deleteRun(which.runId);
            out.printf("cleanup %s at %s: %d deleted, %d remaining%n",
                    which.all ? "of every run (label " + ScaleLabels.RUN + ")" : ScaleLabels.RUN + "=" + which.runId,
                    client.getMasterUrl(), r.deleted(), r.remaining());
            out.flush();
            return r.remaining() == 0 ? 0 : 1;
        }
    }
}
