package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.scale.internal.FleetHtml;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated fleet against the embedded API, which checks every write against the bundled upstream CRDs.
 * Sizes are small by default (CI); {@code -Docatopic.fleet.spokes=2000 -Docatopic.fleet.steadySeconds=120}
 * gives the full figure (the benchmark {@code FleetBenchmark} runs it too).
 */
class FleetTest {
    private static final int SPOKES = Integer.getInteger("ocatopic.fleet.spokes", 120);
    private static final int STEADY = Integer.getInteger("ocatopic.fleet.steadySeconds", 8);
    /** The must-show figure: a ManagedClusterModule to 500 spokes (about 15 s on the 2-core machine). */
    private static final int ROLLOUT_SPOKES = Integer.getInteger("ocatopic.fleet.rolloutSpokes", 500);

    @Test
    void joinAndSteadyRenewEveryLeaseOnTimeAndFillTheSloTable() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("steady").spokes(SPOKES).leaseDurationSeconds(2)
                    .clusterStatusSync(Duration.ofSeconds(2)).steady(Duration.ofSeconds(STEADY))
                    .sloWarmup(Duration.ofSeconds(2)).build();
            FleetReport r = Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.STEADY));
            assertEquals("embedded API", r.target());
            FleetReport.ScenarioReport join = r.scenario("join").orElseThrow();
            assertEquals(SPOKES, join.done(), r.errorSamples().toString());
            assertEquals(SPOKES, ((Number) join.notes().get("imported")).intValue());
            // every spoke renewed about STEADY/2 times; none was late, none failed
            assertTrue(r.leases().renewals() >= (long) SPOKES * (STEADY / 3), r.summary());
            assertEquals(0, r.leases().failed(), r.summary());
            assertEquals(0, r.leases().late(), r.summary());
            assertEquals(0, r.errors(), r.errorSamples().toString());
            assertTrue(r.slo().stream().anyMatch(v -> v.resource().equals("leases") && v.verb().equals("UPDATE")),
                    r.summary());
            assertTrue(r.slo().stream().anyMatch(v -> v.resource().equals("leases") && v.verb().equals("GET")));
            assertTrue(r.sloPassed(), r.summary());
            assertTrue(r.summary().startsWith("target: embedded API"), r.summary());
            // what the spokes wrote is what the real CRDs accept, status included
            KubernetesClient k = api.client();
            GenericKubernetesResource mc = k.genericKubernetesResources(FleetCleanup.MANAGED_CLUSTER)
                    .withName("steady-00007").get();
            assertTrue(SchemaCheck.bundled().check(mc).conforms(), SchemaCheck.bundled().check(mc).problems().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> conds = (List<Map<String, Object>>) ((Map<String, Object>) mc
                    .getAdditionalProperties().get("status")).get("conditions");
            assertTrue(conds.stream().anyMatch(m -> m.get("type").equals("ManagedClusterConditionAvailable")
                    && m.get("status").equals("True")), conds.toString());
            Lease lease = k.resources(Lease.class).inNamespace("steady-00007").withName("managed-cluster-lease").get();
            assertTrue(lease.getSpec().getRenewTime().isAfter(ZonedDateTime.now().minusSeconds(4)), lease.toString());
            FleetCleanup.Result clean = FleetCleanup.run(k, "steady", Duration.ofSeconds(10));
            assertTrue(clean.clean(), clean.describe());
            assertEquals(Map.of(), FleetCleanup.remaining(k, "steady"));
        }
    }

    @Test
    void rolloutOfAManagedClusterModuleReachesEverySpokeAndEveryNode() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("roll").spokes(ROLLOUT_SPOKES).nodesPerSpoke(3)
                    .moduleLoadDelay(Duration.ofMillis(300)).workStatusSync(Duration.ofMillis(500))
                    .rolloutTimeout(Duration.ofSeconds(90)).build();
            FleetReport r = Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.ROLLOUT));
            FleetReport.ScenarioReport ro = r.scenario("rollout").orElseThrow();
            assertEquals(ROLLOUT_SPOKES, ro.done(), r.summary() + r.errorSamples());
            assertEquals(ROLLOUT_SPOKES, ro.convergence().count());
            assertEquals(0, ((Number) ro.notes().get("notLoaded")).intValue(), r.summary());
            assertTrue(ro.convergence().p50Ms() <= ro.convergence().p95Ms()
                    && ro.convergence().p95Ms() <= ro.convergence().p99Ms()
                    && ro.convergence().p99Ms() <= ro.convergence().maxMs(), ro.convergence().toString());
            assertEquals(ROLLOUT_SPOKES, ro.histogram().count(), "the convergence histogram the shard merge uses");
            assertTrue(ro.cdf().get(0)[0] >= 0.3, "no spoke loads before the module load delay: " + ro.cdf().get(0)[0]);
            assertEquals(1.0, ro.cdf().get(ro.cdf().size() - 1)[1]);
            GenericKubernetesResource mw = api.client().genericKubernetesResources(FleetCleanup.MANIFEST_WORK)
                    .inNamespace("roll-00003").withName("roll-kmod").get();
            var check = SchemaCheck.bundled().check(mw);
            assertTrue(check.conforms(), check.problems().toString());
            String status = mw.getAdditionalProperties().get("status").toString();
            assertTrue(status.contains("moduleLoader.availableNumber") && status.contains("integer=3"), status);
            assertTrue(mw.getAdditionalProperties().get("spec").toString().contains("literal="), "literal mappings");
            assertTrue(FleetCleanup.run(api.client(), "roll", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void churnedSpokesAreMarkedUnknownThenReturnAvailableAndAreNeverImportedTwice() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("churn").spokes(40).leaseDurationSeconds(1)
                    .clusterStatusSync(Duration.ofMillis(500)).churnFraction(0.25).build();
            FleetReport r = Fleet.of(api.client(), c).run("embedded API",
                    List.of(Fleet.Scenario.CHURN));
            FleetReport.ScenarioReport ch = r.scenario("churn").orElseThrow();
            assertEquals(10, ch.spokes());
            assertEquals(10, ((Number) ch.notes().get("markedUnknown")).intValue(), r.summary());
            assertEquals(10, ch.done(), r.summary());
            assertEquals(10, ((Number) ch.notes().get("backAvailableSameCluster")).intValue(), r.summary());
            assertEquals(0L, ((Number) ch.notes().get("importedTwice")).longValue());
            assertTrue(FleetCleanup.run(api.client(), "churn", Duration.ofSeconds(10)).clean());
        }
    }

    @Test
    void preflightOfAnUnreachableApiFailsFastWithTheReasonAndCleanupSaysItCouldNotReachIt() {
        io.fabric8.kubernetes.client.Config cfg = new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withConnectionTimeout(2000).withRequestTimeout(2000)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient k = new KubernetesClientBuilder().withConfig(cfg).build()) {
            KubeException e = assertThrows(KubeException.class, () -> Fleet.preflight(k, Duration.ofSeconds(5)));
            assertEquals(KubeException.Reason.UNREACHABLE, e.reason());
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
            FleetCleanup.Result r = FleetCleanup.run(k, "gone", Duration.ofSeconds(1));
            assertFalse(r.reached());
            assertFalse(r.clean());
            assertTrue(r.describe().startsWith("NOT cleaned up"), r.describe());
        }
    }

    @Test
    void configNamesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.builder().spokes(0).leaseDurationSeconds(0).build());
        assertTrue(e.getMessage().contains("spokes: 0 must be") && e.getMessage().contains("leaseDurationSeconds"),
                e.getMessage());
        assertEquals(List.of(1, 4, 7), FleetConfig.builder().spokes(9).shard(1, 3).build().mySpokes());
        assertEquals(2, FleetHtml.niceStep(9, 5));
        assertEquals(0.5, FleetHtml.niceStep(2.2, 5));
    }
}
