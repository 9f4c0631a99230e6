package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.testing.EmbeddedApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's must-show figure, in CI: {@code join} + {@code steady} with 2,000 simulated spokes for 2 minutes
 * against the embedded API, at the klusterlet's real lease (60 s): every spoke joins, every lease is renewed on
 * time (late renewals counted and reported), and the SLO table is filled and passes. About 3 minutes on the
 * 2-core machine; {@code -Docatopic.fleet.it.spokes} and {@code -Docatopic.fleet.it.steadySeconds} change it.
 */
class FleetTwoThousandSpokesIT {
    private static final int SPOKES = Integer.getInteger("ocatopic.fleet.it.spokes", 2000);
    private static final int STEADY = Integer.getInteger("ocatopic.fleet.it.steadySeconds", 120);

    @Test
    void twoThousandSpokesJoinAndHoldTwoMinutesWithEveryLeaseOnTime() throws Exception {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("it2000").spokes(SPOKES).steady(Duration.ofSeconds(STEADY))
                    .sloWarmup(Duration.ofSeconds(Math.min(60, STEADY / 2))).workers(4).build();
            long t0 = System.nanoTime();
            FleetReport r = Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.JOIN,
                    Fleet.Scenario.STEADY));
            System.out.printf("fleet IT: %d spokes, %d s steady: %d renewals, %d late, %d failed, SLO %s, %.0f s wall%n",
                    SPOKES, STEADY, r.leases().renewals(), r.leases().late(), r.leases().failed(),
                    r.sloPassed() ? "pass" : "FAIL", (System.nanoTime() - t0) / 1e9);
            assertEquals(SPOKES, r.scenario("join").orElseThrow().done(), r.errorSamples().toString());
            assertEquals(0, r.leases().late(), r.summary());
            assertEquals(0, r.leases().failed(), r.summary());
            assertTrue(r.leases().renewals() >= SPOKES, "every spoke renewed at least once: " + r.summary());
            assertTrue(r.slo().stream().anyMatch(v -> v.resource().equals("leases") && v.verb().equals("UPDATE")),
                    r.summary());
            assertTrue(r.sloPassed(), r.summary());
            FleetCleanup.Result clean = FleetCleanup.run(api.client(), "it2000", Duration.ofSeconds(60));
            assertTrue(clean.clean(), clean.describe());
        }
    }
}
