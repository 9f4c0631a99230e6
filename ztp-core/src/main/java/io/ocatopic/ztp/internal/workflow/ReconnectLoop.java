package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.SiteEndpoint;
import io.ocatopic.kube.ProgressEvent;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.ImportCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Automatic re-attachment for a spoke that is offline for long stretches (a ship, a store): probes the
 * hub with exponential backoff; when the hub answers and the spoke is not imported in this period of
 * reachability, imports it once through a {@link Reimporter} (serialised, never two at once) with the
 * spoke's <em>current</em> credentials; reports every probe and attempt. A hub that drops during an import
 * leaves no half-written object (each is one request); the next reachable probe completes the import.
 * When the hub is lost again after a completed import, the next recovery imports once more.
 *
 * <pre>{@code
 * ReconnectLoop loop = ReconnectLoop.builder(hub, "edge-1",
 *                 () -> SpokeKubeconfig.credentials(spoke, spoke.endpoint()))
 *         .backoff(Backoff.DEFAULT).listener(e -> log.info("{} {}", e.type(), e.message())).build();
 * loop.run(() -> Thread.currentThread().isInterrupted());
 * }</pre>
 */
public final class ReconnectLoop {
    private final ClusterApi hub;
    private final String cluster;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final Supplier<ImportCredentials> credentials;
    private final Backoff backoff;
    private final Duration steadyInterval;
    private final Sleeper sleeper;
    private final ProgressEvent.Listener listener;
    private final Reimporter reimporter;

    private ReconnectLoop(Builder b) {
        this.hub = b.hub;
        this.cluster = b.cluster;
        this.labels = b.labels;
        this.annotations = b.annotations;
        this.credentials = b.credentials;
        this.backoff = b.backoff;
        this.steadyInterval = b.steadyInterval;
        this.sleeper = b.sleeper;
        this.listener = b.listener;
        this.reimporter = b.reimporter;
    }

    /**
     * Starts a builder.
     *
     * @param hub         the hub's API
     * @param cluster     the spoke's name
     * @param credentials the spoke's current endpoint and credential, read at each import
     * @return the builder
     */
    public static Builder builder(ClusterApi hub, String cluster, Supplier<ImportCredentials> credentials) {
        return new Builder(hub, cluster, credentials);
    }

    /**
     * A builder for a relocated spoke on site: imports with the kubeconfig stored on the spoke, re-pointed
     * at {@link SiteEndpoint#apiUrl(ChassisSpec.Cluster)}, with the cluster's labels and the site facts
     * ({@link SiteEndpoint#annotations}) on its ManagedCluster.
     *
     * <pre>{@code
     * ReconnectLoop.forSite(hub, spec.cluster("ship-1"), spoke,
     *         SiteEndpoint.unchanged().withBaseDomain("port-3.example.net")).build().run(() -> false);
     * }</pre>
     *
     * @param hub     the hub's API
     * @param cluster the cluster as specified for the factory
     * @param spoke   the spoke's API on site (holds the kubeconfig kept at detach)
     * @param site    what changed on site
     * @return the builder
     * @throws io.ocatopic.ztp.ZtpException {@code INVALID_SPEC} with {@code site.*} paths for bad input
     */
    public static Builder forSite(ClusterApi hub, ChassisSpec.Cluster cluster, ClusterApi spoke,
                                  SiteEndpoint site) {
        site.validated();
        String url = site.apiUrl(cluster);
        return new Builder(hub, cluster.name(), () -> SpokeKubeconfig.credentials(spoke, url))
                .labels(cluster.labels()).annotations(site.annotations(cluster));
    }

    /**
     * What a run did.
     *
     * @param probes           probes sent
     * @param failedProbes     probes the hub did not answer
     * @param completedImports imports that completed (one per recovery)
     * @param failedImports    import attempts that failed part-way
     */
    public record Result(int probes, int failedProbes, int completedImports, int failedImports) {
    }

    /**
     * Runs until {@code stop} says so or the thread is interrupted.
     *
     * @param stop checked before every probe
     * @return counts of what happened
     */
    public Result run(BooleanSupplier stop) {
        int probes = 0;
        int failedProbes = 0;
        int completed = 0;
        int failedImports = 0;
        int failures = 0;
        boolean imported = false;
        boolean lost = true;
        String step = "reconnect-" + cluster;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            probes++;
            Duration wait;
            if (!hub.reachable()) {
                failedProbes++;
                imported = false;
                lost = true;
                wait = backoff.delay(failures++);
                emit(WorkflowEvents.Type.PROBE_FAILED, step, "hub unreachable; next probe in " + wait, probes);
            } else {
                if (lost) {
                    emit(WorkflowEvents.Type.HUB_REACHABLE, step, "hub answers", probes);
                    lost = false;
                }
                if (!imported) {
                    emit(WorkflowEvents.Type.IMPORT_STARTED, step, "importing " + cluster, probes);
                    try {
                        ImportCredentials c = credentials.get();
                        reimporter.importCluster(hub, cluster, labels, annotations, c);
                        imported = true;
                        completed++;
                        failures = 0;
                        emit(WorkflowEvents.Type.IMPORT_COMPLETED, step, "hub holds " + c.server(), probes);
                    } catch (RuntimeException e) {
                        failedImports++;
                        emit(WorkflowEvents.Type.IMPORT_FAILED, step, describe(e), probes);
                    }
                }
                wait = imported ? steadyInterval : backoff.delay(failures++);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(probes, failedProbes, completed, failedImports);
    }

    private static String describe(RuntimeException e) {
        return e instanceof ZtpException z ? z.reason() + ": " + z.getMessage() : String.valueOf(e.getMessage());
    }

    private void emit(WorkflowEvents.Type type, String step, String message, int attempt) {
        listener.on(WorkflowEvents.of(type, step, cluster, message, attempt));
    }

    /** Builds a {@link ReconnectLoop}. */
    public static final class Builder {
        private final ClusterApi hub;
        private final String cluster;
        private final Supplier<ImportCredentials> credentials;
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();
        private Backoff backoff = Backoff.DEFAULT;
        private Duration steadyInterval = Duration.ofMinutes(1);
        private Sleeper sleeper = Sleeper.REAL;
        private ProgressEvent.Listener listener = ProgressEvent.Listener.NONE;
        private Reimporter reimporter = new Reimporter();

        private Builder(ClusterApi hub, String cluster, Supplier<ImportCredentials> credentials) {
            this.hub = Objects.requireNonNull(hub, "hub");
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**

         * Sets a value.

         *

         * @param v ManagedCluster labels

         * @return this

         */
        public Builder labels(Map<String, String> v) {
            labels = Map.copyOf(v);
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v ManagedCluster annotations (such as {@link SiteEndpoint#annotations})
         * @return this
         */
        public Builder annotations(Map<String, String> v) {
            annotations = Map.copyOf(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v backoff while the hub is unreachable

         * @return this

         */
        public Builder backoff(Backoff v) {
            backoff = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v probe interval while connected (default 1 min)

         * @return this

         */
        public Builder steadyInterval(Duration v) {
            steadyInterval = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v how to wait

         * @return this

         */
        public Builder sleeper(Sleeper v) {
            sleeper = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the progress listener

         * @return this

         */
        public Builder listener(ProgressEvent.Listener v) {
            listener = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the importer (share one with the workflow so imports never race)

         * @return this

         */
        public Builder reimporter(Reimporter v) {
            reimporter = v;
            return this;
        }

        /** @return the loop */
        public ReconnectLoop build() {
            return new ReconnectLoop(this);
        }
    }
}
