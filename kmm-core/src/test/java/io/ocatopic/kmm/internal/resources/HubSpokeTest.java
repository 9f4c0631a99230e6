package io.ocatopic.kmm.internal.resources;

import io.ocatopic.kmm.*;

import io.ocatopic.core.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.internal.AdmissionRules;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSpec;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hub and spoke: three spokes with different kernel claims give three Modules with the right literals. */
class HubSpokeTest {
    private static final String D54 = "sha256:" + "54".repeat(32);
    private static final String D56 = "sha256:" + "56".repeat(32);
    private static final String D47 = "sha256:" + "47".repeat(32);

    static ManagedCluster spoke(String name, String claim) {
        ManagedCluster mc = ManagedCluster.accepted(name, Map.of("edge", "true"));
        mc.setStatus(new ManagedClusterStatus(List.of(
                new ManagedClusterStatus.ClusterClaim("id.k8s.io", name),
                new ManagedClusterStatus.ClusterClaim(HubSpoke.KERNEL_CLAIM, claim)), null));
        return mc;
    }

    @Test
    void threeSpokesGetTheirOwnLiteralsPinnedOnTheMirrorAndReadBackEqual() {
        List<ManagedCluster> clusters = List.of(
                spoke("edge-a", "6.1.0-54-amd64"),
                spoke("edge-b", "6.1.0-54-amd64\n6.1.0-56-amd64+\n"),   // trailing '+' trimmed like KMM
                spoke("edge-c", "6.1.0-47-amd64"),
                ManagedCluster.accepted("core-1", Map.of("edge", "false")));

        ModuleBuilder mb = ModuleBuilder.forModule("hello").namespace("kmm-hub")
                .image("hub.example.com:5000/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .kernelsFromSpokes(clusters, Map.of("edge", "true"));
        ModuleSpec spec = mb.spec();
        assertEquals(List.of("6.1.0-54-amd64", "6.1.0-56-amd64", "6.1.0-47-amd64"), spec.kernels());

        // what the hub build pushed, by digest
        Map<String, String> pushed = new LinkedHashMap<>();
        pushed.put("6.1.0-54-amd64", "hub.example.com:5000/kmm/hello@" + D54);
        pushed.put("6.1.0-56-amd64", "hub.example.com:5000/kmm/hello@" + D56);
        pushed.put("6.1.0-47-amd64", "hub.example.com:5000/kmm/hello@" + D47);

        ManagedClusterModule mcm = ManagedClusterModule.of("hello", KmmResources.module(spec).getSpec(), "kmm-spoke",
                Map.of("edge", "true"));
        Map<String, Module> perSpoke = HubSpoke.spokeModules(mcm, clusters, pushed, Optional.of("mirror.edge.local:8443"));

        assertEquals(List.of("edge-a", "edge-b", "edge-c"), List.copyOf(perSpoke.keySet()));
        assertEquals(List.of(Module.Mapping.literal("6.1.0-54-amd64", "mirror.edge.local:8443/kmm/hello@" + D54)),
                perSpoke.get("edge-a").getSpec().moduleLoader().container().kernelMappings());
        assertEquals(List.of(Module.Mapping.literal("6.1.0-54-amd64", "mirror.edge.local:8443/kmm/hello@" + D54),
                        Module.Mapping.literal("6.1.0-56-amd64", "mirror.edge.local:8443/kmm/hello@" + D56)),
                perSpoke.get("edge-b").getSpec().moduleLoader().container().kernelMappings());
        assertEquals(List.of(Module.Mapping.literal("6.1.0-47-amd64", "mirror.edge.local:8443/kmm/hello@" + D47)),
                perSpoke.get("edge-c").getSpec().moduleLoader().container().kernelMappings());
        for (Module m : perSpoke.values()) {
            Module.Container c = m.getSpec().moduleLoader().container();
            assertEquals(null, c.containerImage(), "no tag template reaches a spoke");
            assertEquals(null, c.build());
            assertEquals(null, c.sign());
            assertEquals("kmm-spoke", m.getMetadata().getNamespace());
            assertEquals(List.of(), AdmissionRules.validate(m));
        }

        try (EmbeddedApi api = EmbeddedApi.start()) {
            api.applier().apply(mcm);
            for (Map.Entry<String, Module> e : perSpoke.entrySet()) {
                Module m = e.getValue();
                // one embedded API stands in for every spoke: each spoke's Module under its own name
                m.getMetadata().setName("hello-" + e.getKey());
                api.applier().apply(m);
            }
            for (Map.Entry<String, Module> e : perSpoke.entrySet()) {
                Module back = api.client().resources(Module.class).inNamespace("kmm-spoke").withName("hello-" + e.getKey()).get();
                assertEquals(e.getValue().getSpec(), back.getSpec());
                assertEquals("kmm.sigs.x-k8s.io/v1beta1", back.getApiVersion());
            }
            ManagedClusterModule mcmBack = api.client().resources(ManagedClusterModule.class).withName("hello").get();
            assertEquals(mcm.getSpec(), mcmBack.getSpec());
            assertEquals(null, mcmBack.getMetadata().getNamespace(), "cluster-scoped");
        }
    }

    @Test
    void aSpokeKernelWithoutImageOrDigestIsNamed() {
        List<ManagedCluster> clusters = List.of(spoke("edge-a", "6.1.0-54-amd64"), spoke("edge-b", "6.1.0-99-amd64"));
        ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm").image("hub/kmm/hello:1").spec();
        ManagedClusterModule mcm = ManagedClusterModule.of("hello", KmmResources.module(spec).getSpec(), "kmm", Map.of());
        KmmException e = assertThrows(KmmException.class, () -> HubSpoke.spokeModules(mcm, clusters,
                Map.of("6.1.0-54-amd64", "hub.example.com/kmm/hello:6.1.0-54-amd64"), Optional.of("mirror:5000")));
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertEquals(List.of("spokes[edge-a].kernels[6.1.0-54-amd64]", "spokes[edge-b].kernels[6.1.0-99-amd64]"), paths);
        assertTrue(e.problems().get(0).message().contains("no digest"));
    }

    @Test
    void preflightAndYaml() {
        PreflightValidation p = KmmResources.preflight("6.1.0-56-amd64", true);
        assertEquals("preflight-6-1-0-56-amd64", p.getMetadata().getName());
        String yaml = KubeYaml.dump(p);
        assertTrue(yaml.contains("apiVersion: \"kmm.sigs.x-k8s.io/v1beta2\""), yaml);
        assertTrue(yaml.contains("kernelVersion: \"6.1.0-56-amd64\""), yaml);
        try (EmbeddedApi api = EmbeddedApi.start()) {
            api.applier().apply(p);
            assertEquals(p.getSpec(), api.client().resources(PreflightValidation.class).withName(p.getMetadata().getName()).get().getSpec());
        }
    }
}
