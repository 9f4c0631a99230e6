package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.scale.internal.Recorder;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankPercentilesOfOneToHundredMillis() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[99 - i] = (i + 1) * 1_000_000L; // unsorted on purpose
        }
        LatencyStats s = LatencyStats.of(ns, 100);
        assertEquals(100, s.count());
        assertEquals(50.0, s.p50Ms());
        assertEquals(95.0, s.p95Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(100.0, s.maxMs());
        assertEquals(50.5, s.meanMs());
        assertEquals(100L * 1_000_000L, ns[0], "input array left unsorted");
    }

    @Test
    void onlyTheFirstNSamplesCount() {
        LatencyStats s = LatencyStats.of(new long[] {3_000_000, 1_000_000, 999_000_000}, 2);
        assertEquals(2, s.count());
        assertEquals(3.0, s.maxMs());
        assertEquals(1.0, s.p50Ms());
    }

    @Test
    void noSamplesIsEmpty() {
        assertEquals(LatencyStats.EMPTY, LatencyStats.of(new long[0], 0));
    }

    @Test
    void histogramBinsCountEverySampleOnce() {
        Recorder r = new Recorder();
        long t = 1_000_000_000L;
        r.write(t + 1, 300_000);        // 0.3 ms -> [0.25, 0.5)
        r.write(t + 2, 300_000);
        r.write(t + 3, 40_000_000_000L); // 40 s -> open last bin
        r.event(3_000_000);              // 3 ms -> [2, 4)
        PhaseReport p = r.report(Phase.CREATE, 1, t, t, t + 2_000_000_000L, 3, false);
        assertEquals(3, p.histogram().stream().mapToLong(HistogramBin::writes).sum());
        assertEquals(1, p.histogram().stream().mapToLong(HistogramBin::events).sum());
        HistogramBin quarter = p.histogram().stream().filter(b -> b.fromMs() == 0.25).findFirst().orElseThrow();
        assertEquals(2, quarter.writes());
        HistogramBin last = p.histogram().get(p.histogram().size() - 1);
        assertEquals(-1, last.toMs());
        assertEquals(1, last.writes());
        assertEquals(1.5, p.objectsPerSecond());
        // 2 s phase in 50 ms slices; all three writes completed in the first slice
        assertEquals(40, p.throughput().size());
        assertEquals(60.0, p.throughput().get(0).objectsPerSecond());
        assertEquals(0.0, p.throughput().get(1).objectsPerSecond());
    }
}
