package io.ocatopic.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One hand-broken object per rule class against the bundled upstream CRDs; the fixed one passes. */
class SchemaCheckTest {
    private final SchemaCheck check = SchemaCheck.bundled();

    /** A KMM Module the real CRD accepts. */
    static Map<String, Object> module() {
        Map<String, Object> mapping = map("regexp", "^.+$", "containerImage", "quay.io/acme/hello:${KERNEL_FULL_VERSION}");
        Map<String, Object> container = map("modprobe", map("moduleName", "hello"),
                "kernelMappings", new ArrayList<>(List.of(mapping)));
        return map("apiVersion", "kmm.sigs.x-k8s.io/v1beta1", "kind", "Module",
                "metadata", map("name", "hello", "namespace", "kmm"),
                "spec", map("moduleLoader", map("container", container),
                        "selector", map("node-role.kubernetes.io/worker", "")));
    }

    static Map<String, Object> managedCluster() {
        return map("apiVersion", "cluster.open-cluster-management.io/v1", "kind", "ManagedCluster",
                "metadata", map("name", "edge-1", "labels", map("site", "store-42")),
                "spec", map("hubAcceptsClient", true, "leaseDurationSeconds", 60,
                        "taints", new ArrayList<>(List.of(map("key", "example.com/maintenance", "effect", "NoSelect")))));
    }

    @Test
    void theValidObjectsConformAndGetTheirDefaults() {
        SchemaCheck.Result m = check.check(module());
        assertTrue(m.conforms(), m.problems().toString());
        SchemaCheck.Result mc = check.check(managedCluster());
        assertTrue(mc.conforms(), mc.problems().toString());
        assertEquals("ManagedCluster/edge-1", mc.ref());
    }

    @Test
    void defaultsAreSetAsTheServerWould() {
        Map<String, Object> mc = managedCluster();
        at(mc, "spec").remove("leaseDurationSeconds");
        SchemaCheck.Result r = check.check(mc);
        assertTrue(r.conforms(), r.problems().toString());
        // the CRD defaults leaseDurationSeconds to 60
        assertEquals(60, ((Number) at(r.object(), "spec").get("leaseDurationSeconds")).intValue());
    }

    @Test
    void required() {
        assertRefused(module(), o -> at(o, "spec").remove("selector"), "spec.selector", "is required");
        assertRefused(module(), o -> mapping(o).remove("containerImage"),
                "spec.moduleLoader.container.kernelMappings[0].containerImage", "is required");
    }

    @Test
    void enumeration() {
        assertRefused(managedCluster(), o -> taint(o).put("effect", "NoSchedule"), "spec.taints[0].effect", "NoSchedule");
    }

    @Test
    void pattern() {
        assertRefused(managedCluster(), o -> taint(o).put("key", "bad key!"), "spec.taints[0].key", "bad key!");
    }

    @Test
    void type() {
        assertRefused(managedCluster(), o -> at(o, "spec").put("leaseDurationSeconds", "sixty"),
                "spec.leaseDurationSeconds", "integer");
        assertRefused(managedCluster(), o -> at(o, "spec").put("hubAcceptsClient", "yes"), "spec.hubAcceptsClient", "boolean");
    }

    @Test
    void unknownField() {
        assertRefused(module(), o -> at(o, "spec").put("moduleLoadr", map()), "spec.moduleLoadr", "unknown field");
        assertRefused(module(), o -> at(o, "metadata").put("lables", map()), "metadata.lables", "unknown field");
    }

    @Test
    void unknownFieldIsPrunedWhenNotStrict() {
        Map<String, Object> m = module();
        at(m, "spec").put("moduleLoadr", map());
        SchemaCheck.Result r = check.check(io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(m, com.fasterxml.jackson.databind.node.ObjectNode.class), null, false);
        assertTrue(r.conforms(), r.problems().toString());
        assertFalse(at(r.object(), "spec").containsKey("moduleLoadr"));
    }

    @Test
    void name() {
        assertRefused(module(), o -> at(o, "metadata").put("name", "ocatopic_hello"), "metadata.name", "DNS-1123 subdomain");
        assertRefused(module(), o -> at(o, "metadata").put("namespace", "Kmm"), "metadata.namespace", "DNS-1123 label");
        assertRefused(managedCluster(), o -> at(o, "metadata").put("labels", map("site", "store 42")),
                "metadata.labels[\"site\"]", "label value");
        assertRefused(module(), o -> at(o, "metadata").remove("name"), "metadata.name", "is required");
    }

    @Test
    void cel() {
        assertRefused(module(), o -> {
            at(o, "spec").put("devicePlugin", map("container", map("image", "quay.io/acme/dp:1")));
            at(o, "spec").put("dra", map("driverName", "gpu.example.com", "container", map("image", "quay.io/acme/dra:1")));
        }, "spec", "spec.dra and spec.devicePlugin are mutually exclusive");
    }

    @Test
    void listMapKeys() {
        Map<String, Object> work = map("apiVersion", "work.open-cluster-management.io/v1", "kind", "ManifestWork",
                "metadata", map("name", "w", "namespace", "edge-1"),
                "spec", map("workload", map("manifests", new ArrayList<>(List.of(
                        map("apiVersion", "v1", "kind", "Namespace", "metadata", map("name", "x")))))));
        SchemaCheck.Result ok = check.check(work);
        assertTrue(ok.conforms(), ok.problems().toString());
    }

    @Test
    void unknownKindAndVersion() {
        Map<String, Object> m = module();
        m.put("apiVersion", "kmm.sigs.x-k8s.io/v1alpha9");
        SchemaCheck.Result r = check.check(m);
        assertProblem(r, "apiVersion", "served: kmm.sigs.x-k8s.io/v1beta1");
        SchemaCheck.Result unknown = check.check(map("apiVersion", "example.com/v1", "kind", "Widget", "metadata", map("name", "w")));
        assertProblem(unknown, "apiVersion", "its CRD is not bundled");
        SchemaCheck.Result cm = check.check(map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "c"),
                "data", map("a", "b")));
        assertTrue(cm.conforms(), cm.problems().toString());
    }

    @Test
    void formatAndNullable() {
        // spec.taints[].timeAdded: format date-time, nullable
        Map<String, Object> ok = managedCluster();
        taint(ok).put("timeAdded", "2026-12-01T10:00:00Z");
        assertTrue(check.check(ok).conforms(), check.check(ok).problems().toString());
        Map<String, Object> nul = managedCluster();
        taint(nul).put("timeAdded", null);
        assertTrue(check.check(nul).conforms(), "nullable accepts null: " + check.check(nul).problems());
        assertRefused(managedCluster(), o -> taint(o).put("timeAdded", "yesterday"), "spec.taints[0].timeAdded", "yesterday");
    }

    @Test
    void maxLength() {
        assertRefused(managedCluster(), o -> taint(o).put("key", "k".repeat(317)), "spec.taints[0].key", "");
    }

    @Test
    void intOrString() {
        // Placement spec.decisionStrategy.groupStrategy.clustersPerDecisionGroup: int-or-string, pattern on strings
        for (Object v : List.of(3, "25%", "7")) {
            SchemaCheck.Result r = check.check(placement(v));
            assertTrue(r.conforms(), v + ": " + r.problems());
        }
        String path = "spec.decisionStrategy.groupStrategy.clustersPerDecisionGroup";
        assertProblem(check.check(placement(true)), path, "");
        assertProblem(check.check(placement("lots")), path, "lots");
    }

    private static Map<String, Object> placement(Object perGroup) {
        return map("apiVersion", "cluster.open-cluster-management.io/v1beta1", "kind", "Placement",
                "metadata", map("name", "p", "namespace", "ns"),
                "spec", map("decisionStrategy", map("groupStrategy", map("clustersPerDecisionGroup", perGroup))));
    }

    private void assertRefused(Map<String, Object> valid, Consumer<Map<String, Object>> breakIt, String path, String text) {
        assertTrue(check.check(valid).conforms(), "the unbroken object conforms");
        breakIt.accept(valid);
        assertProblem(check.check(valid), path, text);
    }

    static void assertProblem(SchemaCheck.Result r, String path, String text) {
        assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(text)),
                "expected " + path + ": ..." + text + "... in " + r.problems());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> o, String key) {
        return (Map<String, Object>) o.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Map<String, Object> o) {
        Map<String, Object> c = at(at(at(o, "spec"), "moduleLoader"), "container");
        return ((List<Map<String, Object>>) c.get("kernelMappings")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> taint(Map<String, Object> o) {
        return ((List<Map<String, Object>>) at(o, "spec").get("taints")).get(0);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
