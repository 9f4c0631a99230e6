package io.ocatopic.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.scale.Phase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code ocatopic scale acm} and {@code ocatopic scale kmm} share (a picocli mixin). */
final class ScaleRunOptions {
    /** The value of a bare {@code --kubeconfig}: use the current kubeconfig (KUBECONFIG or ~/.kube/config). */
    static final String CURRENT = "<current>";

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

    @Option(names = "--kubeconfig", arity = "0..1", fallbackValue = CURRENT, paramLabel = "FILE",
            description = "Drive this cluster instead of an embedded API; without FILE, the current kubeconfig.")
    Optional<String> kubeconfig;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write report.json and report.html (default: scale-reports/<run id>).")
    Optional<Path> out;

    @Option(names = "--settle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for watch events after each phase (default: ${DEFAULT-VALUE}).")
    int settleTimeout;

    @Option(names = "--keep", description = "Leave the objects in place (remove them later with 'scale cleanup').")
    boolean keep;

    /**
     * Connects to the cluster named by {@code --kubeconfig}.
     *
     * @param kubeconfig a file, or {@link #CURRENT}
     * @return the client
     */
    static KubernetesClient connect(String kubeconfig) {
        Config config = CURRENT.equals(kubeconfig) ? Config.autoConfigure(null)
                : Config.fromKubeconfig(Path.of(kubeconfig).toFile());
        // fail fast and visibly: no silent client-side retries against an unreachable API
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(10_000);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
