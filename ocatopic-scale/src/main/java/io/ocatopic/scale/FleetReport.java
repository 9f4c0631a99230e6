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
 */
public record FleetReport(String target, String runId, String startedAt, int spokes, int leaseDurationSeconds,
                          List<ScenarioReport> scenarios, Leases leases, List<SloVerdict> slo,
                          double sloWarmupSeconds, boolean sloPassed, Map<String, Long> requests,
                          double requestsPerSecond, Timeline timeline, long errors, List<String> errorSamples,
                          boolean interrupted, FleetCleanup.Result cleanup) {
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
     */
    public FleetReport {
        scenarios = List.copyOf(scenarios);
        slo = List.copyOf(slo);
        requests = Map.copyOf(requests);
        errorSamples = List.copyOf(errorSamples);
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
     */
    public record ScenarioReport(String name, double startSeconds, double durationSeconds, int spokes, int done,
                                 LatencyStats convergence, List<double[]> cdf, Map<String, Object> notes) {
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
         */
        public ScenarioReport {
            cdf = List.copyOf(cdf);
            notes = Map.copyOf(notes);
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
        b.append(String.format("run %s: %d spokes, lease %d s, %.1f requests/s, %d errors%s%n", runId, spokes,
                leaseDurationSeconds, requestsPerSecond, errors, interrupted ? " (INTERRUPTED)" : ""));
        for (ScenarioReport s : scenarios) {
            b.append(String.format("%-8s %7.1f s  %d/%d spokes", s.name(), s.durationSeconds(), s.done(), s.spokes()));
            if (s.convergence().count() > 0) {
                b.append(String.format("  converge p50 %.0f ms p95 %.0f p99 %.0f max %.0f", s.convergence().p50Ms(),
                        s.convergence().p95Ms(), s.convergence().p99Ms(), s.convergence().maxMs()));
            }
            s.notes().forEach((k, v) -> b.append("  ").append(k).append('=').append(v));
            b.append('\n');
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
