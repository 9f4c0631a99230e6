package io.ocatopic.cli;

import io.ocatopic.scale.Phase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options {@code ocatopic scale acm} and {@code ocatopic scale kmm} share (a picocli mixin). The cluster
 * comes from {@link ClusterOptions}: an embedded API unless {@code --kubeconfig}, {@code --context} or
 * {@code --cluster} names a real one.
 */
final class ScaleRunOptions {
    @Option(names = "--spokes", defaultValue = "100", description = "Simulated spokes (default: ${DEFAULT-VALUE}).")
    int spokes;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "4",
            description = "Spokes written at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--object-size", defaultValue = "512", paramLabel = "BYTES",
            description = "Extra bytes per object, as an annotation (default: ${DEFAULT-VALUE}).")
    int objectSize;

    @Option(names = "--phases", split = ",", defaultValue = "create,update,delete",
            description = "Phases to run, comma separated (default: ${DEFAULT-VALUE}).")
    List<Phase> phases;

    @Option(names = "--run-id", description = "Run id labelling every object (default: random, e.g. r3f9a1c).")
    Optional<String> runId;

    @Option(names = "--cluster",
            description = "Drive the current cluster (KUBECONFIG, ~/.kube/config or the pod's service account, as"
                    + " kubectl picks it) instead of an embedded API; --kubeconfig or --context imply it.")
    boolean cluster;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Where to write report.json and report.html (default: scale-reports/<run id>).")
    Optional<Path> outDir;

    @Option(names = "--settle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for watch events after each phase (default: ${DEFAULT-VALUE}).")
    int settleTimeout;

    @Option(names = "--keep", description = "Leave the objects in place (remove them later with 'scale cleanup').")
    boolean keep;

    /**
     * Whether the run drives a real cluster rather than an embedded API.
     *
     * @param c the cluster options
     * @param current {@code --cluster} (or {@code --in-cluster})
     * @return whether a cluster was named
     */
    static boolean real(ClusterOptions c, boolean current) {
        return current || c.kubeconfig != null || c.context != null;
    }
}
