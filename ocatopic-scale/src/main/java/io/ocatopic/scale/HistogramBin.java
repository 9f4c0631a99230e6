package io.ocatopic.scale;

/**
 * One bin of a phase's latency histogram (bins double in width).
 *
 * @param fromMs lower bound, inclusive, in milliseconds
 * @param toMs   upper bound, exclusive, in milliseconds; {@code -1} for the open last bin
 * @param writes how many write round trips fell in the bin
 * @param events how many write-to-event latencies fell in the bin
 */
public record HistogramBin(double fromMs, double toMs, long writes, long events) {
}
