package io.ocatopic.testing;

import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API answers like kube-apiserver with the upstream CRDs installed. */
class EmbeddedApiSchemaTest {
    private static final ResourceDefinitionContext MODULES = new ResourceDefinitionContext.Builder()
            .withGroup("kmm.sigs.x-k8s.io").withVersion("v1beta1").withKind("Module").withPlural("modules")
            .withNamespaced(true).build();
    private EmbeddedApi api;

    @BeforeEach
    void start() {
        api = EmbeddedApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static GenericKubernetesResource generic(Map<String, Object> tree) {
        return Serialization.jsonMapper().convertValue(tree, GenericKubernetesResource.class);
    }

    private KubeException refused(Map<String, Object> tree) {
        return assertThrows(KubeException.class, () -> api.applier().apply(generic(tree)));
    }

    @Test
    void refusesEachRuleClassWith422AndTheFieldAndAcceptsTheFixedObject() {
        assertRefused(module(), o -> at(o, "spec").remove("selector"), "spec.selector: is required");
        assertRefused(managedCluster(), o -> taint(o).put("effect", "NoSchedule"), "spec.taints[0].effect");
        assertRefused(managedCluster(), o -> taint(o).put("key", "bad key!"), "spec.taints[0].key");
        assertRefused(managedCluster(), o -> at(o, "spec").put("leaseDurationSeconds", "sixty"),
                "spec.leaseDurationSeconds");
        assertRefused(module(), o -> at(o, "spec").put("moduleLoadr", map()), "spec.moduleLoadr: unknown field");
        assertRefused(module(), o -> at(o, "metadata").put("name", "ocatopic_hello"),
                "metadata.name: \"ocatopic_hello\" is not a DNS-1123 subdomain");
        assertRefused(module(), o -> {
            at(o, "spec").put("devicePlugin", map("container", map("image", "quay.io/acme/dp:1")));
            at(o, "spec").put("dra", map("driverName", "gpu.example.com", "container", map("image", "quay.io/acme/dra:1")));
        }, "spec: spec.dra and spec.devicePlugin are mutually exclusive");
    }

    private void assertRefused(Map<String, Object> valid, Consumer<Map<String, Object>> breakIt, String text) {
        Map<String, Object> broken = Serialization.jsonMapper().convertValue(valid, Map.class);
        breakIt.accept(broken);
        KubeException e = refused(broken);
        assertEquals(KubeException.Reason.REJECTED, e.reason());
        assertEquals(422, e.httpCode());
        assertTrue(e.getMessage().contains(text), e.getMessage());
        api.applier().apply(generic(valid)); // the fixed one is accepted
    }

    @Test
    void storesWhatTheServerWouldStore() {
        ManagedCluster mc = ManagedCluster.accepted("edge-1", Map.of("site", "store-42"));
        api.applier().apply(mc);
        GenericKubernetesResource stored = api.client().genericKubernetesResources(
                "cluster.open-cluster-management.io/v1", "ManagedCluster").withName("edge-1").get();
        // leaseDurationSeconds is defaulted by the CRD
        assertEquals(60, ((Number) ((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("leaseDurationSeconds")).intValue());
    }

    @Test
    void transitionRulesSeeTheStoredObject() {
        // AgentClusterInstall.spec.external.platformName: oldSelf == 'Unknown' || self == oldSelf
        Map<String, Object> aci = map("apiVersion", "extensions.hive.openshift.io/v1beta1", "kind", "AgentClusterInstall",
                "metadata", map("name", "edge-1", "namespace", "edge-1"),
                "spec", map("clusterDeploymentRef", map("name", "edge-1"), "networking", map(),
                        "provisionRequirements", map("controlPlaneAgents", 1),
                        "external", map("platformName", "oci")));
        api.applier().apply(generic(aci));
        Map<String, Object> changed = Serialization.jsonMapper().convertValue(aci, Map.class);
        at(at(changed, "spec"), "external").put("platformName", "other");
        KubeException e = refused(changed);
        assertEquals(422, e.httpCode(), e.getMessage());
        assertTrue(e.getMessage().contains("spec.external.platformName: platform name cannot be changed once set"), e.getMessage());
    }

    @Test
    void aTypeWithoutItsCrdIsUnknownToTheServer() {
        // a generic client finds no such type in the API's discovery, as on a server without the CRD
        KubeException e = refused(map("apiVersion", "example.com/v1", "kind", "Widget", "metadata", map("name", "w", "namespace", "ns")));
        assertTrue(e.getMessage().contains("Widget"), e.getMessage());
    }

    @Test
    void serverDryRunChecksButStoresNothing() {
        Applier dry = api.applier().serverDryRun();
        assertTrue(dry.isServerDryRun());
        Map<String, Object> broken = module();
        at(broken, "spec").remove("selector");
        KubeException e = assertThrows(KubeException.class, () -> dry.apply(generic(broken)));
        assertEquals(422, e.httpCode());
        dry.apply(generic(module()));
        assertNull(api.client().genericKubernetesResources(MODULES).inNamespace("kmm").withName("hello").get());
        api.applier().apply(generic(module()));
        assertTrue(api.client().genericKubernetesResources(MODULES).inNamespace("kmm").withName("hello").get() != null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> taint(Map<String, Object> o) {
        return ((java.util.List<Map<String, Object>>) at(o, "spec").get("taints")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> o, String key) {
        return (Map<String, Object>) o.get(key);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A valid KMM Module (kube-support's SchemaCheckTest has the same fixture). */
    static Map<String, Object> module() {
        Map<String, Object> mapping = map("regexp", "^.+$", "containerImage", "quay.io/acme/hello:${KERNEL_FULL_VERSION}");
        Map<String, Object> container = map("modprobe", map("moduleName", "hello"),
                "kernelMappings", new java.util.ArrayList<>(java.util.List.of(mapping)));
        return map("apiVersion", "kmm.sigs.x-k8s.io/v1beta1", "kind", "Module",
                "metadata", map("name", "hello", "namespace", "kmm"),
                "spec", map("moduleLoader", map("container", container),
                        "selector", map("node-role.kubernetes.io/worker", "")));
    }

    /** A valid ManagedCluster with one taint. */
    static Map<String, Object> managedCluster() {
        return map("apiVersion", "cluster.open-cluster-management.io/v1", "kind", "ManagedCluster",
                "metadata", map("name", "edge-1", "labels", map("site", "store-42")),
                "spec", map("hubAcceptsClient", true, "leaseDurationSeconds", 60,
                        "taints", new java.util.ArrayList<>(java.util.List.of(map("key", "example.com/maintenance", "effect", "NoSelect")))));
    }
}
