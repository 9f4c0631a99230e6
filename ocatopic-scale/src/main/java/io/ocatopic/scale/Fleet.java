package io.ocatopic.scale;

import io.ocatopic.kube.internal.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ocatopic.scale.internal.ApiMeter;
import io.ocatopic.scale.internal.ApiMeter.Verb;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.ProgressEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet of simulated klusterlets in one JVM, driving a hub (the embedded API or a real one) as managed
 * clusters do, and the scenarios that judge it: {@code join}, {@code steady}, {@code rollout}, {@code churn},
 * {@code ramp}.
 * No thread per spoke: every spoke is a few timers on one small scheduler ({@link FleetConfig#workers()}).
 *
 * <p>What each simulated spoke does is what the upstream agents do (open-cluster-management-io/ocm at
 * 00f84c3): the registration agent renews the {@code Lease} {@code managed-cluster-lease} in the cluster
 * namespace with a GET and an UPDATE every {@code leaseDurationSeconds} plus up to 25% jitter, sliding
 * ({@code pkg/registration/spoke/lease/lease_controller.go}: {@code wait.JitterUntilWithContext(...,
 * leaseUpdateJitterFactor=0.25, true)}); it patches the ManagedCluster status (conditions
 * {@code ManagedClusterJoined}, {@code ManagedClusterConditionAvailable}, {@code version},
 * {@code clusterClaims}, {@code allocatable}/{@code capacity}) through the status subresource
 * ({@code pkg/registration/spoke/managedcluster/status_controller.go}); the work agent applies the
 * ManifestWorks of its namespace and patches their status: {@code Applied}, {@code Available}, per-manifest
 * {@code resourceStatus} and, for a KMM Module, the status feedback the KMM hub asks for
 * ({@code moduleLoader.availableNumber}, ..., kubernetes-sigs/kernel-module-management
 * {@code internal/manifestwork/manifestwork.go}), synced every {@code workStatusSync}
 * ({@code pkg/work/spoke/options.go}: 10 s). The simulator uses one watch on ManifestWorks for the fleet
 * where real agents hold one each, and reads its ManagedCluster with a GET per status sync where the real
 * agent reads its informer cache.
 *
 * <p>With {@link FleetConfig#simulateHub()} it also plays the hub's controllers the embedded API lacks:
 * accepting the cluster (namespace, lease, {@code HubAcceptedManagedCluster}), marking a cluster whose lease
 * is older than 5 lease durations {@code Available=Unknown} ({@code pkg/registration/hub/lease/controller.go}),
 * and the KMM hub turning a ManagedClusterModule into one ManifestWork named after it in each selected
 * cluster's namespace ({@code internal/controllers/hub/managedclustermodule_reconciler.go}).
 *
 * <pre>{@code
 * try (EmbeddedApi api = EmbeddedApi.start()) {
 *     FleetConfig c = FleetConfig.builder().spokes(200).leaseDurationSeconds(5).steady(Duration.ofSeconds(20)).build();
 *     String target = Fleet.preflight(api.client(), Duration.ofSeconds(5));   // exit 3 material when it throws
 *     FleetReport r = Fleet.of(api.client(), c).run(target, List.of(Fleet.Scenario.JOIN, Fleet.Scenario.STEADY));
 *     System.out.print(r.summary());
 * }
 * }</pre>
 */
public final class Fleet {
    /** The scenarios, run in the order given ({@code join} is implied before the others). */
    public enum Scenario {
        /** Import the fleet in batches. */
        JOIN,
        /** The fleet's continuous load for {@link FleetConfig#steady()}. */
        STEADY,
        /** A ManagedClusterModule to every spoke: time until each reports the module loaded on all nodes. */
        ROLLOUT,
        /** A share of the spokes goes offline past the grace period and returns. */
        CHURN,
        /**
         * Grows the fleet round by round ({@link FleetConfig#rampSizes()}): each round joins the new spokes,
         * holds the size for {@link FleetConfig#rampSteady()} and is judged (every SLO over the round's steady
         * part, no late or failed lease renewal, every new spoke joined); it stops at the first round that
         * breaks and reports the largest fleet that held ({@link FleetReport#rampRounds()}). Without an
         * explicit {@link #JOIN} it is the fleet's join: the fleet starts empty and ends at the last size.
         */
        RAMP
    }

    static final String LEASE_NAME = "managed-cluster-lease";
    static final String KMM_MCM_LABEL = "kmm.node.kubernetes.io/managedclustermodule.name";
    private static final ObjectMapper JSON = Mappers.json();
    private static final int MAX_ERROR_SAMPLES = 8;

    private final KubernetesClient client;
    private final FleetConfig config;
    private final ProgressEvent.Listener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<String, Spoke> spokes = new ConcurrentHashMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong lateRenewals = new AtomicLong();
    private final AtomicLong failedRenewals = new AtomicLong();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final AtomicLong errorsSeen = new AtomicLong();
    private volatile boolean stopping;
    private ApiMeter meter;
    private ScheduledThreadPoolExecutor exec;

    private Fleet(KubernetesClient client, FleetConfig config, ProgressEvent.Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A fleet for one run.
     *
     * @param client the hub
     * @param config the fleet
     * @return the fleet; call {@link #run(String, List)} once
     */
    public static Fleet of(KubernetesClient client, FleetConfig config) {
        return new Fleet(client, config, ProgressEvent.Listener.NONE);
    }

    /**
     * The same fleet reporting its progress and every retry as events: {@code STARTED} for a scenario or ramp
     * round (step {@code join}, {@code steady}, {@code rollout}, {@code churn}, {@code ramp}), {@code ADVANCED}
     * with spoke counts, {@code DONE} or {@code FAILED} for a ramp round, {@code WAITING} for a retry.
     *
     * @param l the listener, called on the fleet's threads (keep it quick)
     * @return a new fleet
     */
    public Fleet withListener(ProgressEvent.Listener l) {
        return new Fleet(client, config, l);
    }

    /**
     * Reaches the API and checks that the kinds the fleet writes are served, before any phase.
     *
     * @param client  the hub
     * @param timeout how long to try
     * @return what was reached, for the report's first line: {@code URL (Kubernetes vX.Y.Z)}
     * @throws KubeException {@code UNREACHABLE} when the API does not answer, {@code UNKNOWN_TYPE} naming the
     *                       missing CRD
     */
    public static String preflight(KubernetesClient client, Duration timeout) {
        String reached = preflightReach(client, timeout);
        checkKinds(client);
        return reached;
    }

    /**
     * Only reaches the API (no CRD check), as a cleanup does before it claims anything.
     *
     * @param client  the API
     * @param timeout how long to try
     * @return {@code URL (Kubernetes vX.Y.Z)}
     * @throws KubeException {@code UNREACHABLE} when the API does not answer in time
     */
    public static String preflightReach(KubernetesClient client, Duration timeout) {
        String url = client.getMasterUrl().toString();
        String version;
        try {
            var v = java.util.concurrent.CompletableFuture.supplyAsync(client::getKubernetesVersion)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            version = v == null ? "unknown" : v.getGitVersion();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "the API at " + url + " did not answer within "
                    + timeout.toSeconds() + " s; check --kubeconfig and that the hub is up", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "cannot reach the API at " + url + ": "
                    + FleetCleanup.rootMessage(e.getCause()) + "; check --kubeconfig and that the hub is up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "interrupted during the preflight", e);
        }
        return url + " (Kubernetes " + version + ")";
    }

    private static void checkKinds(KubernetesClient client) {
        String url = client.getMasterUrl().toString();
        for (ResourceDefinitionContext k : FleetCleanup.KINDS) {
            try {
                var op = client.genericKubernetesResources(k);
                var lo = new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build();
                if (k.isNamespaceScoped()) {
                    op.inAnyNamespace().list(lo);
                } else {
                    op.list(lo);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    throw new KubeException(KubeException.Reason.UNKNOWN_TYPE, 404, k.getKind() + "." + k.getGroup()
                            + " is not served at " + url + ": install its CRD (ACM/OCM, or KMM-hub for"
                            + " ManagedClusterModule) first", e);
                }
                throw new KubeException(KubeException.Reason.UNREACHABLE, e.getCode(), "listing " + k.getPlural()
                        + " at " + url + " failed: " + FleetCleanup.rootMessage(e), e);
            }
        }
    }

    /** Stops the run: timers end, the scenario in progress returns, the report says interrupted. */
    public void cancel() {
        cancelled.set(true);
        stopping = true;
        ScheduledThreadPoolExecutor e = exec;
        if (e != null) {
            e.shutdownNow();
        }
    }

    /**
     * Waits until {@link #run(String, List)} returned.
     *
     * @param timeout how long to wait
     * @return whether it did
     * @throws InterruptedException when interrupted
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the scenarios ({@code join} first when not given), then stops the spokes; no cleanup (call
     * {@link FleetCleanup#run}).
     *
     * @param target     what the report's first line names (from {@link #preflight}, or {@code embedded API})
     * @param scenarios  the scenarios
     * @return the report
     */
    public FleetReport run(String target, List<Scenario> scenarios) {
        long t0 = System.nanoTime();
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        meter = new ApiMeter(t0);
        exec = new ScheduledThreadPoolExecutor(config.workers(), r -> {
            Thread t = new Thread(r, "ocatopic-fleet");
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
        List<FleetReport.ScenarioReport> reports = new ArrayList<>();
        Watch watch = null;
        try {
            List<Scenario> order = new ArrayList<>(scenarios);
            if (!order.contains(Scenario.JOIN) && !order.contains(Scenario.RAMP)) {
                order.add(0, Scenario.JOIN);
            }
            if (order.contains(Scenario.JOIN)) {
                for (int i : config.mySpokes()) {
                    String name = SpokeSource.spokeName(config.runId(), i);
                    spokes.put(name, new Spoke(i, name));
                }
            }
            watch = watchWorks();
            for (Scenario s : order) {
                if (cancelled.get()) {
                    break;
                }
                listener.on(ProgressEvent.of(ProgressEvent.Kind.STARTED, s.name().toLowerCase(Locale.ROOT), "spokes",
                        spokes.size() + " spokes"));
                reports.add(switch (s) {
                    case JOIN -> join(t0);
                    case STEADY -> steady(t0);
                    case ROLLOUT -> rollout(t0);
                    case CHURN -> churn(t0);
                    case RAMP -> ramp(t0);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
        } finally {
            stopping = true;
            exec.shutdownNow();
            if (watch != null) {
                watch.close();
            }
        }
        long end = System.nanoTime() - t0;
        long warm = Math.min(config.sloWarmup().toNanos(), end / 2);
        List<FleetReport.SloVerdict> slo = meter.judge(warm, end, millis(config.sloCallBound()),
                millis(config.sloListBound()));
        double secs = end / 1e9;
        FleetReport r = new FleetReport(target, config.runId(), startedAt, spokes.size(),
                config.leaseDurationSeconds(), reports,
                new FleetReport.Leases(renewals.get(), lateRenewals.get(), failedRenewals.get(),
                        maxLagNanos.get() / 1e6, config.lateTolerance().toMillis()),
                slo, ApiMeter.round(warm / 1e9), slo.stream().allMatch(FleetReport.SloVerdict::pass), meter.totals(),
                ApiMeter.round(meter.total() / secs), meter.timeline(end, Math.max(1_000_000_000L, end / 60)),
                errorsSeen.get(), samples(), cancelled.get(), null, meter.histograms(warm, end),
                FleetMerge.ranges(spokes.values().stream().map(s -> s.index).toList()), config.shards(),
                List.of(config.shard()));
        finished.countDown();
        return r;
    }

    /**
     * The same report with the cleanup's result.
     *
     * @param r the report
     * @param c the cleanup
     * @return the report with it
     */
    public static FleetReport withCleanup(FleetReport r, FleetCleanup.Result c) {
        return new FleetReport(r.target(), r.runId(), r.startedAt(), r.spokes(), r.leaseDurationSeconds(),
                r.scenarios(), r.leases(), r.slo(), r.sloWarmupSeconds(), r.sloPassed(), r.requests(),
                r.requestsPerSecond(), r.timeline(), r.errors(), r.errorSamples(), r.interrupted(), c, r.sloLatency(),
                r.spokeIndexes(), r.shardCount(), r.shards());
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    private synchronized List<String> samples() {
        return List.copyOf(errorSamples);
    }

    private void failed(String what, Exception e) {
        if (stopping) {
            return; // calls cut short by the end of the run are no API failures
        }
        long n = errorsSeen.incrementAndGet();
        String line = what + " failed: " + FleetCleanup.rootMessage(e) + "; retrying on the agent's next period";
        synchronized (this) {
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                errorSamples.add(line);
            }
        }
        if (n <= 20 || n % 1000 == 0) {
            listener.on(ProgressEvent.of(ProgressEvent.Kind.WAITING, "retry", "#" + n, line));
        }
    }

    // ---- join ----------------------------------------------------------------------------------------

    private FleetReport.ScenarioReport join(long t0) throws InterruptedException {
        long start = System.nanoTime();
        List<Spoke> all = new ArrayList<>(spokes.values());
        all.sort((a, b) -> Integer.compare(a.index, b.index));
        long[] c = joinAll(all);
        long end = System.nanoTime();
        return scenario("join", t0, start, end, all.size(), c, Map.of("batch", config.joinBatch(),
                "imported", all.stream().mapToInt(s -> s.imports).sum()));
    }

    /** Joins spokes in batches; returns the time to join of each that did, since its batch started. */
    private long[] joinAll(List<Spoke> all) throws InterruptedException {
        long[] conv = new long[all.size()];
        int done = 0;
        // imports run on their own threads: a batch of 500 must not delay the joined spokes' lease renewals
        java.util.concurrent.ExecutorService importer = java.util.concurrent.Executors.newFixedThreadPool(
                config.workers(), r -> {
                    Thread t = new Thread(r, "ocatopic-fleet-join");
                    t.setDaemon(true);
                    return t;
                });
        try {
        for (int from = 0; from < all.size() && !cancelled.get(); from += config.joinBatch()) {
            List<Spoke> batch = all.subList(from, Math.min(all.size(), from + config.joinBatch()));
            CountDownLatch latch = new CountDownLatch(batch.size());
            long batchStart = System.nanoTime();
            for (Spoke s : batch) {
                importer.execute(() -> {
                    try {
                        joinOne(s);
                    } finally {
                        latch.countDown();
                    }
                });
            }
            latch.await();
            for (Spoke s : batch) {
                if (s.joinedAt > 0) {
                    conv[done++] = s.joinedAt - batchStart;
                }
            }
            listener.on(ProgressEvent.advanced("join", "spokes", done, all.size()));
        }
        } finally {
            importer.shutdownNow();
        }
        return Arrays.copyOf(conv, done);
    }

    // ---- ramp ---------------------------------------------------------------------------------------

    private FleetReport.ScenarioReport ramp(long t0) throws InterruptedException {
        long start = System.nanoTime();
        List<FleetReport.RampRound> rounds = new ArrayList<>();
        long[] conv = new long[0];
        int joinedTotal = 0;
        for (int size : config.rampSizes()) {
            if (cancelled.get()) {
                break;
            }
            List<Spoke> fresh = new ArrayList<>();
            for (int i : config.mySpokes(size)) {
                String name = SpokeSource.spokeName(config.runId(), i);
                if (!spokes.containsKey(name)) {
                    Spoke s = new Spoke(i, name);
                    spokes.put(name, s);
                    fresh.add(s);
                }
            }
            listener.on(ProgressEvent.of(ProgressEvent.Kind.STARTED, "ramp", "spokes",
                    size + " spokes (" + fresh.size() + " new in this process)"));
            long r0 = System.nanoTime();
            long ren0 = renewals.get();
            long late0 = lateRenewals.get();
            long fail0 = failedRenewals.get();
            long[] joined = joinAll(fresh);
            conv = Arrays.copyOf(conv, joinedTotal + joined.length);
            System.arraycopy(joined, 0, conv, joinedTotal, joined.length);
            joinedTotal += joined.length;
            long j1 = System.nanoTime();
            sleep(config.rampSteady());
            long r1 = System.nanoTime();
            if (cancelled.get()) {
                break; // a round cut short is not judged
            }
            List<FleetReport.SloVerdict> slo = meter.judge(j1 - t0, r1 - t0, millis(config.sloCallBound()),
                    millis(config.sloListBound()));
            long late = lateRenewals.get() - late0;
            long failed = failedRenewals.get() - fail0;
            List<String> why = new ArrayList<>();
            if (joined.length < fresh.size()) {
                why.add((fresh.size() - joined.length) + " of " + fresh.size() + " new spokes did not join");
            }
            for (FleetReport.SloVerdict v : slo) {
                if (!v.pass()) {
                    why.add(String.format(Locale.ROOT, "%s %s p99 %.1f ms > %d ms", v.resource(), v.verb(),
                            v.p99Ms(), v.thresholdMs()));
                }
            }
            if (late > 0) {
                why.add(late + " late lease renewals (over " + config.lateTolerance().toMillis() + " ms behind)");
            }
            if (failed > 0) {
                why.add(failed + " failed lease renewals");
            }
            double steadySecs = (r1 - j1) / 1e9;
            FleetReport.RampRound round = new FleetReport.RampRound(size, why.isEmpty(), String.join("; ", why),
                    joined.length, ApiMeter.round((j1 - r0) / 1e9), ApiMeter.round(steadySecs),
                    renewals.get() - ren0, late, failed,
                    ApiMeter.round(meter.count(j1 - t0, r1 - t0) / Math.max(1e-9, steadySecs)), slo);
            rounds.add(round);
            listener.on(ProgressEvent.of(round.held() ? ProgressEvent.Kind.DONE : ProgressEvent.Kind.FAILED, "ramp",
                    "spokes", size + " spokes " + (round.held() ? "held" : "broke: " + round.why())));
            if (!round.held()) {
                break;
            }
        }
        Map<String, Object> notes = FleetMerge.rampOutcome(rounds, config.rampMax());
        notes.put("start", config.rampStart());
        notes.put("factor", config.rampFactor());
        notes.put("step", config.rampStep());
        listener.on(ProgressEvent.of(ProgressEvent.Kind.DONE, "ramp", "", String.valueOf(notes.get("result"))));
        return scenario("ramp", t0, start, System.nanoTime(), spokes.size(), conv, notes);
    }

    private void joinOne(Spoke s) {
        try {
            if (config.simulateHub()) {
                createIfAbsent(FleetCleanup.NAMESPACE, null, Map.of("apiVersion", "v1", "kind", "Namespace",
                        "metadata", meta(s.name, null)));
            }
            // the import: ACM/ZTP creates the ManagedCluster (once per spoke, never again)
            if (createIfAbsent(FleetCleanup.MANAGED_CLUSTER, null, managedCluster(s))) {
                s.imports++;
            }
            if (config.simulateHub()) {
                Lease lease = new LeaseBuilder().withNewMetadata().withName(LEASE_NAME).withNamespace(s.name)
                        .withLabels(Map.of(ScaleLabels.RUN, config.runId(), "open-cluster-management.io/cluster-name",
                                s.name)).endMetadata().withNewSpec().withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)).endSpec().build();
                try {
                    meter.run("leases", Verb.CREATE, () -> client.resources(Lease.class).inNamespace(s.name)
                            .resource(lease).create());
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
                patchStatus(FleetCleanup.MANAGED_CLUSTER, null, s.name, Map.of("conditions",
                        List.of(condition("HubAcceptedManagedCluster", "True", "HubClusterAdminAccepted",
                                "Accepted by hub cluster admin"))));
            }
            s.lastRenew = System.nanoTime();
            clusterStatus(s);
            s.joinedAt = System.nanoTime();
            scheduleLease(s, jittered());
            exec.schedule(() -> statusLoop(s), config.clusterStatusSync().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            failed("join of " + s.name, e);
        }
    }

    private boolean createIfAbsent(ResourceDefinitionContext k, String ns, Map<String, Object> obj) {
        GenericKubernetesResource g = JSON.convertValue(obj, GenericKubernetesResource.class);
        try {
            meter.run(k.getPlural(), Verb.CREATE, () -> {
                var op = client.genericKubernetesResources(k);
                (ns == null ? op.resource(g) : op.inNamespace(ns).resource(g)).create();
            });
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private void patchStatus(ResourceDefinitionContext k, String ns, String name, Map<String, Object> status) {
        String body;
        try {
            // JSON Patch "add /status" replaces the whole status stanza (a merge patch would too on a real
            // server, but the embedded API's mock appends to lists on merge)
            body = JSON.writeValueAsString(List.of(Map.of("op", "add", "path", "/status", "value", status)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        meter.run(k.getPlural() + "/status", Verb.PATCH, () -> {
            var op = client.genericKubernetesResources(k);
            (ns == null ? op.withName(name) : op.inNamespace(ns).withName(name)).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), body);
        });
    }

    private Map<String, Object> managedCluster(Spoke s) {
        Map<String, String> labels = new LinkedHashMap<>(labels(s.name));
        labels.put("name", s.name);
        labels.put(ScaleSources.KMM_FLEET_LABEL, config.runId());
        return Map.of("apiVersion", "cluster.open-cluster-management.io/v1", "kind", "ManagedCluster",
                "metadata", Map.of("name", s.name, "labels", labels),
                "spec", Map.of("hubAcceptsClient", true, "leaseDurationSeconds", config.leaseDurationSeconds()));
    }

    private Map<String, String> labels(String spoke) {
        return Map.of(ScaleLabels.RUN, config.runId(), ScaleLabels.SPOKE, spoke.substring(spoke.lastIndexOf('-') + 1));
    }

    private Map<String, Object> meta(String name, String ns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (ns != null) {
            m.put("namespace", ns);
        }
        m.put("labels", Map.of(ScaleLabels.RUN, config.runId()));
        return m;
    }

    // ---- the registration agent: lease and cluster status ---------------------------------------------

    private long jittered() {
        long period = TimeUnit.SECONDS.toNanos(config.leaseDurationSeconds());
        return period + (long) (ThreadLocalRandom.current().nextDouble() * 0.25 * period);
    }

    private void scheduleLease(Spoke s, long delayNanos) {
        long due = System.nanoTime() + delayNanos;
        try {
            s.leaseTask = exec.schedule(() -> renew(s, due), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the run is over
        }
    }

    private void renew(Spoke s, long due) {
        if (!s.online) {
            return; // offline: no renewals until it returns
        }
        long lag = System.nanoTime() - due;
        maxLagNanos.accumulateAndGet(lag, Math::max);
        if (lag > config.lateTolerance().toNanos()) {
            lateRenewals.incrementAndGet();
        }
        try {
            Lease lease = meter.call("leases", Verb.GET, () -> client.resources(Lease.class).inNamespace(s.name)
                    .withName(LEASE_NAME).get());
            if (lease == null) {
                failedRenewals.incrementAndGet();
                failed("lease renewal of " + s.name + " (lease not found)", new IllegalStateException("404"));
            } else {
                lease.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
                meter.run("leases", Verb.UPDATE, () -> client.resources(Lease.class).inNamespace(s.name)
                        .resource(lease).update());
                renewals.incrementAndGet();
                s.lastRenew = System.nanoTime();
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                failedRenewals.incrementAndGet(); // a call cut short by the end of the run is no failure
            }
            failed("lease renewal of " + s.name, e);
        }
        if (!cancelled.get()) {
            scheduleLease(s, jittered()); // sliding: the next period starts after this update
        }
    }

    private void statusLoop(Spoke s) {
        if (s.online) {
            try {
                clusterStatus(s);
            } catch (RuntimeException e) {
                failed("status sync of " + s.name, e);
            }
        }
        if (config.simulateHub()) {
            hubLeaseCheck(s);
        }
        try {
            exec.schedule(() -> statusLoop(s), config.clusterStatusSync().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the run is over
        }
    }

    /** The spoke's status controller: reads its ManagedCluster, patches status when Available is not True. */
    private void clusterStatus(Spoke s) {
        GenericKubernetesResource mc = meter.call("managedclusters", Verb.GET,
                () -> client.genericKubernetesResources(FleetCleanup.MANAGED_CLUSTER).withName(s.name).get());
        if (mc == null) {
            throw new IllegalStateException("ManagedCluster " + s.name + " is gone");
        }
        if (s.statusWritten && "True".equals(conditionStatus(mc, "ManagedClusterConditionAvailable"))) {
            return; // unchanged: the real agent's patcher writes nothing either
        }
        List<String> kernels = ScaleSources.kernelsOf(s.index);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(
                condition("HubAcceptedManagedCluster", "True", "HubClusterAdminAccepted",
                        "Accepted by hub cluster admin"),
                condition("ManagedClusterJoined", "True", "ManagedClusterJoined", "Managed cluster joined"),
                condition("ManagedClusterConditionAvailable", "True", "ManagedClusterAvailable",
                        "Managed cluster is available")));
        status.put("version", Map.of("kubernetes", "v1.31.4"));
        status.put("clusterClaims", List.of(Map.of("name", "id.k8s.io", "value", s.name),
                Map.of("name", ScaleSources.KERNEL_CLAIM, "value", String.join("\n", kernels))));
        int n = config.nodesPerSpoke();
        status.put("capacity", Map.of("cpu", String.valueOf(16 * n), "memory", (64 * n) + "Gi"));
        status.put("allocatable", Map.of("cpu", String.valueOf(15 * n), "memory", (60 * n) + "Gi"));
        patchStatus(FleetCleanup.MANAGED_CLUSTER, null, s.name, status);
        s.statusWritten = true;
        s.available = true;
        s.availableAt = System.nanoTime();
    }

    /** The hub's lease controller: Available=Unknown once a lease is older than the grace period. */
    private void hubLeaseCheck(Spoke s) {
        if (s.available && System.nanoTime() - s.lastRenew >= config.gracePeriod().toNanos()) {
            try {
                patchStatus(FleetCleanup.MANAGED_CLUSTER, null, s.name, Map.of("conditions", List.of(
                        condition("HubAcceptedManagedCluster", "True", "HubClusterAdminAccepted",
                                "Accepted by hub cluster admin"),
                        condition("ManagedClusterJoined", "True", "ManagedClusterJoined", "Managed cluster joined"),
                        condition("ManagedClusterConditionAvailable", "Unknown", "ManagedClusterLeaseUpdateStopped",
                                "Registration agent stopped updating its lease."))));
                s.available = false;
                s.markedUnknown++;
            } catch (RuntimeException e) {
                failed("hub lease check of " + s.name, e);
            }
        }
    }

    private static String conditionStatus(GenericKubernetesResource o, String type) {
        Object st = o.getAdditionalProperties().get("status");
        if (st instanceof Map<?, ?> m && m.get("conditions") instanceof List<?> l) {
            for (Object c : l) {
                if (c instanceof Map<?, ?> cm && type.equals(cm.get("type"))) {
                    return String.valueOf(cm.get("status"));
                }
            }
        }
        return null;
    }

    static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    // ---- steady -------------------------------------------------------------------------------------

    private FleetReport.ScenarioReport steady(long t0) throws InterruptedException {
        long start = System.nanoTime();
        long late0 = lateRenewals.get();
        long ren0 = renewals.get();
        sleep(config.steady());
        long end = System.nanoTime();
        // healthy at the end: renewed within the hub's grace period, so the hub still sees it Available
        long healthy = spokes.values().stream().filter(s -> s.online && end - s.lastRenew < config.gracePeriod().toNanos())
                .count();
        FleetReport.ScenarioReport r = scenario("steady", t0, start, end, spokes.size(), new long[0], Map.of(
                "renewals", renewals.get() - ren0, "lateRenewals", lateRenewals.get() - late0));
        return new FleetReport.ScenarioReport(r.name(), r.startSeconds(), r.durationSeconds(), r.spokes(),
                (int) healthy, r.convergence(), r.cdf(), r.notes(), r.histogram());
    }

    private void sleep(Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        while (!cancelled.get() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    // ---- rollout: KMM hub and work agent ------------------------------------------------------------

    private FleetReport.ScenarioReport rollout(long t0) throws InterruptedException {
        long start = System.nanoTime();
        String mcmName = config.runId() + "-kmod";
        Map<String, Object> mcm = managedClusterModule(mcmName);
        createIfAbsent(FleetCleanup.MCM, null, mcm);
        for (Spoke s : spokes.values()) {
            s.rolloutStart = start;
            s.loadedAt = 0;
        }
        if (config.simulateHub()) {
            for (Spoke s : spokes.values()) {
                exec.execute(() -> {
                    try {
                        createIfAbsent(FleetCleanup.MANIFEST_WORK, s.name, manifestWork(mcmName, mcm, s));
                    } catch (RuntimeException e) {
                        failed("KMM hub: ManifestWork for " + s.name, e);
                    }
                });
            }
        }
        long deadline = start + config.rolloutTimeout().toNanos();
        int loaded = 0;
        while (!cancelled.get() && System.nanoTime() < deadline) {
            loaded = (int) spokes.values().stream().filter(s -> s.loadedAt > 0).count();
            if (loaded == spokes.size()) {
                break;
            }
            Thread.sleep(100);
        }
        long end = System.nanoTime();
        long[] c = spokes.values().stream().filter(s -> s.loadedAt > 0).mapToLong(s -> s.loadedAt - start).toArray();
        listener.on(ProgressEvent.advanced("rollout", "spokes report the module loaded", c.length, spokes.size()));
        return scenario("rollout", t0, start, end, spokes.size(), c, Map.of("managedClusterModule", mcmName,
                "nodesPerSpoke", config.nodesPerSpoke(), "notLoaded", spokes.size() - c.length));
    }

    private Map<String, Object> managedClusterModule(String name) {
        Map<String, Object> container = Map.of("modprobe", Map.of("moduleName", "scale_kmod"),
                "kernelMappings", List.of(Map.of("regexp", "^.+$",
                        "containerImage", "registry.edge.example/kmod/scale-kmod:${KERNEL_FULL_VERSION}")));
        Map<String, Object> moduleSpec = Map.of("selector", Map.of("node-role.kubernetes.io/worker", ""),
                "moduleLoader", Map.of("container", container));
        return Map.of("apiVersion", "hub.kmm.sigs.x-k8s.io/v1beta1", "kind", "ManagedClusterModule",
                "metadata", meta(name, null),
                "spec", Map.of("moduleSpec", moduleSpec, "spokeNamespace", "kmm-scale",
                        "selector", Map.of(ScaleSources.KMM_FLEET_LABEL, config.runId())));
    }

    /** What the KMM hub renders per spoke: the Module with literal mappings for the spoke's kernels. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> manifestWork(String mcmName, Map<String, Object> mcm, Spoke s) {
        Map<String, Object> spec = (Map<String, Object>) mcm.get("spec");
        Map<String, Object> moduleSpec = new LinkedHashMap<>((Map<String, Object>) spec.get("moduleSpec"));
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (String k : ScaleSources.kernelsOf(s.index)) {
            mappings.add(Map.of("literal", k, "containerImage", "mirror.edge.example:5000/kmod/scale-kmod:" + k));
        }
        moduleSpec.put("moduleLoader", Map.of("container", Map.of("modprobe", Map.of("moduleName", "scale_kmod"),
                "kernelMappings", mappings)));
        Map<String, Object> module = Map.of("apiVersion", "kmm.sigs.x-k8s.io/v1beta1", "kind", "Module",
                "metadata", Map.of("name", mcmName, "namespace", spec.get("spokeNamespace")), "spec", moduleSpec);
        List<Map<String, Object>> paths = new ArrayList<>();
        for (String f : List.of("availableNumber", "desiredNumber", "nodesMatchingSelectorNumber")) {
            paths.add(Map.of("name", "moduleLoader." + f, "path", ".status.moduleLoader." + f));
        }
        Map<String, Object> md = meta(mcmName, s.name);
        md.put("labels", Map.of(ScaleLabels.RUN, config.runId(), KMM_MCM_LABEL, mcmName));
        return Map.of("apiVersion", "work.open-cluster-management.io/v1", "kind", "ManifestWork", "metadata", md,
                "spec", Map.of("workload", Map.of("manifests", List.of(module)),
                        "manifestConfigs", List.of(Map.of("resourceIdentifier", Map.of("group", "kmm.sigs.x-k8s.io",
                                "resource", "modules", "name", mcmName, "namespace", spec.get("spokeNamespace")),
                                "feedbackRules", List.of(Map.of("type", "JSONPaths", "jsonPaths", paths))))));
    }

    private Watch watchWorks() {
        return client.genericKubernetesResources(FleetCleanup.MANIFEST_WORK).inAnyNamespace()
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource mw) {
                        Spoke s = spokes.get(mw.getMetadata().getNamespace());
                        if (s == null || (action != Action.ADDED && action != Action.MODIFIED)) {
                            return;
                        }
                        long gen = mw.getMetadata().getGeneration() == null ? 1 : mw.getMetadata().getGeneration();
                        String key = mw.getMetadata().getName();
                        Work w = s.works.get(key);
                        if (w != null && w.generation >= gen) {
                            return; // a status write of ours, or a generation already applied
                        }
                        Work nw = new Work(key, gen, moduleManifest(mw));
                        s.works.put(key, nw);
                        try {
                            exec.execute(() -> applyWork(s, nw));
                        } catch (java.util.concurrent.RejectedExecutionException stopping) {
                            // the run is over
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        if (!cancelled.get()) {
                            listener.on(ProgressEvent.of(ProgressEvent.Kind.WAITING, "rollout", "ManifestWork watch",
                                    "closed: " + cause.getMessage()));
                        }
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> moduleManifest(GenericKubernetesResource mw) {
        Object spec = mw.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> m && m.get("workload") instanceof Map<?, ?> wl
                && wl.get("manifests") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> first) {
            return (Map<String, Object>) first;
        }
        return Map.of();
    }

    /** The work agent: applies, reports Applied/Available, then the module feedback every status sync. */
    private void applyWork(Spoke s, Work w) {
        if (!s.online) {
            exec.schedule(() -> applyWork(s, w), config.workStatusSync().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        long now = System.nanoTime();
        long d = config.moduleLoadDelay().toNanos();
        w.nodeLoads = new long[config.nodesPerSpoke()];
        for (int i = 0; i < w.nodeLoads.length; i++) {
            w.nodeLoads[i] = now + d + (long) (ThreadLocalRandom.current().nextDouble() * d);
        }
        workStatus(s, w);
    }

    private void workStatus(Spoke s, Work w) {
        boolean module = "Module".equals(w.manifest.get("kind"));
        int loaded = 0;
        long now = System.nanoTime();
        for (long t : w.nodeLoads) {
            if (t <= now) {
                loaded++;
            }
        }
        if (loaded != w.reported || !w.statusWritten) {
            try {
                patchStatus(FleetCleanup.MANIFEST_WORK, s.name, w.name, workStatusBody(w, module, loaded));
                w.statusWritten = true;
                w.reported = loaded;
                if (!module || loaded == w.nodeLoads.length) {
                    s.loadedAt = System.nanoTime();
                    return;
                }
            } catch (RuntimeException e) {
                failed("ManifestWork status of " + s.name, e);
            }
        }
        try {
            exec.schedule(() -> workStatus(s, w), config.workStatusSync().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the run is over
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> workStatusBody(Work w, boolean module, int loaded) {
        List<Map<String, Object>> conds = List.of(
                withGen(condition("Applied", "True", "AppliedManifestWorkComplete", "Apply manifest work complete"), w),
                withGen(condition("Available", "True", "ResourcesAvailable", "All resources are available"), w));
        Map<String, Object> meta = (Map<String, Object>) w.manifest.getOrDefault("metadata", Map.of());
        String apiVersion = String.valueOf(w.manifest.getOrDefault("apiVersion", "v1"));
        int slash = apiVersion.indexOf('/');
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("ordinal", 0);
        rm.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
        rm.put("version", apiVersion.substring(slash + 1));
        rm.put("kind", String.valueOf(w.manifest.getOrDefault("kind", "")));
        rm.put("resource", String.valueOf(w.manifest.getOrDefault("kind", "")).toLowerCase(Locale.ROOT) + "s");
        rm.put("name", String.valueOf(meta.getOrDefault("name", "")));
        rm.put("namespace", String.valueOf(meta.getOrDefault("namespace", "")));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("resourceMeta", rm);
        List<Map<String, Object>> mconds = new ArrayList<>(List.of(
                condition("Applied", "True", "AppliedManifestComplete", "Apply manifest complete"),
                condition("Available", "True", "ResourceAvailable", "Resource is available")));
        if (module) {
            int n = w.nodeLoads.length;
            manifest.put("statusFeedback", Map.of("values", List.of(intValue("moduleLoader.availableNumber", loaded),
                    intValue("moduleLoader.desiredNumber", n), intValue("moduleLoader.nodesMatchingSelectorNumber", n))));
            mconds.add(condition("StatusFeedbackSynced", "True", "StatusFeedbackSynced", ""));
        }
        manifest.put("conditions", mconds);
        return Map.of("conditions", conds, "resourceStatus", Map.of("manifests", List.of(manifest)));
    }

    private static Map<String, Object> withGen(Map<String, Object> c, Work w) {
        Map<String, Object> m = new LinkedHashMap<>(c);
        m.put("observedGeneration", w.generation);
        return m;
    }

    private static Map<String, Object> intValue(String name, int v) {
        return Map.of("name", name, "fieldValue", Map.of("type", "Integer", "integer", v));
    }

    // ---- churn --------------------------------------------------------------------------------------

    private FleetReport.ScenarioReport churn(long t0) throws InterruptedException {
        long start = System.nanoTime();
        List<Spoke> all = new ArrayList<>(spokes.values());
        all.sort((a, b) -> Integer.compare(a.index, b.index));
        int k = Math.max(1, (int) Math.ceil(all.size() * config.churnFraction()));
        int step = Math.max(1, all.size() / k);
        List<Spoke> churned = new ArrayList<>();
        for (int i = 0; i < all.size() && churned.size() < k; i += step) {
            churned.add(all.get(i));
        }
        Map<String, String> uids = new LinkedHashMap<>();
        for (Spoke s : churned) {
            GenericKubernetesResource mc = meter.call("managedclusters", Verb.GET,
                    () -> client.genericKubernetesResources(FleetCleanup.MANAGED_CLUSTER).withName(s.name).get());
            uids.put(s.name, mc == null ? "" : mc.getMetadata().getUid());
            s.online = false;
        }
        listener.on(ProgressEvent.of(ProgressEvent.Kind.ADVANCED, "churn", "spokes", churned.size() + " spokes offline"));
        Duration offline = config.churnOffline().isZero()
                ? config.gracePeriod().plusSeconds(config.leaseDurationSeconds()) : config.churnOffline();
        sleep(offline);
        int unknown = (int) churned.stream().filter(s -> s.markedUnknown > 0).count();
        long back = System.nanoTime();
        for (Spoke s : churned) {
            s.availableAt = 0;
            s.online = true;
            exec.execute(() -> {
                renewNow(s);
                try {
                    clusterStatus(s);
                } catch (RuntimeException e) {
                    failed("status sync of " + s.name, e);
                }
            });
        }
        long deadline = back + config.gracePeriod().toNanos() + TimeUnit.SECONDS.toNanos(60);
        while (!cancelled.get() && System.nanoTime() < deadline
                && churned.stream().anyMatch(s -> s.availableAt == 0)) {
            Thread.sleep(100);
        }
        long end = System.nanoTime();
        long[] c = churned.stream().filter(s -> s.availableAt > 0).mapToLong(s -> s.availableAt - back).toArray();
        int sameUid = 0;
        for (Spoke s : churned) {
            GenericKubernetesResource mc = meter.call("managedclusters", Verb.GET,
                    () -> client.genericKubernetesResources(FleetCleanup.MANAGED_CLUSTER).withName(s.name).get());
            if (mc != null && mc.getMetadata().getUid().equals(uids.get(s.name))
                    && "True".equals(conditionStatus(mc, "ManagedClusterConditionAvailable"))) {
                sameUid++;
            }
        }
        long twice = churned.stream().filter(s -> s.imports != 1).count();
        return scenario("churn", t0, start, end, churned.size(), c, Map.of("offlineSeconds", offline.toSeconds(),
                "markedUnknown", unknown, "backAvailableSameCluster", sameUid, "importedTwice", twice));
    }

    private void renewNow(Spoke s) {
        var t = s.leaseTask;
        if (t != null) {
            t.cancel(false);
        }
        renew(s, System.nanoTime());
    }

    // ---- reporting ----------------------------------------------------------------------------------

    private static FleetReport.ScenarioReport scenario(String name, long t0, long start, long end, int spokes,
                                                       long[] conv, Map<String, Object> notes) {
        LatencyStats st = LatencyStats.of(conv, conv.length);
        long[] sorted = conv.clone();
        Arrays.sort(sorted);
        List<double[]> cdf = new ArrayList<>();
        int points = Math.min(sorted.length, 100);
        for (int i = 1; i <= points; i++) {
            int idx = (int) Math.ceil((double) i * sorted.length / points) - 1;
            cdf.add(new double[] {ApiMeter.round(sorted[idx] / 1e9), ApiMeter.round((idx + 1.0) / sorted.length)});
        }
        return new FleetReport.ScenarioReport(name, ApiMeter.round((start - t0) / 1e9),
                ApiMeter.round((end - start) / 1e9), spokes, conv.length, st, cdf, notes,
                LatencyHistogram.of(name, "", conv, conv.length));
    }

    /** One simulated managed cluster: state only, its work runs on the fleet's scheduler. */
    private static final class Spoke {
        final int index;
        final String name;
        volatile boolean online = true;
        volatile long lastRenew;
        volatile long joinedAt;
        volatile long availableAt;
        volatile long rolloutStart;
        volatile long loadedAt;
        volatile boolean available;
        volatile boolean statusWritten;
        volatile int imports;
        volatile int markedUnknown;
        volatile java.util.concurrent.ScheduledFuture<?> leaseTask;
        final Map<String, Work> works = new ConcurrentHashMap<>();

        Spoke(int index, String name) {
            this.index = index;
            this.name = name;
        }
    }

    /** One ManifestWork a spoke applied. */
    private static final class Work {
        final String name;
        final long generation;
        final Map<String, Object> manifest;
        volatile long[] nodeLoads = new long[0];
        volatile int reported = -1;
        volatile boolean statusWritten;

        Work(String name, long generation, Map<String, Object> manifest) {
            this.name = name;
            this.generation = generation;
            this.manifest = manifest;
        }
    }
}
