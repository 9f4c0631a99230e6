package io.ocatopic.scale.internal;

import io.ocatopic.scale.FleetReport;
import io.ocatopic.scale.LatencyHistogram;
import io.ocatopic.scale.LatencyStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Times every API call the fleet makes, by (resource, verb), and judges the samples against the SIG
 * Scalability API call latency SLOs (kubernetes/community {@code sig-scalability/slos/api_call_latency.md}):
 * mutating and non-list read calls p99 at most 1 s, list calls p99 at most 30 s (cluster scope), over the
 * run less its first minute. Thread-safe.
 */
public final class ApiMeter {
    /** The verbs the fleet uses. */
    public enum Verb {
        GET, LIST, CREATE, UPDATE, PATCH, DELETE;

        /** @return whether the verb changes state (the mutating SLO applies) */
        public boolean mutating() {
            return this == CREATE || this == UPDATE || this == PATCH || this == DELETE;
        }

        /** @return the SLO's p99 bound for the verb, in milliseconds */
        public long sloMillis() {
            return this == LIST ? 30_000 : 1_000;
        }
    }

    private final long start;
    private final Map<String, Series> series = new TreeMap<>();
    private final AtomicLong errors = new AtomicLong();

    /**
     * A meter whose sample times count from the run's start.
     *
     * @param startNanos the run's start ({@link System#nanoTime()})
     */
    public ApiMeter(long startNanos) {
        this.start = startNanos;
    }

    /** @return the run's start, as given */
    public long start() {
        return start;
    }

    /** Runs one API call and records its latency (errors too: a refused call still loaded the server). */
    public <T> T call(String resource, Verb verb, Supplier<T> call) {
        long t0 = System.nanoTime();
        boolean ok = false;
        try {
            T r = call.get();
            ok = true;
            return r;
        } finally {
            long t1 = System.nanoTime();
            series(resource, verb).add(t0 - start, t1 - t0, ok);
            if (!ok) {
                errors.incrementAndGet();
            }
        }
    }

    /** Runs one API call without a result and records its latency. */
    public void run(String resource, Verb verb, Runnable call) {
        call(resource, verb, () -> {
            call.run();
            return null;
        });
    }

    /** @return failed calls so far */
    public long errors() {
        return errors.get();
    }

    private synchronized Series series(String resource, Verb verb) {
        return series.computeIfAbsent(resource + " " + verb.name(), k -> new Series(resource, verb));
    }

    /** @return calls so far */
    public long total() {
        long n = 0;
        for (Series s : snapshot()) {
            n += s.size();
        }
        return n;
    }

    private synchronized List<Series> snapshot() {
        return new ArrayList<>(series.values());
    }

    /**
     * The SLO verdicts: one per (resource, verb) over samples in {@code [fromNanos, toNanos)} since the start.
     */
    public List<FleetReport.SloVerdict> judge(long fromNanos, long toNanos) {
        return judge(fromNanos, toNanos, 1_000, 30_000);
    }

    /**
     * The SLO verdicts against given bounds: {@code callBoundMs} for mutating and non-list read calls,
     * {@code listBoundMs} for lists; a bound may be fractional (tests force a break with a tiny one).
     */
    public List<FleetReport.SloVerdict> judge(long fromNanos, long toNanos, double callBoundMs, double listBoundMs) {
        List<FleetReport.SloVerdict> out = new ArrayList<>();
        for (Series s : snapshot()) {
            long[] lat = s.latencies(fromNanos, toNanos);
            if (lat.length == 0) {
                continue;
            }
            LatencyStats st = LatencyStats.of(lat, lat.length);
            double bound = s.verb == Verb.LIST ? listBoundMs : callBoundMs;
            out.add(new FleetReport.SloVerdict(s.resource, s.verb.name(), lat.length, st.p50Ms(), st.p99Ms(),
                    st.maxMs(), (long) Math.ceil(bound), st.p99Ms() <= bound));
        }
        return out;
    }

    /** One fixed-bucket histogram per (resource, verb) over samples in {@code [fromNanos, toNanos)}. */
    public List<LatencyHistogram> histograms(long fromNanos, long toNanos) {
        List<LatencyHistogram> out = new ArrayList<>();
        for (Series s : snapshot()) {
            long[] lat = s.latencies(fromNanos, toNanos);
            if (lat.length > 0) {
                out.add(LatencyHistogram.of(s.resource, s.verb.name(), lat, lat.length));
            }
        }
        return out;
    }

    /** Calls started in {@code [fromNanos, toNanos)}. */
    public long count(long fromNanos, long toNanos) {
        long n = 0;
        for (Series s : snapshot()) {
            n += s.latencies(fromNanos, toNanos).length;
        }
        return n;
    }

    /** Requests per second by verb, in buckets of {@code bucketNanos}, and the p99 per bucket over all verbs. */
    public FleetReport.Timeline timeline(long toNanos, long bucketNanos) {
        int n = (int) Math.max(1, (toNanos + bucketNanos - 1) / bucketNanos);
        Map<String, double[]> rate = new LinkedHashMap<>();
        List<long[]> perBucket = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perBucket.add(new long[0]);
        }
        long[][] lat = new long[n][];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            lat[i] = new long[16];
        }
        for (Series s : snapshot()) {
            double[] r = rate.computeIfAbsent(s.verb.name(), k -> new double[n]);
            long[][] data = s.data();
            for (int i = 0; i < data[0].length; i++) {
                int b = (int) Math.min(n - 1, Math.max(0, data[0][i] / bucketNanos));
                r[b] += 1;
                if (fill[b] == lat[b].length) {
                    lat[b] = Arrays.copyOf(lat[b], fill[b] * 2);
                }
                lat[b][fill[b]++] = data[1][i];
            }
        }
        double secs = bucketNanos / 1e9;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        rate.forEach((verb, r) -> {
            List<Double> l = new ArrayList<>();
            for (double v : r) {
                l.add(round(v / secs));
            }
            rates.put(verb, l);
        });
        List<Double> p99 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p99.add(fill[i] == 0 ? 0 : LatencyStats.of(lat[i], fill[i]).p99Ms());
        }
        return new FleetReport.Timeline(round(secs), rates, p99);
    }

    /** Totals per verb over the whole run. */
    public Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>();
        for (Series s : snapshot()) {
            out.merge(s.verb.name(), (long) s.size(), Long::sum);
        }
        return out;
    }

    /** Rounds to three decimals. */
    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The samples of one (resource, verb). */
    private static final class Series {
        final String resource;
        final Verb verb;
        private long[] at = new long[256];
        private long[] lat = new long[256];
        private int n;

        Series(String resource, Verb verb) {
            this.resource = resource;
            this.verb = verb;
        }

        synchronized void add(long atNanos, long latencyNanos, boolean ok) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                lat = Arrays.copyOf(lat, n * 2);
            }
            at[n] = atNanos;
            lat[n] = latencyNanos;
            n++;
        }

        synchronized int size() {
            return n;
        }

        synchronized long[][] data() {
            return new long[][] {Arrays.copyOf(at, n), Arrays.copyOf(lat, n)};
        }

        synchronized long[] latencies(long from, long to) {
            long[] out = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (at[i] >= from && at[i] < to) {
                    out[k++] = lat[i];
                }
            }
            return Arrays.copyOf(out, k);
        }
    }
}
