package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.KubeException;
import io.ocatopic.scale.FleetCleanup;
import io.ocatopic.scale.ScaleCleanup;
import io.ocatopic.scale.ScaleLabels;
import io.ocatopic.scale.ScaleSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic scale cleanup}: deletes, by label, what scale runs left on a cluster (after a killed
 * run or {@code --keep}). The cluster is found as kubectl does ({@link ClusterOptions}) and checked first: an
 * unreachable one fails in seconds (exit 3) with one line.
 */
@Command(name = "cleanup",
        mixinStandardHelpOptions = true,
        description = "Delete the objects of one scale run (--run-id) or of every run (--all), by label.",
        footer = {"%nExamples:",
                "  ocatopic scale cleanup --run-id r3f9a1c",
                "  ocatopic scale cleanup --all --kubeconfig hub.kubeconfig",
                "  ocatopic scale cleanup --run-id big1 --context hub -o json"})
public final class ScaleCleanupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    /** Which objects to delete. */
    static final class Which {
        @Option(names = "--run-id", description = "Delete the objects of this run.")
        String runId;

        @Option(names = "--all", description = "Delete the objects of every scale run.")
        boolean all;
    }

    /**
     * What the cleanup did, printed by {@code -o yaml|json}.
     *
     * @param target    the API server
     * @param selector  the label selector deleted by
     * @param deleted   scale objects deleted
     * @param remaining scale objects still there
     * @param fleet     the fleet objects' cleanup (with {@code --run-id}), or null
     */
    record Cleaned(String target, String selector, long deleted, long remaining, FleetCleanup.Result fleet) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        KubernetesClient client;
        try {
            client = cluster.connect();
        } catch (KubeException e) {
            throw new KubeException(e.reason(), e.httpCode(), "NOT cleaned up: " + e.getMessage(), e);
        }
        try (client) {
            String url = String.valueOf(client.getMasterUrl());
            ScaleCleanup cleanup = ScaleCleanup.of(client, ScaleSources.knownKinds());
            ScaleCleanup.Result r = which.all ? cleanup.deleteAll() : cleanup.deleteRun(which.runId);
            FleetCleanup.Result f = which.all ? null : FleetCleanup.run(client, which.runId, Duration.ofSeconds(60));
            String selector = which.all ? ScaleLabels.RUN : ScaleLabels.RUN + "=" + which.runId;
            output.print(out, new Cleaned(url, selector, r.deleted(), r.remaining(), f), () -> {
                out.printf("cleanup %s at %s: %d deleted, %d remaining%n",
                        which.all ? "of every run (label " + ScaleLabels.RUN + ")" : selector, url, r.deleted(), r.remaining());
                if (f != null) {
                    out.println("fleet objects (ManifestWork, Lease, ManagedClusterModule, ManagedCluster, Namespace): "
                            + f.describe());
                }
            });
            if (f != null && !f.reached()) {
                throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "NOT cleaned up: fleet objects: "
                        + f.describe(), null);
            }
            return r.remaining() == 0 && (f == null || f.clean()) ? 0 : 1;
        } catch (KubernetesClientException e) {
            throw new KubeException(KubeException.Reason.UNREACHABLE, e.getCode(), "NOT cleaned up: the API failed: "
                    + FleetCleanup.describeFailure(e), e);
        }
    }
}
