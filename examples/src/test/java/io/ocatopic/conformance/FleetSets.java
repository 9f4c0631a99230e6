package io.ocatopic.conformance;

import io.ocatopic.scale.Fleet;
import io.ocatopic.scale.FleetConfig;
import io.ocatopic.scale.FleetJob;
import io.ocatopic.testing.EmbeddedApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scale fleet's outputs: the Indexed Job that shards the simulator, and every object a small simulated
 * fleet left on the embedded API after join and a KMM rollout (ManagedClusters with the klusterlets' status,
 * Leases, the ManagedClusterModule, ManifestWorks with the work agent's status), read back as stored.
 */
final class FleetSets {
    private FleetSets() {
    }

    static void addTo(Map<String, Supplier<List<?>>> sets) {
        sets.put("scale: fleet simulator as an Indexed Job with RBAC", () -> new ArrayList<>(FleetJob.render("conf1",
                "ocatopic-scale", "quay.io/acme/ocatopic:0.1.0", 10000, 4, List.of("--scenarios", "join,steady"))));
        sets.put("scale: what simulated klusterlets wrote (ManagedCluster/ManifestWork status, Lease, MCM)", () -> {
            try (EmbeddedApi api = EmbeddedApi.start()) {
                FleetConfig c = FleetConfig.builder().runId("conf").spokes(3).nodesPerSpoke(2)
                        .moduleLoadDelay(Duration.ofMillis(50)).workStatusSync(Duration.ofMillis(100)).build();
                Fleet.of(api.client(), c).run("embedded API", List.of(Fleet.Scenario.ROLLOUT));
                List<Object> out = new ArrayList<>();
                var k = api.client();
                out.addAll(k.genericKubernetesResources("cluster.open-cluster-management.io/v1", "ManagedCluster")
                        .withLabel("scale.ocatopic.io/run", "conf").list().getItems());
                out.addAll(k.genericKubernetesResources("work.open-cluster-management.io/v1", "ManifestWork")
                        .inAnyNamespace().withLabel("scale.ocatopic.io/run", "conf").list().getItems());
                out.addAll(k.genericKubernetesResources("hub.kmm.sigs.x-k8s.io/v1beta1", "ManagedClusterModule")
                        .withLabel("scale.ocatopic.io/run", "conf").list().getItems());
                out.addAll(k.resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class).inAnyNamespace()
                        .withLabel("scale.ocatopic.io/run", "conf").list().getItems());
                return out;
            }
        });
    }
}
