package io.ocatopic.scale;

import io.ocatopic.core.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated fleet does: how many spokes, how their klusterlets behave (lease period, status
 * resync), the scenarios' sizes and durations, and how the run is judged. Built with {@link #builder()};
 * a config that builds is valid ({@link IllegalArgumentException} names each field and the fix).
 *
 * <p>The defaults are the upstream agents' own: {@code leaseDurationSeconds} 60 (ManagedCluster CRD
 * default; open-cluster-management-io/ocm {@code pkg/registration/spoke/lease/lease_controller.go} renews
 * with {@code wait.JitterUntil} and jitter factor 0.25), the work agent's status sync every 10 s
 * ({@code pkg/work/spoke/options.go}, {@code StatusSyncInterval}), join batches of 500 (ACM's telco hub
 * scaling guidance) and the SIG Scalability measurement window that excludes the first minute.
 *
 * <pre>{@code
 * FleetConfig c = FleetConfig.builder().spokes(2000).steady(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * @param runId                run id (labels every object the fleet writes; part of every name)
 * @param spokes               simulated managed clusters
 * @param nodesPerSpoke        simulated nodes per spoke (KMM reports the module loaded per node)
 * @param leaseDurationSeconds the ManagedCluster's {@code spec.leaseDurationSeconds}
 * @param clusterStatusSync    how often a spoke refreshes its ManagedCluster status
 * @param workStatusSync       how often a spoke's work agent syncs ManifestWork status
 * @param joinBatch            spokes imported per batch in {@code join}
 * @param steady               how long {@code steady} runs
 * @param moduleLoadDelay      how long a simulated node takes to load a module (each node 1x to 2x)
 * @param rolloutTimeout       how long {@code rollout} waits for every spoke
 * @param churnFraction        the share of spokes that go offline in {@code churn} (0 to 1)
 * @param churnOffline         how long they stay offline
 * @param workers              threads that run every spoke's timers and calls (no thread per spoke)
 * @param lateTolerance        a renewal starting later than its jittered due time by more is late
 * @param sloWarmup            the start of the run the SLO judgement leaves out
 * @param simulateHub          also play the hub's controllers (cluster accept, lease expiry, KMM hub):
 *                             on for the embedded API, which has none; off on a real hub
 * @param shard                this process's shard (0-based) of a fleet split over {@code shards}
 * @param shards               how many processes share the fleet
 * @param rampStart            the fleet's size in the first round of {@code ramp} (all shards)
 * @param rampFactor           each round of {@code ramp} multiplies the size by this (at least 1) ...
 * @param rampStep             ... then adds this many spokes; the size grows by at least one a round
 * @param rampMax              the largest size {@code ramp} tries (the last round, when nothing broke before)
 * @param rampSteady           how long each round of {@code ramp} holds its size after joining (at least one
 *                             lease period with jitter, {@code 1.25 * leaseDurationSeconds}, so that every
 *                             spoke renews in it)
 * @param sloCallBound         the p99 bound of mutating and non-list read calls (SIG Scalability: 1 s)
 * @param sloListBound         the p99 bound of list calls (SIG Scalability: 30 s, cluster scope)
 */
public record FleetConfig(String runId, int spokes, int nodesPerSpoke, int leaseDurationSeconds,
                          Duration clusterStatusSync, Duration workStatusSync, int joinBatch, Duration steady,
                          Duration moduleLoadDelay, Duration rolloutTimeout, double churnFraction,
                          Duration churnOffline, int workers, Duration lateTolerance, Duration sloWarmup,
                          boolean simulateHub, int shard, int shards, int rampStart, double rampFactor,
                          int rampStep, int rampMax, Duration rampSteady, Duration sloCallBound,
                          Duration sloListBound) {
    /** The most spokes one process simulates. */
    public static final int MAX_SPOKES = 100_000;

    /**
     * Checks every field.
     *
     * @param runId run id (labels every object the fleet writes; part of every name)
     * @param spokes simulated managed clusters
     * @param nodesPerSpoke simulated nodes per spoke (KMM reports the module loaded per node)
     * @param leaseDurationSeconds the ManagedCluster's {@code spec.leaseDurationSeconds}
     * @param clusterStatusSync how often a spoke refreshes its ManagedCluster status
     * @param workStatusSync how often a spoke's work agent syncs ManifestWork status
     * @param joinBatch spokes imported per batch in {@code join}
     * @param steady how long {@code steady} runs
     * @param moduleLoadDelay how long a simulated node takes to load a module (each node 1x to 2x)
     * @param rolloutTimeout how long {@code rollout} waits for every spoke
     * @param churnFraction the share of spokes that go offline in {@code churn} (0 to 1)
     * @param churnOffline how long they stay offline
     * @param workers threads that run every spoke's timers and calls (no thread per spoke)
     * @param lateTolerance a renewal starting later than its jittered due time by more is late
     * @param sloWarmup the start of the run the SLO judgement leaves out
     * @param simulateHub also play the hub's controllers (cluster accept, lease expiry, KMM hub): on for the
     *                    embedded API, which has none; off on a real hub
     * @param shard this process's shard (0-based) of a fleet split over {@code shards}
     * @param shards how many processes share the fleet
     * @param rampStart the fleet's size in the first round of {@code ramp} (all shards)
     * @param rampFactor each round of {@code ramp} multiplies the size by this (at least 1)
     * @param rampStep then adds this many spokes
     * @param rampMax the largest size {@code ramp} tries
     * @param rampSteady how long each round of {@code ramp} holds its size after joining
     * @param sloCallBound the p99 bound of mutating and non-list read calls (SIG Scalability: 1 s)
     * @param sloListBound the p99 bound of list calls (SIG Scalability: 30 s)
     * @throws IllegalArgumentException naming each bad field and the fix
     */
    public FleetConfig {
        List<Problem> p = new ArrayList<>();
        if (runId == null || !runId.matches("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?")) {
            p.add(new Problem("runId", "\"" + runId + "\" must be 1-20 lower-case letters, digits or '-'"));
        }
        if (spokes < 1 || spokes > MAX_SPOKES) {
            p.add(new Problem("spokes", spokes + " must be 1.." + MAX_SPOKES + "; shard larger fleets (FleetJob)"));
        }
        if (nodesPerSpoke < 1 || nodesPerSpoke > 1000) {
            p.add(new Problem("nodesPerSpoke", nodesPerSpoke + " must be 1..1000"));
        }
        if (leaseDurationSeconds < 1 || leaseDurationSeconds > 3600) {
            p.add(new Problem("leaseDurationSeconds", leaseDurationSeconds + " must be 1..3600 (upstream default 60)"));
        }
        positive(p, "clusterStatusSync", clusterStatusSync);
        positive(p, "workStatusSync", workStatusSync);
        if (joinBatch < 1) {
            p.add(new Problem("joinBatch", joinBatch + " must be at least 1 (ACM: up to 500)"));
        }
        notNegative(p, "steady", steady);
        notNegative(p, "moduleLoadDelay", moduleLoadDelay);
        positive(p, "rolloutTimeout", rolloutTimeout);
        if (!(churnFraction > 0 && churnFraction <= 1)) {
            p.add(new Problem("churnFraction", churnFraction + " must be in (0, 1]"));
        }
        notNegative(p, "churnOffline", churnOffline);
        if (workers < 1 || workers > 256) {
            p.add(new Problem("workers", workers + " must be 1..256"));
        }
        notNegative(p, "lateTolerance", lateTolerance);
        notNegative(p, "sloWarmup", sloWarmup);
        if (shards < 1 || shard < 0 || shard >= shards) {
            p.add(new Problem("shard", shard + " of " + shards + ": need 0 <= shard < shards"));
        }
        if (rampStart < 1) {
            p.add(new Problem("rampStart", rampStart + " must be at least 1"));
        }
        if (rampMax < rampStart) {
            p.add(new Problem("rampMax", rampMax + " must be at least rampStart (" + rampStart + ")"));
        } else if (shards >= 1 && (rampMax + shards - 1L) / shards > MAX_SPOKES) {
            p.add(new Problem("rampMax", rampMax + " over " + shards + " shard(s) is more than " + MAX_SPOKES
                    + " spokes per process; use more shards (FleetJob)"));
        }
        if (!(rampFactor >= 1 && rampFactor <= 100)) {
            p.add(new Problem("rampFactor", rampFactor + " must be in [1, 100]"));
        }
        if (rampStep < 0) {
            p.add(new Problem("rampStep", rampStep + " must not be negative"));
        }
        if (rampFactor == 1 && rampStep == 0) {
            p.add(new Problem("rampStep", "0 with rampFactor 1 does not grow the fleet: set a factor above 1 or a step"));
        }
        positive(p, "rampSteady", rampSteady);
        positive(p, "sloCallBound", sloCallBound);
        positive(p, "sloListBound", sloListBound);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p.stream().map(Problem::toString).toList()));
        }
    }

    /**
     * A config with the {@code ramp} and SLO bound fields at their defaults (the form before {@code ramp}).
     *
     * @param runId run id
     * @param spokes simulated managed clusters
     * @param nodesPerSpoke simulated nodes per spoke
     * @param leaseDurationSeconds the ManagedCluster's {@code spec.leaseDurationSeconds}
     * @param clusterStatusSync how often a spoke refreshes its ManagedCluster status
     * @param workStatusSync how often a spoke's work agent syncs ManifestWork status
     * @param joinBatch spokes imported per batch in {@code join}
     * @param steady how long {@code steady} runs
     * @param moduleLoadDelay how long a simulated node takes to load a module
     * @param rolloutTimeout how long {@code rollout} waits for every spoke
     * @param churnFraction the share of spokes that go offline in {@code churn}
     * @param churnOffline how long they stay offline
     * @param workers threads that run every spoke's timers and calls
     * @param lateTolerance a renewal starting later than its jittered due time by more is late
     * @param sloWarmup the start of the run the SLO judgement leaves out
     * @param simulateHub also play the hub's controllers
     * @param shard this process's shard
     * @param shards how many processes share the fleet
     * @throws IllegalArgumentException naming each bad field and the fix
     */
    public FleetConfig(String runId, int spokes, int nodesPerSpoke, int leaseDurationSeconds,
                       Duration clusterStatusSync, Duration workStatusSync, int joinBatch, Duration steady,
                       Duration moduleLoadDelay, Duration rolloutTimeout, double churnFraction,
                       Duration churnOffline, int workers, Duration lateTolerance, Duration sloWarmup,
                       boolean simulateHub, int shard, int shards) {
        this(runId, spokes, nodesPerSpoke, leaseDurationSeconds, clusterStatusSync, workStatusSync, joinBatch,
                steady, moduleLoadDelay, rolloutTimeout, churnFraction, churnOffline, workers, lateTolerance,
                sloWarmup, simulateHub, shard, shards, Builder.RAMP_START, Builder.RAMP_FACTOR, 0, Builder.RAMP_MAX,
                Builder.RAMP_STEADY, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * The fleet sizes of the {@code ramp} rounds: {@code rampStart}, then each round
     * {@code ceil(size * rampFactor) + rampStep} (at least one more), the last {@code rampMax}.
     *
     * @return the sizes, ascending, ending with {@link #rampMax()}
     */
    public List<Integer> rampSizes() {
        List<Integer> out = new ArrayList<>();
        long n = rampStart;
        while (n < rampMax) {
            out.add((int) n);
            n = Math.max(n + 1, (long) Math.ceil(n * rampFactor) + rampStep);
        }
        out.add(rampMax);
        return out;
    }

    /**
     * The spokes this shard simulates in a fleet of a given size: {@code shard, shard + shards, ...}
     * below {@code size}.
     *
     * @param size the whole fleet's size
     * @return the spoke indexes
     */
    public List<Integer> mySpokes(int size) {
        List<Integer> out = new ArrayList<>();
        for (int i = shard; i < size; i += shards) {
            out.add(i);
        }
        return out;
    }

    private static void positive(List<Problem> p, String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            p.add(new Problem(field, d + " must be a positive duration"));
        }
    }

    private static void notNegative(List<Problem> p, String field, Duration d) {
        if (d == null || d.isNegative()) {
            p.add(new Problem(field, d + " must not be negative"));
        }
    }

    /**
     * The hub's grace period before it marks a silent spoke unavailable.
     *
     * @return the hub's grace period: 5 lease durations (ocm {@code pkg/registration/hub/lease/controller.go})
     */
    public Duration gracePeriod() {
        return Duration.ofSeconds(5L * leaseDurationSeconds);
    }

    /**
     * The spokes this shard simulates: {@code shard, shard + shards, ...} below {@link #spokes()}.
     *
     * @return the spoke indexes
     */
    public List<Integer> mySpokes() {
        return mySpokes(spokes);
    }

    /**
     * Starts a config with the upstream defaults.
     *
     * @return a builder with the upstream defaults and a random run id
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder from this config, to change some fields.
     *
     * @return a builder starting from this config
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.runId = runId;
        b.spokes = spokes;
        b.nodesPerSpoke = nodesPerSpoke;
        b.leaseDurationSeconds = leaseDurationSeconds;
        b.clusterStatusSync = clusterStatusSync;
        b.workStatusSync = workStatusSync;
        b.joinBatch = joinBatch;
        b.steady = steady;
        b.moduleLoadDelay = moduleLoadDelay;
        b.rolloutTimeout = rolloutTimeout;
        b.churnFraction = churnFraction;
        b.churnOffline = churnOffline;
        b.workers = workers;
        b.lateTolerance = lateTolerance;
        b.sloWarmup = sloWarmup;
        b.simulateHub = simulateHub;
        b.shard = shard;
        b.shards = shards;
        b.rampStart = rampStart;
        b.rampFactor = rampFactor;
        b.rampStep = rampStep;
        b.rampMax = rampMax;
        b.rampSteady = rampSteady;
        b.sloCallBound = sloCallBound;
        b.sloListBound = sloListBound;
        return b;
    }

    /** Builds a {@link FleetConfig}; every setter returns this builder. */
    public static final class Builder {
        static final int RAMP_START = 500;
        static final double RAMP_FACTOR = 2;
        static final int RAMP_MAX = 10_000;
        static final Duration RAMP_STEADY = Duration.ofSeconds(90);
        private int rampStart = RAMP_START;
        private double rampFactor = RAMP_FACTOR;
        private int rampStep;
        private int rampMax = RAMP_MAX;
        private Duration rampSteady = RAMP_STEADY;
        private Duration sloCallBound = Duration.ofSeconds(1);
        private Duration sloListBound = Duration.ofSeconds(30);
        private String runId = ScaleConfig.newRunId();
        private int spokes = 100;
        private int nodesPerSpoke = 1;
        private int leaseDurationSeconds = 60;
        private Duration clusterStatusSync = Duration.ofSeconds(60);
        private Duration workStatusSync = Duration.ofSeconds(10);
        private int joinBatch = 500;
        private Duration steady = Duration.ofMinutes(2);
        private Duration moduleLoadDelay = Duration.ofSeconds(5);
        private Duration rolloutTimeout = Duration.ofMinutes(10);
        private double churnFraction = 0.1;
        private Duration churnOffline = Duration.ZERO;
        private int workers = 8;
        private Duration lateTolerance = Duration.ofSeconds(1);
        private Duration sloWarmup = Duration.ofMinutes(1);
        private boolean simulateHub = true;
        private int shard;
        private int shards = 1;

        private Builder() {
        }

        /**
         * Sets the run id.
         *
         * @param v the run id
         * @return this
         */
        public Builder runId(String v) { runId = v; return this; }
        /**
         * Sets how many spokes the fleet has.
         *
         * @param v spokes
         * @return this
         */
        public Builder spokes(int v) { spokes = v; return this; }
        /**
         * Sets the simulated nodes per spoke.
         *
         * @param v nodes per spoke
         * @return this
         */
        public Builder nodesPerSpoke(int v) { nodesPerSpoke = v; return this; }
        /**
         * Sets the ManagedCluster's lease duration.
         *
         * @param v lease duration in seconds
         * @return this
         */
        public Builder leaseDurationSeconds(int v) { leaseDurationSeconds = v; return this; }
        /**
         * Sets how often a spoke refreshes its ManagedCluster status.
         *
         * @param v ManagedCluster status resync
         * @return this
         */
        public Builder clusterStatusSync(Duration v) { clusterStatusSync = v; return this; }
        /**
         * Sets how often a work agent syncs ManifestWork status.
         *
         * @param v ManifestWork status sync
         * @return this
         */
        public Builder workStatusSync(Duration v) { workStatusSync = v; return this; }
        /**
         * Sets the spokes imported per join batch.
         *
         * @param v spokes per join batch
         * @return this
         */
        public Builder joinBatch(int v) { joinBatch = v; return this; }
        /**
         * Sets how long the steady scenario runs.
         *
         * @param v steady duration
         * @return this
         */
        public Builder steady(Duration v) { steady = v; return this; }
        /**
         * Sets how long a simulated node takes to load a module.
         *
         * @param v module load delay per node
         * @return this
         */
        public Builder moduleLoadDelay(Duration v) { moduleLoadDelay = v; return this; }
        /**
         * Sets how long the rollout waits for every spoke.
         *
         * @param v rollout timeout
         * @return this
         */
        public Builder rolloutTimeout(Duration v) { rolloutTimeout = v; return this; }
        /**
         * Sets the share of spokes that go offline in the churn scenario.
         *
         * @param v share of spokes that churn
         * @return this
         */
        public Builder churnFraction(double v) { churnFraction = v; return this; }
        /**
         * Sets how long churned spokes stay offline.
         *
         * @param v how long churned spokes stay offline; zero: one grace period and one lease
         * @return this
         */
        public Builder churnOffline(Duration v) { churnOffline = v; return this; }
        /**
         * Sets the threads that run every spoke's timers and calls.
         *
         * @param v worker threads
         * @return this
         */
        public Builder workers(int v) { workers = v; return this; }
        /**
         * Sets how late a lease renewal may start before it counts as late.
         *
         * @param v lateness tolerance
         * @return this
         */
        public Builder lateTolerance(Duration v) { lateTolerance = v; return this; }
        /**
         * Sets the start of the run the SLO judgement leaves out.
         *
         * @param v SLO warm-up window
         * @return this
         */
        public Builder sloWarmup(Duration v) { sloWarmup = v; return this; }
        /**
         * Sets whether the fleet also plays the hub's controllers.
         *
         * @param v whether to play the hub's controllers
         * @return this
         */
        public Builder simulateHub(boolean v) { simulateHub = v; return this; }
        /**
         * Sets this process's shard of a fleet split over several processes.
         *
         * @param index this shard
         * @param count shards
         * @return this
         */
        public Builder shard(int index, int count) { shard = index; shards = count; return this; }
        /**
         * Sets the fleet's size in the first round of {@code ramp} (default 500, an ACM join batch).
         *
         * @param v the first round's size, all shards together
         * @return this
         */
        public Builder rampStart(int v) { rampStart = v; return this; }
        /**
         * Sets the factor each {@code ramp} round multiplies the size by (default 2).
         *
         * @param v the growth factor, 1 to 100 (1: grow by {@link #rampStep(int)} alone)
         * @return this
         */
        public Builder rampFactor(double v) { rampFactor = v; return this; }
        /**
         * Sets the spokes each {@code ramp} round adds after multiplying (default 0).
         *
         * @param v spokes added per round
         * @return this
         */
        public Builder rampStep(int v) { rampStep = v; return this; }
        /**
         * Sets the largest size {@code ramp} tries (default 10,000).
         *
         * @param v the largest fleet, all shards together
         * @return this
         */
        public Builder rampMax(int v) { rampMax = v; return this; }
        /**
         * Sets how long each {@code ramp} round holds its size after joining (default 90 s: with the
         * default 60 s lease and 25% jitter every spoke renews at least once).
         *
         * @param v the steady part of each round
         * @return this
         */
        public Builder rampSteady(Duration v) { rampSteady = v; return this; }
        /**
         * Sets the SLO bounds the run is judged against (default the SIG Scalability ones: 1 s and 30 s);
         * stricter bounds judge a hub against an operator's own target.
         *
         * @param call the p99 bound of mutating and non-list read calls
         * @param list the p99 bound of list calls
         * @return this
         */
        public Builder sloBounds(Duration call, Duration list) { sloCallBound = call; sloListBound = list; return this; }

        /**
         * Builds and validates the config.
         *
         * @return the validated config
         */
        public FleetConfig build() {
            return new FleetConfig(runId, spokes, nodesPerSpoke, leaseDurationSeconds, clusterStatusSync,
                    workStatusSync, joinBatch, steady, moduleLoadDelay, rolloutTimeout, churnFraction,
                    churnOffline, workers, lateTolerance, sloWarmup, simulateHub, shard, shards, rampStart,
                    rampFactor, rampStep, rampMax, rampSteady, sloCallBound, sloListBound);
        }
    }
}
