package io.ocatopic.scale;

import java.util.Arrays;

/**
 * Latency percentiles of one phase (nearest-rank), in milliseconds.
 *
 * <pre>{@code
 * LatencyStats s = LatencyStats.of(new long[] {1_000_000, 2_000_000}, 2);
 * double p99 = s.p99Ms();
 * }</pre>
 *
 * @param count  the number of samples
 * @param meanMs the mean
 * @param p50Ms  the median
 * @param p95Ms  the 95th percentile
 * @param p99Ms  the 99th percentile
 * @param maxMs  the largest sample
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    /** No samples. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0);

    /**
     * Computes the percentiles of samples.
     *
     * @param nanos samples in nanoseconds (only the first {@code n} are used; the array is not changed)
     * @param n     how many samples
     * @return the statistics, {@link #EMPTY} when {@code n} is 0
     */
    public static LatencyStats of(long[] nanos, int n) {
        if (n == 0) {
            return EMPTY;
        }
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new LatencyStats(n, ms(sum / n), ms(rank(s, 0.50)), ms(rank(s, 0.95)), ms(rank(s, 0.99)),
                ms(s[n - 1]));
    }

    private static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
