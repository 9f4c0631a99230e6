package io.ocatopic.scale;

/**
 * Throughput in one time slice of a run.
 *
 * @param atSeconds        the slice's start, in seconds since the run started
 * @param objectsPerSecond objects written per second in the slice
 */
public record TimePoint(double atSeconds, double objectsPerSecond) {
}
