package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.scale.ScaleCleanup;
import io.ocatopic.scale.ScaleLabels;
import io.ocatopic.scale.ScaleSources;
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
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = ScaleRunOptions.connect(kubeconfig.orElse(ScaleRunOptions.CURRENT))) {
            String url = String.valueOf(client.getMasterUrl());
            try {
                io.ocatopic.scale.Fleet.preflightReach(client, java.time.Duration.ofSeconds(8));
            } catch (io.ocatopic.kube.KubeException e) {
                err.println("ocatopic scale cleanup: NOT cleaned up: " + e.getMessage());
                return 3;
            }
            ScaleCleanup cleanup = ScaleCleanup.of(client, ScaleSources.knownKinds());
            ScaleCleanup.Result r = which.all ? cleanup.deleteAll() : cleanup.deleteRun(which.runId);
            out.printf("cleanup %s at %s: %d deleted, %d remaining%n",
                    which.all ? "of every run (label " + ScaleLabels.RUN + ")" : ScaleLabels.RUN + "=" + which.runId,
                    url, r.deleted(), r.remaining());
            boolean fleetClean = true;
            if (!which.all) {
                io.ocatopic.scale.FleetCleanup.Result f = io.ocatopic.scale.FleetCleanup.run(client,
                        which.runId, java.time.Duration.ofSeconds(60));
                out.println("fleet objects (ManifestWork, Lease, ManagedClusterModule, ManagedCluster, Namespace): "
                        + f.describe());
                if (!f.reached()) {
                    out.flush();
                    return 3;
                }
                fleetClean = f.clean();
            }
            out.flush();
            return r.remaining() == 0 && fleetClean ? 0 : 1;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            err.println("ocatopic scale cleanup: NOT cleaned up: the API failed: "
                    + io.ocatopic.scale.FleetCleanup.describeFailure(e));
            return 3;
        }
    }
}
