package io.ocatopic.scale;

import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.kube.internal.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ocatopic.scale.internal.FleetHtml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a simulated fleet run found, judged: the target on the first line (so an embedded run is never
 * mistaken for a hub figure), each scenario's figures, the lease renewals (late and failed), the SLO
 * verdict per (resource, verb), the request rate the fleet imposed, and the cleanup as verified by listing.
 *
 * @param target       what was driven: {@code embedded API (...)} or {@code hub URL (Kubernetes vX)}
 * @param runId        the run id
 * @param startedAt    when the run started (ISO-8601)
 * @param spokes       spokes this process simulated
 * @param leaseDurationSeconds the lease period of every spoke
 * @param scenarios    the scenarios, in order
 * @param leases       lease renewals over the run
 * @param slo          the verdicts, measured over the run less {@code sloWarmupSeconds}
 * @param sloWarmupSeconds the start of the run the verdicts leave out
 * @param sloPassed    whether every verdict passed
 * @param requests     calls per verb over the run
 * @param requestsPerSecond all calls per second over the run
 * @param timeline     request rate by verb and p99 latency over time
 * @param errors       failed API calls (each was retried on the agent's next period)
 * @param errorSamples the first few failures
 * @param interrupted  whether the run was cut short
 * @param cleanup      the cleanup, empty when none ran
 * @param sloLatency   the samples behind {@code slo}: one fixed-bucket histogram per (resource, verb) over the
 *                     same window, so that shard reports merge exactly ({@link #merge(List)})
 * @param spokeIndexes the spokes this report covers, by index, as ranges: {@code "0-1999"}, {@code "1,3,5"}
 * @param shardCount   the shards the fleet was split over ({@link FleetConfig#shards()})
 * @param shards       the shards this report covers: one for a single process, several once merged
 */
public record FleetReport(String target, String runId, String startedAt, int spokes, int leaseDurationSeconds,
                          List<ScenarioReport> scenarios, Leases leases, List<SloVerdict> slo,
                          double sloWarmupSeconds, boolean sloPassed, Map<String, Long> requests,
                          double requestsPerSecond, Timeline timeline, long errors, List<String> errorSamples,
                          boolean interrupted, FleetCleanup.Result cleanup, List<LatencyHistogram> sloLatency,
                          String spokeIndexes, int shardCount, List<Integer> shards) {
    /**
     * Copies the lists.
     *
     * @param target what was driven: {@code embedded API (...)} or {@code hub URL (Kubernetes vX)}
     * @param runId the run id
     * @param startedAt when the run started (ISO-8601)
     * @param spokes spokes this process simulated
     * @param leaseDurationSeconds the lease period of every spoke
     * @param scenarios the scenarios, in order
     * @param leases lease renewals over the run
     * @param slo the verdicts, measured over the run less {@code sloWarmupSeconds}
     * @param sloWarmupSeconds the start of the run the verdicts leave out
     * @param sloPassed whether every verdict passed
     * @param requests calls per verb over the run
     * @param requestsPerSecond all calls per second over the run
     * @param timeline request rate by verb and p99 latency over time
     * @param errors failed API calls (each was retried on the agent's next period)
     * @param errorSamples the first few failures
     * @param interrupted whether the run was cut short
     * @param cleanup the cleanup, empty when none ran
     * @param sloLatency the samples behind {@code slo}: one histogram per (resource, verb) over the same window
     * @param spokeIndexes the spokes this report covers, by index, as ranges ({@code "0-1999"})
     * @param shardCount the shards the fleet was split over
     * @param shards the shards this report covers
     */
    public FleetReport {
        scenarios = List.copyOf(scenarios);
        slo = List.copyOf(slo);
        requests = Map.copyOf(requests);
        errorSamples = List.copyOf(errorSamples);
        sloLatency = sloLatency == null ? List.of() : List.copyOf(sloLatency);
        spokeIndexes = spokeIndexes == null ? "" : spokeIndexes;
        shardCount = Math.max(1, shardCount);
        shards = shards == null || shards.isEmpty() ? List.of(0) : List.copyOf(shards);
    }

    /**
     * A report of one unsharded process without histograms (the form before shard reports merged).
     *
     * @param target what was driven
     * @param runId the run id
     * @param startedAt when the run started (ISO-8601)
     * @param spokes spokes this process simulated
     * @param leaseDurationSeconds the lease period of every spoke
     * @param scenarios the scenarios, in order
     * @param leases lease renewals over the run
     * @param slo the verdicts
     * @param sloWarmupSeconds the start of the run the verdicts leave out
     * @param sloPassed whether every verdict passed
     * @param requests calls per verb over the run
     * @param requestsPerSecond all calls per second over the run
     * @param timeline request rate by verb and p99 latency over time
     * @param errors failed API calls
     * @param errorSamples the first few failures
     * @param interrupted whether the run was cut short
     * @param cleanup the cleanup, empty when none ran
     */
    public FleetReport(String target, String runId, String startedAt, int spokes, int leaseDurationSeconds,
                       List<ScenarioReport> scenarios, Leases leases, List<SloVerdict> slo,
                       double sloWarmupSeconds, boolean sloPassed, Map<String, Long> requests,
                       double requestsPerSecond, Timeline timeline, long errors, List<String> errorSamples,
                       boolean interrupted, FleetCleanup.Result cleanup) {
        this(target, runId, startedAt, spokes, leaseDurationSeconds, scenarios, leases, slo, sloWarmupSeconds,
                sloPassed, requests, requestsPerSecond, timeline, errors, errorSamples, interrupted, cleanup,
                List.of(), spokes > 0 ? "0-" + (spokes - 1) : "", 1, List.of(0));
    }

    /**
     * One scenario's figures.
     *
     * @param name            {@code join}, {@code steady}, {@code rollout}, {@code churn}, {@code ramp}
     * @param startSeconds    when it started, since the run started
     * @param durationSeconds how long it ran
     * @param spokes          spokes it concerned
     * @param done            spokes that reached its goal (joined, Applied/loaded, back Available)
     * @param convergence     per-spoke time to the goal, empty when the scenario has none
     * @param cdf             the convergence CDF: {@code [seconds, fraction]} pairs
     * @param notes           what else it found (imported twice, largest fleet that held, ...)
     * @param histogram       the per-spoke convergence times as a fixed-bucket histogram, so that shard
     *                        reports merge exactly (empty when the scenario has none)
     */
    public record ScenarioReport(String name, double startSeconds, double durationSeconds, int spokes, int done,
                                 LatencyStats convergence, List<double[]> cdf, Map<String, Object> notes,
                                 LatencyHistogram histogram) {
        /**
         * Copies the lists.
         *
         * @param name {@code join}, {@code steady}, {@code rollout}, {@code churn}, {@code ramp}
         * @param startSeconds when it started, since the run started
         * @param durationSeconds how long it ran
         * @param spokes spokes it concerned
         * @param done spokes that reached its goal (joined, Applied/loaded, back Available)
         * @param convergence per-spoke time to the goal, empty when the scenario has none
         * @param cdf the convergence CDF: {@code [seconds, fraction]} pairs
         * @param notes what else it found (imported twice, largest fleet that held, ...)
         * @param histogram the convergence times as a fixed-bucket histogram (empty when none)
         */
        public ScenarioReport {
            cdf = List.copyOf(cdf);
            notes = Map.copyOf(notes);
            histogram = histogram == null ? LatencyHistogram.empty(name, "") : histogram;
        }

        /**
         * A scenario report without a convergence histogram (it then merges counts, not percentiles).
         *
         * @param name the scenario
         * @param startSeconds when it started, since the run started
         * @param durationSeconds how long it ran
         * @param spokes spokes it concerned
         * @param done spokes that reached its goal
         * @param convergence per-spoke time to the goal
         * @param cdf the convergence CDF: {@code [seconds, fraction]} pairs
         * @param notes what else it found
         */
        public ScenarioReport(String name, double startSeconds, double durationSeconds, int spokes, int done,
                              LatencyStats convergence, List<double[]> cdf, Map<String, Object> notes) {
            this(name, startSeconds, durationSeconds, spokes, done, convergence, cdf, notes, null);
        }
    }

    /**
     * Lease renewals.
     *
     * @param renewals  successful renewals
     * @param late      renewals that started later than their jittered due time by more than the tolerance
     * @param failed    renewals whose GET or UPDATE failed
     * @param maxLagMs  the largest lag behind a due time
     * @param toleranceMs the tolerance
     */
    public record Leases(long renewals, long late, long failed, double maxLagMs, double toleranceMs) {
    }

    /**
     * One SLO verdict.
     *
     * @param resource    the resource
     * @param verb        the verb
     * @param count       calls in the window
     * @param p50Ms       median latency
     * @param p99Ms       99th percentile
     * @param maxMs       largest
     * @param thresholdMs the SLO's p99 bound
     * @param pass        whether p99 is within it
     */
    public record SloVerdict(String resource, String verb, long count, double p50Ms, double p99Ms, double maxMs,
                             long thresholdMs, boolean pass) {
    }

    /**
     * Over time.
     *
     * @param bucketSeconds width of a bucket
     * @param ratePerVerb   requests per second per verb, per bucket
     * @param p99Ms         p99 latency over all calls, per bucket
     */
    public record Timeline(double bucketSeconds, Map<String, List<Double>> ratePerVerb, List<Double> p99Ms) {
        /**
         * Creates the timeline, copying the lists.
         *
         * @param bucketSeconds width of a bucket
         * @param ratePerVerb requests per second per verb, per bucket
         * @param p99Ms p99 latency over all calls, per bucket
         */
        public Timeline {
            ratePerVerb = Map.copyOf(ratePerVerb);
            p99Ms = List.copyOf(p99Ms);
        }
    }

    /**
     * One round of the {@code ramp} scenario: the fleet grown to a size, joined, then held for
     * {@link FleetConfig#rampSteady()}, and judged.
     *
     * @param spokes            the fleet's size in this round (all shards)
     * @param held              whether every SLO held, no lease renewal was late or failed, and every spoke joined
     * @param why               what broke, empty when it held
     * @param joined            spokes this process joined in the round (the new ones)
     * @param joinSeconds       how long their join took
     * @param steadySeconds     how long the fleet then ran at this size
     * @param renewals          lease renewals in the round (join and steady)
     * @param lateRenewals      late renewals in the round
     * @param failedRenewals    failed renewals in the round
     * @param requestsPerSecond API calls per second over the round's steady part
     * @param slo               the verdicts over the round's steady part
     */
    public record RampRound(int spokes, boolean held, String why, int joined, double joinSeconds,
                            double steadySeconds, long renewals, long lateRenewals, long failedRenewals,
                            double requestsPerSecond, List<SloVerdict> slo) {
        /**
         * Copies the verdicts.
         *
         * @param spokes the fleet's size in this round (all shards)
         * @param held whether every SLO held, no lease renewal was late or failed, and every spoke joined
         * @param why what broke, empty when it held
         * @param joined spokes this process joined in the round
         * @param joinSeconds how long their join took
         * @param steadySeconds how long the fleet then ran at this size
         * @param renewals lease renewals in the round
         * @param lateRenewals late renewals in the round
         * @param failedRenewals failed renewals in the round
         * @param requestsPerSecond API calls per second over the round's steady part
         * @param slo the verdicts over the round's steady part
         */
        public RampRound {
            why = why == null ? "" : why;
            slo = slo == null ? List.of() : List.copyOf(slo);
        }
    }

    /**
     * The rounds of the {@code ramp} scenario, read from its notes.
     *
     * @return the rounds in order; empty when no ramp ran
     */
    public List<RampRound> rampRounds() {
        return scenario("ramp").map(s -> s.notes().get("rounds")).map(r -> Mappers.json().convertValue(r,
                new com.fasterxml.jackson.core.type.TypeReference<List<RampRound>>() { })).orElse(List.of());
    }

    /**
     * The largest fleet the {@code ramp} scenario saw hold.
     *
     * @return the size of the last round that held before the first that broke; empty when no ramp ran or
     *         its first round broke
     */
    public java.util.OptionalInt rampLargestHeld() {
        return scenario("ramp").map(s -> ((Number) s.notes().getOrDefault("largestHeld", 0)).intValue())
                .filter(n -> n > 0).map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty());
    }

    /**
     * The spokes this report covers.
     *
     * @return the spoke indexes of {@link #spokeIndexes()}, ascending
     */
    public java.util.SortedSet<Integer> spokeIndexSet() {
        return FleetMerge.parseRanges(spokeIndexes);
    }

    /**
     * Merges the reports of the shards of one fleet (the pods of a {@link FleetJob}) into one report, as
     * if one process had simulated them all.
     *
     * <p>Exact: counts (requests, renewals, errors, spokes, scenario totals and numeric notes) are summed,
     * the spokes and shards are the union (an index in two reports is an error), the SLO verdicts are
     * recomputed from the summed {@link #sloLatency()} histograms (exact pass/fail for the SIG Scalability
     * bounds, which are bucket edges; p50/p99 are the histogram's, at most 20% above the exact figure; max
     * is exact), and so are the convergence percentiles and CDF of each scenario. The request rate is the
     * sum of the shards' rates (they run at the same time). Approximate: the timeline (rates resampled to the
     * widest bucket and summed; per-bucket p99 is the largest shard's, an upper bound) and a {@code ramp}'s
     * rounds (merged by position: a round held if it held in every shard; its SLO rows are the worst
     * shard's, as rounds keep no histograms; shards ramp on their own clocks). The target line is kept and
     * must be the same in every report, as must the run id.
     *
     * @param reports the shard reports (at least one)
     * @return the merged report
     * @throws IllegalArgumentException when they are not shards of one run: different run ids or targets,
     *                                  a shard or spoke twice, or verdicts without histograms
     */
    public static FleetReport merge(List<FleetReport> reports) {
        return FleetMerge.merge(reports);
    }

    /**
     * Reads the JSON report files of the shards (as each pod of a {@link FleetJob} writes) and merges them.
     *
     * @param files the {@code fleet-report.json} files
     * @return the merged report ({@link #merge(List)})
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when one is not a report, or they are not shards of one run
     */
    public static FleetReport mergeFiles(List<Path> files) throws IOException {
        List<FleetReport> rs = new java.util.ArrayList<>();
        for (Path f : files) {
            try {
                rs.add(fromJson(Files.readString(f)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
            }
        }
        return merge(rs);
    }

    /**
     * A scenario by name.
     *
     * @param name the name
     * @return its report, empty when it did not run
     */
    public java.util.Optional<ScenarioReport> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Serialises the report as indented JSON.
     *
     * @return indented JSON
     */
    public String toJson() {
        try {
            return Mappers.prettyJson().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the fleet report", e);
        }
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @param json the text
     * @return the report
     * @throws IllegalArgumentException when it is not one
     */
    public static FleetReport fromJson(String json) {
        try {
            return Mappers.json().readValue(json, FleetReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a fleet report: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Renders the report as one self-contained HTML page.
     *
     * @return a self-contained HTML page: SLO table, convergence CDF, latency over time with the SLO line, rate by verb
     */
    public String toHtml() {
        return FleetHtml.render(this, toJson());
    }

    /**
     * Writes {@code fleet-report.json} and {@code fleet-report.html} atomically.
     *
     * @param dir the directory (created if needed)
     * @return the HTML file
     * @throws IOException when they cannot be written
     */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("fleet-report.json"), toJson());
        Path html = dir.resolve("fleet-report.html");
        AtomicFiles.write(html, toHtml());
        return html;
    }

    /**
     * Renders the report as plain text for terminals and logs.
     *
     * @return the text summary: target first, then scenarios, leases, SLO table
     */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("target: ").append(target).append('\n');
        b.append(String.format("run %s: %d spokes, lease %d s, %.1f requests/s, %d errors%s%s%n", runId, spokes,
                leaseDurationSeconds, requestsPerSecond, errors,
                shardCount > 1 ? ", shards " + FleetMerge.ranges(shards) + " of " + shardCount : "",
                interrupted ? " (INTERRUPTED)" : ""));
        for (ScenarioReport s : scenarios) {
            b.append(String.format("%-8s %7.1f s  %d/%d spokes", s.name(), s.durationSeconds(), s.done(), s.spokes()));
            if (s.convergence().count() > 0) {
                b.append(String.format("  converge p50 %.0f ms p95 %.0f p99 %.0f max %.0f", s.convergence().p50Ms(),
                        s.convergence().p95Ms(), s.convergence().p99Ms(), s.convergence().maxMs()));
            }
            s.notes().entrySet().stream().filter(e -> !e.getKey().equals("rounds")).sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append("  ").append(e.getKey()).append('=').append(e.getValue()));
            b.append('\n');
        }
        for (RampRound r : rampRounds()) {
            b.append(String.format("  ramp %7d spokes  join %6.1f s  steady %6.1f s  %8.1f req/s  renewals %d"
                    + " (late %d, failed %d)  %s%n", r.spokes(), r.joinSeconds(), r.steadySeconds(),
                    r.requestsPerSecond(), r.renewals(), r.lateRenewals(), r.failedRenewals(),
                    r.held() ? "held" : "BROKE: " + r.why()));
        }
        b.append(String.format("leases: %d renewed, %d late (> %.0f ms behind), %d failed, max lag %.0f ms%n",
                leases.renewals(), leases.late(), leases.toleranceMs(), leases.failed(), leases.maxLagMs()));
        b.append(String.format("SLO (p99, excluding the first %.0f s): %s%n", sloWarmupSeconds,
                slo.isEmpty() ? "no calls in the window" : sloPassed ? "PASS" : "FAIL"));
        for (SloVerdict v : slo) {
            b.append(String.format("  %-24s %-6s %8d calls  p50 %8.2f ms  p99 %8.2f ms  <= %5d ms  %s%n", v.resource(),
                    v.verb(), v.count(), v.p50Ms(), v.p99Ms(), v.thresholdMs(), v.pass() ? "pass" : "FAIL"));
        }
        if (cleanup != null) {
            b.append("cleanup: ").append(cleanup.describe()).append('\n');
        }
        return b.toString();
    }
}
