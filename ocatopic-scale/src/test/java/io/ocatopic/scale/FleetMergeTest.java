package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.testing.EmbeddedApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard reports of one fleet merged into one: sums, union of spokes, verdicts and percentiles recomputed. */
class FleetMergeTest {
    @Test
    void twoShardsAgainstOneApiMergeIntoTheWholeFleet(@TempDir Path dir) throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig.Builder b = FleetConfig.builder().runId("merge").spokes(30).leaseDurationSeconds(1)
                    .clusterStatusSync(Duration.ofSeconds(1)).steady(Duration.ofSeconds(3)).nodesPerSpoke(2)
                    .moduleLoadDelay(Duration.ofMillis(200)).workStatusSync(Duration.ofMillis(300))
                    .sloWarmup(Duration.ofSeconds(1));
            List<Fleet.Scenario> sc = List.of(Fleet.Scenario.STEADY, Fleet.Scenario.ROLLOUT);
            List<CompletableFuture<FleetReport>> runs = new ArrayList<>();
            for (int shard = 0; shard < 2; shard++) {
                FleetConfig c = b.shard(shard, 2).build();
                runs.add(CompletableFuture.supplyAsync(() -> Fleet.of(api.client(), c).run("embedded API", sc)));
            }
            FleetReport s0 = runs.get(0).get();
            FleetReport s1 = runs.get(1).get();
            assertTrue(s0.spokeIndexes().startsWith("0,2,4,"), s0.spokeIndexes());
            assertEquals(15, s0.spokeIndexSet().size());
            assertEquals(IntStream.range(0, 15).map(i -> 2 * i).boxed().toList(), List.copyOf(s0.spokeIndexSet()));
            assertEquals(List.of(1), s1.shards());
            assertEquals(2, s1.shardCount());

            FleetReport m = FleetReport.merge(List.of(s0, s1));
            assertEquals("embedded API", m.target());
            assertEquals(30, m.spokes());
            assertEquals("0-29", m.spokeIndexes());
            assertEquals(List.of(0, 1), m.shards());
            assertEquals(2, m.shardCount());
            assertTrue(m.summary().startsWith("target: embedded API\nrun merge: 30 spokes"), m.summary());
            assertTrue(m.summary().contains("shards 0-1 of 2"), m.summary());
            // totals are sums
            Map<String, Long> req = new TreeMap<>(s0.requests());
            s1.requests().forEach((k, v) -> req.merge(k, v, Long::sum));
            assertEquals(req, m.requests());
            assertEquals(s0.leases().renewals() + s1.leases().renewals(), m.leases().renewals());
            assertEquals(s0.leases().late() + s1.leases().late(), m.leases().late());
            assertEquals(s0.errors() + s1.errors(), m.errors());
            assertEquals(s0.requestsPerSecond() + s1.requestsPerSecond(), m.requestsPerSecond(), 0.01);
            for (String name : List.of("join", "steady", "rollout")) {
                FleetReport.ScenarioReport a = s0.scenario(name).orElseThrow();
                FleetReport.ScenarioReport c = s1.scenario(name).orElseThrow();
                FleetReport.ScenarioReport x = m.scenario(name).orElseThrow();
                assertEquals(a.spokes() + c.spokes(), x.spokes(), name);
                assertEquals(a.done() + c.done(), x.done(), name);
                assertEquals(a.convergence().count() + c.convergence().count(), x.convergence().count(), name);
            }
            FleetReport.ScenarioReport ro = m.scenario("rollout").orElseThrow();
            assertEquals(30, ro.done(), m.summary());
            assertEquals(Math.max(s0.scenario("rollout").get().convergence().maxMs(),
                    s1.scenario("rollout").get().convergence().maxMs()), ro.convergence().maxMs(), 0.002);
            assertTrue(ro.convergence().p50Ms() <= ro.convergence().p99Ms());
            assertEquals(1.0, ro.cdf().get(ro.cdf().size() - 1)[1]);
            assertEquals(30L, ((Number) m.scenario("join").get().notes().get("imported")).longValue());
            assertEquals(500, ((Number) m.scenario("join").get().notes().get("batch")).intValue(), "settings kept");
            // verdicts: recomputed from the summed histograms, consistent with the shards'
            assertTrue(!m.slo().isEmpty());
            for (FleetReport.SloVerdict v : m.slo()) {
                long sum = 0;
                boolean allPass = true;
                for (FleetReport s : List.of(s0, s1)) {
                    for (FleetReport.SloVerdict w : s.slo()) {
                        if (w.resource().equals(v.resource()) && w.verb().equals(v.verb())) {
                            sum += w.count();
                            allPass &= w.pass();
                        }
                    }
                }
                assertEquals(sum, v.count(), v.toString());
                if (allPass) {
                    assertTrue(v.pass(), "every shard within the bound, so the union is: " + v);
                }
            }
            assertEquals(m.slo().stream().allMatch(FleetReport.SloVerdict::pass), m.sloPassed());
            assertEquals(s0.sloPassed() && s1.sloPassed(), m.sloPassed(), m.summary());
            // the JSON files merge the same way, the HTML renders the merged report
            s0.writeTo(dir.resolve("0"));
            s1.writeTo(dir.resolve("1"));
            FleetReport fm = FleetReport.mergeFiles(List.of(dir.resolve("0/fleet-report.json"),
                    dir.resolve("1/fleet-report.json")));
            assertEquals(m.summary(), fm.summary());
            assertTrue(Files.readString(fm.writeTo(dir.resolve("m"))).contains("\"shardCount\" : 2"));
            // not shards of one run
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FleetReport.merge(List.of(s0, s0)));
            assertTrue(e.getMessage().contains("shard 0 of run merge appears in two reports"), e.getMessage());
            assertTrue(FleetCleanup.run(api.client(), "merge", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void histogramPercentilesAreAtMostOneBucketAboveTheExactOnesAndTheSloVerdictIsExact() {
        Random rnd = new Random(42);
        long[] ns = new long[5000];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = (long) (Math.exp(rnd.nextGaussian() * 1.5 + 3) * 1_000_000); // ms, log-normal around 20 ms
        }
        LatencyStats exact = LatencyStats.of(ns, ns.length);
        LatencyHistogram h = LatencyHistogram.of("leases", "GET", Arrays.copyOf(ns, 2000), 2000)
                .plus(LatencyHistogram.of("leases", "GET", Arrays.copyOfRange(ns, 2000, 5000), 3000));
        assertEquals(5000, h.count());
        assertEquals(exact.maxMs(), h.stats().maxMs(), 0.002);
        assertEquals(exact.meanMs(), h.stats().meanMs(), 0.01);
        for (double[] pe : new double[][] {{0.5, exact.p50Ms()}, {0.95, exact.p95Ms()}, {0.99, exact.p99Ms()}}) {
            double hp = h.percentileMs(pe[0]);
            assertTrue(hp >= pe[1] - 0.001 && hp <= pe[1] * 1.2 + 0.001, pe[0] + ": " + hp + " vs " + pe[1]);
        }
        // the 1 s bound is an edge: 99 samples at 1000 ms exactly and 1 above: p99 is 1000 ms, a pass
        long[] edge = new long[100];
        Arrays.fill(edge, 1_000_000_000L);
        edge[99] = 1_000_000_001L;
        assertEquals(1000.0, LatencyHistogram.of("x", "GET", edge, 100).percentileMs(0.99));
        edge[98] = 1_000_000_001L;
        assertTrue(LatencyHistogram.of("x", "GET", edge, 100).percentileMs(0.99) > 1000);
        assertTrue(LatencyHistogram.edgesMs().contains(1000.0) && LatencyHistogram.edgesMs().contains(30000.0));
        assertEquals(LatencyHistogram.edgesMs().size() + 1, h.counts().size());
        assertEquals(LatencyStats.EMPTY, LatencyHistogram.empty("x", "").stats());
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram("x", "", 1, 0, 0, List.of(1L)));
    }

    @Test
    void spokeIndexesAreWrittenAsRanges() {
        assertEquals("0-4,7,9-10", FleetMerge.ranges(List.of(3, 0, 1, 2, 4, 7, 9, 10)));
        assertEquals("", FleetMerge.ranges(List.of()));
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 4, 7, 9, 10)), FleetMerge.parseRanges("0-2,4,7,9-10"));
        assertThrows(IllegalArgumentException.class, () -> FleetMerge.parseRanges("3-1"));
    }
}
