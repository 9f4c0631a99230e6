package io.ocatopic.scale.internal;

import io.ocatopic.scale.HistogramBin;
import io.ocatopic.scale.LatencyStats;
import io.ocatopic.scale.Phase;
import io.ocatopic.scale.PhaseReport;
import io.ocatopic.scale.TimePoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects the samples of one phase; thread-safe. */
public final class Recorder {
    private static final int MAX_ERROR_SAMPLES = 5;
    /** Histogram bin edges in milliseconds: 0, 0.125, 0.25, ... 16384, then open. */
    private static final double[] EDGES;

    static {
        double[] e = new double[19];
        e[0] = 0;
        double v = 0.125;
        for (int i = 1; i < e.length; i++) {
            e[i] = v;
            v *= 2;
        }
        EDGES = e;
    }

    private long[] writeLat = new long[1024];
    private long[] writeAt = new long[1024];
    private int writes;
    private long[] eventLat = new long[1024];
    private int events;
    private long errors;
    private final List<String> errorSamples = new ArrayList<>();

    /** An empty recorder. */
    public Recorder() {
    }

    /** Records a successful write: when its answer came and its round trip. */
    public synchronized void write(long atNanos, long latencyNanos) {
        if (writes == writeLat.length) {
            writeLat = Arrays.copyOf(writeLat, writes * 2);
            writeAt = Arrays.copyOf(writeAt, writes * 2);
        }
        writeLat[writes] = latencyNanos;
        writeAt[writes] = atNanos;
        writes++;
    }

    /** Records a write-to-event latency. */
    public synchronized void event(long latencyNanos) {
        if (events == eventLat.length) {
            eventLat = Arrays.copyOf(eventLat, events * 2);
        }
        eventLat[events++] = latencyNanos;
    }

    /** Records a failed write, keeping the first few lines. */
    public synchronized void error(String line) {
        errors++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(line);
        }
    }

    /** @return successful writes so far */
    public synchronized long writes() {
        return writes;
    }

    /** The phase's figures from the samples so far. */
    public synchronized PhaseReport report(Phase phase, int spokes, long runStart, long phaseStart, long phaseEnd,
                                    long eventsExpected, boolean interrupted) {
        double duration = Math.max(1, phaseEnd - phaseStart) / 1e9;
        List<HistogramBin> bins = new ArrayList<>();
        long[] w = counts(writeLat, writes);
        long[] ev = counts(eventLat, events);
        for (int i = 0; i < EDGES.length; i++) {
            bins.add(new HistogramBin(EDGES[i], i + 1 < EDGES.length ? EDGES[i + 1] : -1, w[i], ev[i]));
        }
        return new PhaseReport(phase, spokes, writes, errors, errorSamples, round((phaseStart - runStart) / 1e9),
                round(duration), round(writes / duration), LatencyStats.of(writeLat, writes),
                LatencyStats.of(eventLat, events), eventsExpected, events, trim(bins),
                timeline(runStart, phaseStart, phaseEnd), interrupted);
    }

    private static List<HistogramBin> trim(List<HistogramBin> bins) {
        int last = bins.size() - 1;
        while (last > 0 && bins.get(last).writes() == 0 && bins.get(last).events() == 0) {
            last--;
        }
        return bins.subList(0, last + 1);
    }

    private static long[] counts(long[] nanos, int n) {
        long[] c = new long[EDGES.length];
        for (int i = 0; i < n; i++) {
            double ms = nanos[i] / 1e6;
            int b = EDGES.length - 1;
            for (int k = 1; k < EDGES.length; k++) {
                if (ms < EDGES[k]) {
                    b = k - 1;
                    break;
                }
            }
            c[b]++;
        }
        return c;
    }

    private List<TimePoint> timeline(long runStart, long phaseStart, long phaseEnd) {
        long span = Math.max(1, phaseEnd - phaseStart);
        long width = Math.max(50_000_000L, span / 60);
        int slices = (int) ((span + width - 1) / width);
        long[] c = new long[Math.max(1, slices)];
        for (int i = 0; i < writes; i++) {
            int s = (int) Math.min(c.length - 1, Math.max(0, (writeAt[i] - phaseStart) / width));
            c[s]++;
        }
        List<TimePoint> out = new ArrayList<>(c.length);
        for (int s = 0; s < c.length; s++) {
            long from = phaseStart + s * width;
            double w = Math.min(width, phaseEnd - from) / 1e9;
            out.add(new TimePoint(round((from - runStart) / 1e9), round(w <= 0 ? 0 : c[s] / Math.max(w, 0.001))));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
