package io.ocatopic.scale;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-bucket latency histogram, kept in a {@link FleetReport} so that the reports of the shards of one
 * fleet ({@link FleetJob}) merge exactly: every report uses the same bucket edges ({@link #edgesMs()}), so
 * merging adds counts bucket by bucket, and count, sum (hence mean) and max merge without loss.
 *
 * <p>The edges run from 0.01 ms to 1,000 s with 18 steps per decade (1, 1.1, 1.2, 1.3, 1.5, 1.7, 2, 2.2,
 * 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9 times a power of ten), so a percentile read from the histogram is the
 * upper edge of the bucket holding its rank: at most 20% above the exact nearest-rank figure, never below
 * it, and never above the largest sample. The SIG Scalability bounds, 1 s and 30 s, are edges themselves,
 * so "p99 within 1 s" decided from a histogram is exactly the verdict the samples give. Bucket {@code i}
 * holds the samples in {@code (edge[i-1], edge[i]]}; bucket 0 those up to the first edge; the last bucket
 * ({@code counts().size() == edgesMs().size() + 1}) those above the last edge.
 *
 * <pre>{@code
 * LatencyHistogram h = LatencyHistogram.of("leases", "GET", new long[] {2_000_000, 3_000_000}, 2);
 * LatencyHistogram both = h.plus(h);   // 4 samples
 * double p99 = both.percentileMs(0.99);
 * }</pre>
 *
 * @param resource what was timed: the resource of an API call, or the scenario of a convergence
 * @param verb     the API verb; empty for a convergence
 * @param count    samples
 * @param sumMs    the sum of the samples, in milliseconds
 * @param maxMs    the largest sample, in milliseconds
 * @param counts   samples per bucket, {@code edgesMs().size() + 1} of them
 */
public record LatencyHistogram(String resource, String verb, long count, double sumMs, double maxMs,
                               List<Long> counts) {
    private static final String[] MANTISSAS = {"1", "1.1", "1.2", "1.3", "1.5", "1.7", "2", "2.2", "2.5", "3",
        "3.5", "4", "4.5", "5", "6", "7", "8", "9"};
    private static final long[] EDGE_NANOS;
    private static final List<Double> EDGES_MS;

    static {
        List<Long> nanos = new ArrayList<>();
        for (int decade = -2; decade <= 5; decade++) {
            for (String m : MANTISSAS) {
                // exact decimal edges in nanoseconds: 0.01 ms is 10,000 ns, so every edge is a whole number
                nanos.add(new BigDecimal(m).scaleByPowerOfTen(decade + 6).longValueExact());
            }
        }
        nanos.add(1_000_000_000_000L); // 1,000 s
        EDGE_NANOS = nanos.stream().mapToLong(Long::longValue).toArray();
        List<Double> ms = new ArrayList<>();
        for (long n : EDGE_NANOS) {
            ms.add(BigDecimal.valueOf(n).scaleByPowerOfTen(-6).doubleValue());
        }
        EDGES_MS = Collections.unmodifiableList(ms);
    }

    /**
     * Checks the fields and copies the counts.
     *
     * @param resource what was timed: the resource of an API call, or the scenario of a convergence
     * @param verb the API verb; empty for a convergence
     * @param count samples
     * @param sumMs the sum of the samples, in milliseconds
     * @param maxMs the largest sample, in milliseconds
     * @param counts samples per bucket, {@code edgesMs().size() + 1} of them
     * @throws IllegalArgumentException when the counts do not fit the edges or do not add up to {@code count}
     */
    public LatencyHistogram {
        Objects.requireNonNull(resource, "resource");
        verb = verb == null ? "" : verb;
        counts = List.copyOf(counts);
        if (counts.size() != EDGES_MS.size() + 1) {
            throw new IllegalArgumentException("counts: " + counts.size() + " buckets, the edges make "
                    + (EDGES_MS.size() + 1));
        }
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        if (sum != count) {
            throw new IllegalArgumentException("counts: add up to " + sum + ", count is " + count);
        }
    }

    /**
     * The bucket edges every histogram uses.
     *
     * @return the upper edges of the buckets in milliseconds, ascending (the last bucket is open)
     */
    public static List<Double> edgesMs() {
        return EDGES_MS;
    }

    /**
     * An empty histogram.
     *
     * @param resource what is timed
     * @param verb the verb, empty for a convergence
     * @return a histogram without samples
     */
    public static LatencyHistogram empty(String resource, String verb) {
        return new LatencyHistogram(resource, verb, 0, 0, 0, Collections.nCopies(EDGES_MS.size() + 1, 0L));
    }

    /**
     * Buckets samples.
     *
     * @param resource what was timed
     * @param verb the verb, empty for a convergence
     * @param nanos samples in nanoseconds (only the first {@code n} are used)
     * @param n how many samples
     * @return the histogram
     */
    public static LatencyHistogram of(String resource, String verb, long[] nanos, int n) {
        long[] c = new long[EDGE_NANOS.length + 1];
        long sum = 0;
        long max = 0;
        for (int i = 0; i < n; i++) {
            long v = nanos[i];
            c[bucket(v)]++;
            sum += v;
            max = Math.max(max, v);
        }
        return new LatencyHistogram(resource, verb, n, sum / 1e6, n == 0 ? 0 : max / 1e6,
                Arrays.stream(c).boxed().toList());
    }

    private static int bucket(long nanos) {
        int i = Arrays.binarySearch(EDGE_NANOS, nanos);
        return i >= 0 ? i : -i - 1; // first edge >= nanos; past the last: the open bucket
    }

    /**
     * Adds another histogram's samples (the edges are the same for all, so this is exact).
     *
     * @param other the other histogram
     * @return the sum, named as this one
     */
    public LatencyHistogram plus(LatencyHistogram other) {
        List<Long> c = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            c.add(counts.get(i) + other.counts.get(i));
        }
        return new LatencyHistogram(resource, verb, count + other.count, sumMs + other.sumMs,
                Math.max(maxMs, other.maxMs), c);
    }

    /**
     * A nearest-rank percentile read from the buckets.
     *
     * @param p the percentile, 0 to 1
     * @return the upper edge of the bucket holding rank {@code ceil(p * count)}, at most {@link #maxMs()};
     *         0 without samples
     */
    public double percentileMs(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long cum = 0;
        for (int i = 0; i < counts.size(); i++) {
            cum += counts.get(i);
            if (cum >= rank) {
                return i < EDGES_MS.size() ? Math.min(EDGES_MS.get(i), maxMs) : maxMs;
            }
        }
        return maxMs;
    }

    /**
     * The histogram as percentiles.
     *
     * @return count, mean, p50, p95, p99 and max ({@link LatencyStats#EMPTY} without samples)
     */
    public LatencyStats stats() {
        if (count == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(count, r3(sumMs / count), r3(percentileMs(0.50)), r3(percentileMs(0.95)),
                r3(percentileMs(0.99)), r3(maxMs));
    }

    /**
     * The cumulative distribution, one point per non-empty bucket.
     *
     * @return {@code [seconds, fraction]} pairs: the bucket's upper edge (at most the largest sample) and the
     *         share of samples up to it
     */
    public List<double[]> cdf() {
        List<double[]> out = new ArrayList<>();
        long cum = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.get(i) == 0) {
                continue;
            }
            cum += counts.get(i);
            double edge = i < EDGES_MS.size() ? Math.min(EDGES_MS.get(i), maxMs) : maxMs;
            out.add(new double[] {r3(edge / 1000), r3((double) cum / count)});
        }
        return out;
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
