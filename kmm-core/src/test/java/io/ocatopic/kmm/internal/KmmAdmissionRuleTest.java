package io.ocatopic.kmm.internal;

import io.ocatopic.kmm.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KMM's webhooks as an AdmissionRule on JSON trees: each rule broken once gives its path; the fixed tree none. */
class KmmAdmissionRuleTest {
    private static final String C = "spec.moduleLoader.container";
    private static final String HUB_C = "spec.moduleSpec.moduleLoader.container";
    private final KmmAdmissionRule rule = new KmmAdmissionRule();

    /** A valid Module as the schema check hands it over: a JSON tree, defaults applied. */
    static Map<String, Object> module() {
        ModuleSpec spec = ModuleBuilder.forModule("ocatopic_hello").namespace("kmm")
                .image("reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.regexp("^6\\.1\\.", ""))
                .mapping(KernelMapping.literal("6.1.0-54-rt-amd64", "reg.example.com/kmm/rt:1")).spec();
        return tree(KmmResources.module(spec));
    }

    static Map<String, Object> mcm() {
        ModuleSpec spec = ModuleBuilder.forModule("ocatopic_hello").namespace("kmm")
                .image("reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.regexp("^6\\.1\\.", ""))
                .mapping(KernelMapping.literal("6.1.0-54-rt-amd64", "reg.example.com/kmm/rt:1")).spec();
        return tree(KmmResources.managedClusterModule(spec, "kmm-spoke", Map.of("edge", "true")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Object o) {
        // a deep, mutable copy
        return Serialization.jsonMapper().convertValue(o, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String... keys) {
        Map<String, Object> m = root;
        for (String k : keys) {
            m = (Map<String, Object>) m.get(k);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(Map<String, Object> container, int i) {
        return (Map<String, Object>) ((List<Object>) container.get("kernelMappings")).get(i);
    }

    static Map<String, Object> container(Map<String, Object> root) {
        return root.get("kind").equals("Module") ? map(root, "spec", "moduleLoader", "container")
                : map(root, "spec", "moduleSpec", "moduleLoader", "container");
    }

    static List<Arguments> violations() {
        List<Arguments> out = new ArrayList<>();
        for (String kind : List.of("Module", "ManagedClusterModule")) {
            String c = kind.equals("Module") ? C : HUB_C;
            out.add(Arguments.of(kind, "both literal and regexp", (Consumer<Map<String, Object>>) t ->
                    mapping(container(t), 0).put("literal", "6.1.0-54-amd64"), c + ".kernelMappings[0]"));
            out.add(Arguments.of(kind, "neither literal nor regexp", (Consumer<Map<String, Object>>) t ->
                    mapping(container(t), 1).remove("literal"), c + ".kernelMappings[1]"));
            out.add(Arguments.of(kind, "empty literal and no regexp", (Consumer<Map<String, Object>>) t ->
                    mapping(container(t), 1).put("literal", ""), c + ".kernelMappings[1]"));
            out.add(Arguments.of(kind, "regexp that does not compile", (Consumer<Map<String, Object>>) t ->
                    mapping(container(t), 0).put("regexp", "^6(?!\\.1)"), c + ".kernelMappings[0].regexp"));
            out.add(Arguments.of(kind, "mapping image without tag or digest", (Consumer<Map<String, Object>>) t ->
                    mapping(container(t), 1).put("containerImage", "reg.example.com/kmm/rt"), c + ".kernelMappings[1].containerImage"));
            out.add(Arguments.of(kind, "empty mapping image and no container image", (Consumer<Map<String, Object>>) t -> {
                container(t).remove("containerImage");
                mapping(container(t), 0).put("containerImage", "");
            }, c + ".kernelMappings[0].containerImage"));
            out.add(Arguments.of(kind, "moduleName and rawArgs", (Consumer<Map<String, Object>>) t ->
                    map(container(t), "modprobe").put("rawArgs", Map.of("load", List.of("/opt/x.ko"), "unload", List.of("x"))),
                    c + ".modprobe.rawArgs"));
            out.add(Arguments.of(kind, "loading order not starting with moduleName", (Consumer<Map<String, Object>>) t ->
                    map(container(t), "modprobe").put("modulesLoadingOrder", List.of("dep", "ocatopic_hello")),
                    c + ".modprobe.modulesLoadingOrder[0]"));
            out.add(Arguments.of(kind, "filesToSign outside dirName", (Consumer<Map<String, Object>>) t ->
                    container(t).put("sign", Map.of("keySecret", Map.of("name", "k"), "certSecret", Map.of("name", "c"),
                            "filesToSign", List.of("/lib/modules/x.ko"))), c + ".sign.filesToSign[0]"));
        }
        out.add(Arguments.of("Module", "name and namespace over 40 characters", (Consumer<Map<String, Object>>) t -> {
            map(t, "metadata").put("name", "a-module-name-of-25-chars");
            map(t, "metadata").put("namespace", "namespace-of-16c");   // 25 + 16 = 41
        }, "metadata.name"));
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("violations")
    void eachBrokenTreeGivesItsPath(String kind, String what, Consumer<Map<String, Object>> breakIt, String path) {
        Map<String, Object> t = kind.equals("Module") ? module() : mcm();
        assertEquals(List.of(), rule.check(t), "the valid tree passes");
        breakIt.accept(t);
        List<Problem> problems = rule.check(t);
        assertEquals(List.of(path), problems.stream().map(Problem::path).toList(), what + ": " + problems);
    }

    @Test
    void theLengthRuleIsTheModulesOnly() {
        Map<String, Object> t = module();
        map(t, "metadata").put("name", "a-module-name-of-24-char");
        map(t, "metadata").put("namespace", "namespace-of-16c");
        assertEquals(List.of(), rule.check(t), "24 + 16 = 40 is admitted");
        // the hub webhook validates the moduleSpec as a Module without name or namespace
        Map<String, Object> hub = mcm();
        map(hub, "metadata").put("name", "a-managed-cluster-module-name-well-over-forty-characters");
        assertEquals(List.of(), rule.check(hub));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        Map<String, Object> t = module();
        mapping(container(t), 0).put("literal", "6.1.0-54-amd64");
        mapping(container(t), 1).remove("literal");
        assertEquals(List.of(C + ".kernelMappings[0]", C + ".kernelMappings[1]"),
                rule.check(t).stream().map(Problem::path).toList());
    }

    @Test
    void guardsKmmModulesAndHubManagedClusterModulesOnly() {
        assertTrue(rule.guards("kmm.sigs.x-k8s.io/v1beta1", "Module"));
        assertTrue(rule.guards("hub.kmm.sigs.x-k8s.io/v1beta1", "ManagedClusterModule"));
        assertFalse(rule.guards("kmm.sigs.x-k8s.io/v1beta2", "PreflightValidation"));
        assertFalse(rule.guards("hub.kmm.sigs.x-k8s.io/v1beta1", "Module"));
        assertFalse(rule.guards("kmm.sigs.x-k8s.io/v1beta1", "ManagedClusterModule"));
        assertFalse(rule.guards("v1", "ConfigMap"));
        assertFalse(rule.guards(null, null));
        assertEquals("kubernetes-sigs/kernel-module-management internal/webhook/module.go", rule.source());
        Map<String, Object> t = module();
        assertTrue(rule.guards((String) t.get("apiVersion"), (String) t.get("kind")), "the rendered Module is guarded");
        Map<String, Object> h = mcm();
        assertTrue(rule.guards((String) h.get("apiVersion"), (String) h.get("kind")), "the rendered MCM is guarded");
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertTrue(ServiceLoader.load(AdmissionRule.class).stream().anyMatch(p -> p.type() == KmmAdmissionRule.class));
    }

    @Test
    void anUnreadableSpecIsOneProblem() {
        Map<String, Object> t = module();
        map(t, "spec", "moduleLoader", "container").put("kernelMappings", "not a list");
        List<Problem> problems = rule.check(t);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("spec", problems.get(0).path());
    }
}
