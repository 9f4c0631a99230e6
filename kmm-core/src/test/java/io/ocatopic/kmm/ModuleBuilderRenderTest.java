package io.ocatopic.kmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kmm.internal.resources.HubSpoke;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.kmm.internal.resources.ManagedClusterModule;
import io.ocatopic.kmm.internal.resources.Module;
import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rendering methods of the entry type give what the internal renderers give. */
class ModuleBuilderRenderTest {
    private static final String DIGEST = "sha256:" + "b".repeat(64);

    private static ManagedCluster spoke(String name, String kernels) {
        ManagedCluster mc = ManagedCluster.accepted(name, Map.of("edge", "true"));
        mc.setStatus(new ManagedClusterStatus(List.of(new ManagedClusterStatus.ClusterClaim(ModuleBuilder.KERNEL_CLAIM, kernels)), null));
        return mc;
    }

    @Test
    void genericManagedClustersFromTheHubAreReadLikeTypedOnes() {
        ManagedCluster typed = spoke("edge-a", "6.1.0-54-amd64\n6.1.0-56-amd64");
        GenericKubernetesResource generic = Mappers.json().convertValue(typed, GenericKubernetesResource.class);
        ModuleBuilder mb = ModuleBuilder.forModule("hello").namespace("kmm-hub")
                .image("hub.example.com:5000/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .kernelsFromSpokes(List.of(generic), Map.of("edge", "true"));
        assertEquals(List.of("6.1.0-54-amd64", "6.1.0-56-amd64"), mb.spec().kernels());

        Map<String, String> images = Map.of("6.1.0-54-amd64", "hub.example.com:5000/kmm/hello@" + DIGEST,
                "6.1.0-56-amd64", "hub.example.com:5000/kmm/hello@" + DIGEST);
        Map<String, HasMetadata> viaBuilder = mb.spokeModules("kmm-spoke", Map.of("edge", "true"), List.of(generic), images,
                Optional.of("mirror.edge:5000"));
        ManagedClusterModule mcm = KmmResources.managedClusterModule(mb.spec(), "kmm-spoke", Map.of("edge", "true"));
        Map<String, Module> direct = HubSpoke.spokeModules(mcm, List.of(typed), images, Optional.of("mirror.edge:5000"));
        assertEquals(direct, viaBuilder);
        assertEquals(mcm, mb.managedClusterModule("kmm-spoke", Map.of("edge", "true")));
    }

    @Test
    void theEntryTypeRendersWhatTheRenderersRender() {
        ModuleBuilder mb = ModuleBuilder.forModule("mlx5_core").namespace("kmm")
                .image("registry.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}").kernels("6.1.0-56-amd64");
        assertEquals(KmmResources.module(mb.spec()), mb.module());
        assertEquals(KmmResources.moduleForImages(mb.spec(), Map.of("6.1.0-56-amd64", "r/m@" + DIGEST)),
                mb.moduleForImages(Map.of("6.1.0-56-amd64", "r/m@" + DIGEST)));
        assertInstanceOf(Module.class, mb.module());
        assertEquals(KmmResources.preflight("6.1.0-56-amd64", true), ModuleBuilder.preflight("6.1.0-56-amd64", true));
        assertEquals(4, mb.inClusterBuild(mb.makefileDockerfile("b:1", "base:1"),
                Optional.of(new ModuleBuilder.SigningMaterial(new byte[] {1}, new byte[] {2}))).size());
    }
}
