package io.ocatopic.scale;

import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.kube.internal.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ocatopic.scale.internal.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of a scale run: per phase throughput and latency percentiles, and what the cleanup did.
 * Written as {@code report.json} and a self-contained {@code report.html} (charts drawn by an inline
 * script, no external resources).
 *
 * <pre>{@code
 * ScaleReport report = harness.run();
 * ScaleReport.Written files = report.writeTo(Path.of("scale-reports", report.runId()));
 * report.phase(Phase.CREATE).ifPresent(p -> System.out.println(p.objectsPerSecond()));
 * }</pre>
 *
 * @param runId        the run id every object was labelled with
 * @param source       the source name ({@code acm}, {@code kmm})
 * @param sourceOrigin what rendered the objects
 * @param target       the API server URL
 * @param startedAt    when the run started (ISO-8601)
 * @param spokes       the configured number of spokes
 * @param concurrency  spokes in flight at once
 * @param payloadBytes extra bytes per object
 * @param phases       the phases that ran, in order
 * @param interrupted  whether the run was cut short
 * @param cleanup      whether a cleanup by label ran at the end
 * @param cleanedUp    objects the cleanup deleted (0 when the delete phase already removed everything)
 * @param remaining    objects still labelled with the run id after the cleanup; -1 when no cleanup ran
 * @param cleanupError why the cleanup failed, empty when it did not
 */
public record ScaleReport(String runId, String source, String sourceOrigin, String target, String startedAt,
                          int spokes, int concurrency, int payloadBytes, List<PhaseReport> phases,
                          boolean interrupted, boolean cleanup, long cleanedUp, long remaining,
                          String cleanupError) {
    /**
     * Creates the report, copying the phase list.
     *
     * @param runId the run id every object was labelled with
     * @param source the source name ({@code acm}, {@code kmm})
     * @param sourceOrigin what rendered the objects
     * @param target the API server URL
     * @param startedAt when the run started (ISO-8601)
     * @param spokes the configured number of spokes
     * @param concurrency spokes in flight at once
     * @param payloadBytes extra bytes per object
     * @param phases the phases that ran, in order
     * @param interrupted whether the run was cut short
     * @param cleanup whether a cleanup by label ran at the end
     * @param cleanedUp objects the cleanup deleted (0 when the delete phase already removed everything)
     * @param remaining objects still labelled with the run id after the cleanup; -1 when no cleanup ran
     * @param cleanupError why the cleanup failed, empty when it did not
     */
    public ScaleReport {
        phases = List.copyOf(phases);
    }

    /**
     * Where {@link #writeTo(Path)} wrote the report.
     *
     * @param json the JSON report
     * @param html the HTML page
     */
    public record Written(Path json, Path html) {
    }

    /**
     * The figures of one phase.
     *
     * @param phase the phase
     * @return its report, empty when it did not run
     */
    public Optional<PhaseReport> phase(Phase phase) {
        return phases.stream().filter(p -> p.phase() == phase).findFirst();
    }

    /**
     * Serialises the report as indented JSON.
     *
     * @return the report as indented JSON
     */
    public String toJson() {
        try {
            return Mappers.prettyJson().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the scale report", e);
        }
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the report
     * @throws IllegalArgumentException when the text is not a report
     */
    public static ScaleReport fromJson(String json) {
        try {
            return Mappers.json().readValue(json, ScaleReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a scale report: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Renders the report as one self-contained HTML page.
     *
     * @return a self-contained HTML page with a summary table, latency histograms and throughput over time
     */
    public String toHtml() {
        return HtmlReport.render(this, toJson());
    }

    /**
     * Writes {@code report.json} and {@code report.html} atomically into a directory (created if needed).
     *
     * @param dir the directory
     * @return the two files
     * @throws IOException when they cannot be written
     */
    public Written writeTo(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        AtomicFiles.write(json, toJson());
        AtomicFiles.write(html, toHtml());
        return new Written(json, html);
    }

    /**
     * Renders the phases as a plain-text table.
     *
     * @return a plain-text table of the phases, one line each, for terminals and logs
     */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-7s %7s %6s %8s %9s %9s %9s %9s %9s %9s %9s %9s%n", "phase", "objects", "errors",
                "seconds", "obj/s", "w-p50ms", "w-p95ms", "w-p99ms", "w-maxms", "e-p50ms", "e-p99ms", "events"));
        for (PhaseReport p : phases) {
            b.append(String.format("%-7s %7d %6d %8.2f %9.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %4d/%-4d%s%n",
                    p.phase().name().toLowerCase(java.util.Locale.ROOT), p.objects(), p.errors(), p.durationSeconds(),
                    p.objectsPerSecond(), p.write().p50Ms(), p.write().p95Ms(), p.write().p99Ms(), p.write().maxMs(),
                    p.event().p50Ms(), p.event().p99Ms(), p.eventsObserved(), p.eventsExpected(),
                    p.interrupted() ? " (interrupted)" : ""));
        }
        return b.toString();
    }
}
