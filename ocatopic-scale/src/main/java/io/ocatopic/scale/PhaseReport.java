package io.ocatopic.scale;

import java.util.List;

/**
 * The figures of one phase.
 *
 * @param phase            the phase
 * @param spokes           spokes the phase finished
 * @param objects          objects written (or deleted) successfully
 * @param errors           failed writes
 * @param errorSamples     the first few failures, one line each
 * @param startSeconds     when the phase started, in seconds since the run started
 * @param durationSeconds  how long the writes took (without the wait for late events)
 * @param objectsPerSecond {@code objects / durationSeconds}
 * @param write            write round-trip latency (request sent to answer received)
 * @param event            write-to-event latency (request sent to the watch event observed)
 * @param eventsExpected   events the phase's successful writes should cause
 * @param eventsObserved   events observed within the settle timeout
 * @param histogram        latency histogram of writes and events
 * @param throughput       throughput over time
 * @param interrupted      whether the phase was cut short
 */
public record PhaseReport(Phase phase, int spokes, long objects, long errors, List<String> errorSamples,
                          double startSeconds, double durationSeconds, double objectsPerSecond,
                          LatencyStats write, LatencyStats event, long eventsExpected, long eventsObserved,
                          List<HistogramBin> histogram, List<TimePoint> throughput, boolean interrupted) {
    /**
     * Creates the report, copying the lists.
     *
     * @param phase the phase
     * @param spokes spokes the phase finished
     * @param objects objects written (or deleted) successfully
     * @param errors failed writes
     * @param errorSamples the first few failures, one line each
     * @param startSeconds when the phase started, in seconds since the run started
     * @param durationSeconds how long the writes took (without the wait for late events)
     * @param objectsPerSecond {@code objects / durationSeconds}
     * @param write write round-trip latency (request sent to answer received)
     * @param event write-to-event latency (request sent to the watch event observed)
     * @param eventsExpected events the phase's successful writes should cause
     * @param eventsObserved events observed within the settle timeout
     * @param histogram latency histogram of writes and events
     * @param throughput throughput over time
     * @param interrupted whether the phase was cut short
     */
    public PhaseReport {
        errorSamples = List.copyOf(errorSamples);
        histogram = List.copyOf(histogram);
        throughput = List.copyOf(throughput);
    }
}
