package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.ocatopic.testing.EmbeddedApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code ramp} scenario on the embedded API, in seconds: rounds grow the fleet, each is judged, and the
 * report names the largest size that held, or where it broke. The break is forced two ways: an injected
 * latency (an HTTP interceptor on the client that holds every lease GET of spokes 8 and up for 1.1 s, so the
 * third round, 16 spokes, breaks the 1 s p99 SLO while 4 and 8 hold) and a tiny SLO bound
 * ({@link FleetConfig.Builder#sloBounds}, 1 ns, which no call meets, so the first round breaks).
 */
class FleetRampTest {
    @Test
    void rampGrowsRoundByRoundAndHoldsUpToTheMax() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("ramp").leaseDurationSeconds(1)
                    .clusterStatusSync(Duration.ofSeconds(1)).rampStart(10).rampFactor(2).rampStep(5).rampMax(50)
                    .rampSteady(Duration.ofSeconds(3)).sloWarmup(Duration.ofSeconds(1)).build();
            assertEquals(List.of(10, 25, 50), c.rampSizes());
            FleetReport r = Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.RAMP));
            assertTrue(r.scenario("join").isEmpty(), "ramp is the join: " + r.summary());
            List<FleetReport.RampRound> rounds = r.rampRounds();
            assertEquals(List.of(10, 25, 50), rounds.stream().map(FleetReport.RampRound::spokes).toList(), r.summary());
            assertEquals(List.of(10, 15, 25), rounds.stream().map(FleetReport.RampRound::joined).toList());
            for (FleetReport.RampRound round : rounds) {
                assertTrue(round.held(), r.summary());
                assertTrue(round.renewals() >= round.spokes(), "every spoke renewed in its round: " + r.summary());
                assertFalse(round.slo().isEmpty());
                assertTrue(round.requestsPerSecond() > 0);
            }
            FleetReport.ScenarioReport ramp = r.scenario("ramp").orElseThrow();
            assertEquals(50, ramp.done());
            assertEquals(50, ((Number) ramp.notes().get("largestHeld")).intValue());
            assertEquals(0, ((Number) ramp.notes().get("brokeAt")).intValue());
            assertEquals(true, ramp.notes().get("heldToMax"));
            assertEquals("held up to the max, 50 spokes", ramp.notes().get("result"));
            assertEquals(50, r.rampLargestHeld().orElseThrow());
            assertEquals(50, r.spokes());
            assertEquals("0-49", r.spokeIndexes());
            assertTrue(r.summary().contains("ramp      50 spokes"), r.summary());
            // the rounds survive the JSON the report is written as
            assertEquals(rounds, FleetReport.fromJson(r.toJson()).rampRounds());
            assertTrue(r.toHtml().contains("Ramp rounds"));
            assertTrue(FleetCleanup.run(api.client(), "ramp", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void rampStopsAtTheRoundWhereAnInjectedLatencyBreaksTheSlo() throws Exception {
        Pattern lease = Pattern.compile("/namespaces/rampb-(\\d{5})/leases/");
        AtomicLong delayed = new AtomicLong();
        Interceptor slowLeases = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                Matcher m = lease.matcher(request.uri().getPath());
                if ("GET".equals(request.method()) && m.find() && Integer.parseInt(m.group(1)) >= 8) {
                    delayed.incrementAndGet();
                    try {
                        Thread.sleep(1100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (EmbeddedApi api = EmbeddedApi.start();
             KubernetesClient slow = new KubernetesClientBuilder().withConfig(api.client().getConfiguration())
                     .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("slow-leases", slowLeases))
                     .build()) {
            FleetConfig c = FleetConfig.builder().runId("rampb").leaseDurationSeconds(1)
                    .clusterStatusSync(Duration.ofSeconds(1)).rampStart(4).rampMax(32)
                    .rampSteady(Duration.ofSeconds(3)).build();
            assertEquals(List.of(4, 8, 16, 32), c.rampSizes());
            FleetReport r = Fleet.of(slow, c).run("embedded API", List.of(Fleet.Scenario.RAMP));
            List<FleetReport.RampRound> rounds = r.rampRounds();
            assertEquals(List.of(4, 8, 16), rounds.stream().map(FleetReport.RampRound::spokes).toList(),
                    "no round after the one that broke: " + r.summary());
            assertTrue(rounds.get(0).held() && rounds.get(1).held(), r.summary());
            FleetReport.RampRound broke = rounds.get(2);
            assertFalse(broke.held());
            assertTrue(broke.why().contains("leases GET p99"), broke.why());
            assertTrue(delayed.get() > 0);
            assertEquals(8, r.rampLargestHeld().orElseThrow());
            FleetReport.ScenarioReport ramp = r.scenario("ramp").orElseThrow();
            assertEquals(16, ((Number) ramp.notes().get("brokeAt")).intValue());
            assertEquals(false, ramp.notes().get("heldToMax"));
            String result = (String) ramp.notes().get("result");
            assertTrue(result.startsWith("largest fleet that held: 8 spokes; broke at 16: leases GET p99"), result);
            assertTrue(r.summary().contains("BROKE: "), r.summary());
            assertTrue(FleetCleanup.run(api.client(), "rampb", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void aTinySloBoundBreaksTheFirstRoundAndTheReportSaysNoSizeHeld() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("rampt").leaseDurationSeconds(1).rampStart(5).rampMax(20)
                    .rampSteady(Duration.ofSeconds(2)).sloBounds(Duration.ofNanos(1), Duration.ofNanos(1)).build();
            FleetReport r = Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.RAMP));
            assertEquals(1, r.rampRounds().size(), r.summary());
            assertFalse(r.rampRounds().get(0).held());
            assertTrue(r.rampLargestHeld().isEmpty());
            assertTrue(((String) r.scenario("ramp").orElseThrow().notes().get("result"))
                    .startsWith("no size held; broke at 5: "), r.summary());
            assertFalse(r.sloPassed(), "the whole run is judged against the same bound");
            assertTrue(FleetCleanup.run(api.client(), "rampt", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void rampConfigNamesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.builder().rampStart(100).rampMax(10).build());
        assertTrue(e.getMessage().contains("rampMax: 10 must be at least rampStart (100)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FleetConfig.builder().rampFactor(1).rampStep(0).build());
        assertTrue(e.getMessage().contains("rampStep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.builder().rampSteady(Duration.ZERO).sloBounds(Duration.ZERO, Duration.ofSeconds(1))
                        .build());
        assertTrue(e.getMessage().contains("rampSteady") && e.getMessage().contains("sloCallBound"), e.getMessage());
        assertEquals(List.of(500, 1000, 2000, 3500), FleetConfig.builder().rampMax(3500).build().rampSizes());
        assertEquals(List.of(100, 600, 1100, 1500), FleetConfig.builder().rampStart(100).rampFactor(1).rampStep(500)
                .rampMax(1500).build().rampSizes());
        FleetConfig c = FleetConfig.builder().rampStart(3).rampMax(9).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(List.of(1, 4, 7), FleetConfig.builder().shard(1, 3).build().mySpokes(9));
    }
}
