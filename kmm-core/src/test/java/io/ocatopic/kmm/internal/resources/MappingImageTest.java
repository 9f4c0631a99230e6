package io.ocatopic.kmm.internal.resources;

import io.ocatopic.kmm.*;

import io.ocatopic.core.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kmm.internal.AdmissionRules;
import io.ocatopic.kmm.KernelMapping;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Module CRD requires {@code containerImage} in every kernel mapping: each rendered mapping carries one,
 * the container's template where the mapping has none.
 */
class MappingImageTest {
    private static final String TEMPLATE = "reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}";
    private static final String OWN = "reg.example.com/kmm/rt:${KERNEL_FULL_VERSION}";

    /** No mapping given: the default {@code ^.+$} mapping. */
    static ModuleSpec defaultMapping() {
        return ModuleBuilder.forModule("ocatopic_hello").namespace("kmm").image(TEMPLATE).spec();
    }

    /** One mapping relying on the template, one with its own image. */
    static ModuleSpec mixed() {
        return ModuleBuilder.forModule("ocatopic_hello").namespace("kmm").image(TEMPLATE)
                .mapping(KernelMapping.regexp("^6\\.1\\.0-\\d+-amd64$", ""))
                .mapping(KernelMapping.literal("6.1.0-54-rt-amd64", OWN)).spec();
    }

    static List<Module.Mapping> mappings(Module.Spec spec) {
        return spec.moduleLoader().container().kernelMappings();
    }

    static void assertEveryMappingHasAnImage(Module.Spec spec) {
        List<Module.Mapping> ms = mappings(spec);
        assertFalse(ms.isEmpty());
        for (int i = 0; i < ms.size(); i++) {
            String img = ms.get(i).containerImage();
            assertTrue(img != null && !img.isEmpty(), "kernelMappings[" + i + "].containerImage is empty: " + ms);
        }
    }

    @Test
    void moduleWithTheDefaultMapping() {
        Module m = KmmResources.module(defaultMapping());
        assertEveryMappingHasAnImage(m.getSpec());
        assertEquals(List.of(new Module.Mapping(null, "^.+$", TEMPLATE, null, null)), mappings(m.getSpec()));
        assertEquals(TEMPLATE, m.getSpec().moduleLoader().container().containerImage(), "the container keeps its default");
        assertEquals(List.of(), AdmissionRules.validate(m));
    }

    @Test
    void moduleWithMixedMappingsKeepsOwnImages() {
        Module m = KmmResources.module(mixed());
        assertEveryMappingHasAnImage(m.getSpec());
        assertEquals(TEMPLATE, mappings(m.getSpec()).get(0).containerImage());
        assertEquals(OWN, mappings(m.getSpec()).get(1).containerImage());
        // the image KMM picks for each kernel is unchanged
        assertEquals("reg.example.com/kmm/ocatopic-hello:6.1.0-54-amd64", mixed().imageFor("6.1.0-54-amd64"));
        assertEquals("reg.example.com/kmm/rt:6.1.0-54-rt-amd64", mixed().imageFor("6.1.0-54-rt-amd64"));
    }

    @Test
    void inClusterBuild() {
        for (ModuleSpec spec : List.of(defaultMapping(), mixed())) {
            List<HasMetadata> objects = InClusterBuild.render(spec, "FROM x", Optional.of(
                    new ModuleBuilder.SigningMaterial(new byte[]{1}, new byte[]{2})));
            Module m = (Module) objects.get(objects.size() - 1);
            assertEveryMappingHasAnImage(m.getSpec());
            assertEquals(List.of(), AdmissionRules.validate(m));
        }
    }

    @Test
    void managedClusterModules() {
        ModuleSpec spec = mixed();
        ManagedClusterModule byHand = ManagedClusterModule.of("ocatopic-hello", KmmResources.module(spec).getSpec(),
                "kmm-demo", Map.of("edge", "true"));
        ManagedClusterModule rendered = KmmResources.managedClusterModule(spec, "kmm-demo", Map.of("edge", "true"));
        for (ManagedClusterModule mcm : List.of(byHand, rendered)) {
            assertEveryMappingHasAnImage(mcm.getSpec().moduleSpec());
            assertEquals(List.of(), AdmissionRules.validateSpec(mcm.getSpec().moduleSpec(), "spec.moduleSpec"));
        }
        assertEquals("ocatopic-hello", rendered.getMetadata().getName());
        assertEquals(byHand.getSpec(), rendered.getSpec());
    }

    @Test
    void aHandBuiltMappingWithoutImageIsNamedEvenWithAContainerDefault() {
        Module m = KmmResources.module(defaultMapping());
        Module.Container c = m.getSpec().moduleLoader().container();
        Module.Container broken = new Module.Container(c.modprobe(), List.of(Module.Mapping.regexp("^.+$", null)),
                c.containerImage(), null, null, null);
        m.setSpec(m.getSpec().withLoader(new Module.Loader(broken, null)));
        List<Problem> problems = AdmissionRules.validate(m);
        assertEquals(List.of("spec.moduleLoader.container.kernelMappings[0].containerImage"),
                problems.stream().map(Problem::path).toList());
        assertTrue(problems.get(0).message().contains(TEMPLATE), problems.toString());
    }

    /**
     * The rendered JSON against the {@code required} lists of the KMM CRDs in {@code shared/crds} beside the
     * checkout; skipped where that copy is absent (the field assertions above are the main proof).
     */
    @Test
    void renderedJsonHasEveryFieldTheCrdsRequire() throws IOException {
        Path crds = crdDirectory();
        Assumptions.assumeTrue(crds != null, "no shared/crds beside the checkout");
        Map<String, Object> moduleSchema = schema(crds.resolve("kmm.sigs.x-k8s.io_modules.yaml"), "v1beta1");
        Map<String, Object> mcmSchema = schema(crds.resolve("hub.kmm.sigs.x-k8s.io_managedclustermodules.yaml"), "v1beta1");
        Map<String, Object> pfvSchema = schema(crds.resolve("kmm.sigs.x-k8s.io_preflightvalidations.yaml"), "v1beta2");

        List<Object> modules = new ArrayList<>();
        for (ModuleSpec spec : List.of(defaultMapping(), mixed())) {
            modules.add(KmmResources.module(spec));
            modules.add(InClusterBuild.render(spec, "FROM x", Optional.of(
                    new ModuleBuilder.SigningMaterial(new byte[]{1}, new byte[]{2}))).get(3));
        }
        for (Object m : modules) {
            assertEquals(List.of(), missingRequired(moduleSchema, json(m), ""));
        }
        assertEquals(List.of(), missingRequired(mcmSchema, json(KmmResources.managedClusterModule(mixed(), "kmm", Map.of())), ""));
        assertEquals(List.of(), missingRequired(pfvSchema, json(KmmResources.preflight("6.1.0-56-amd64", true)), ""));

        // the check can fail: a mapping without containerImage is caught
        Module m = KmmResources.module(defaultMapping());
        Module.Container c = m.getSpec().moduleLoader().container();
        m.setSpec(m.getSpec().withLoader(new Module.Loader(new Module.Container(c.modprobe(),
                List.of(Module.Mapping.regexp("^.+$", null)), c.containerImage(), null, null, null), null)));
        assertEquals(List.of("spec.moduleLoader.container.kernelMappings[0].containerImage"),
                missingRequired(moduleSchema, json(m), ""));
    }

    static Path crdDirectory() {
        String prop = System.getProperty("ocatopic.crds");
        List<Path> candidates = new ArrayList<>();
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("..", "..", "shared", "crds"));   // <checkout>/../shared beside the checkout
        candidates.add(Path.of("..", "shared", "crds"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("kmm.sigs.x-k8s.io_modules.yaml"))) {
                return p;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Path crd, String version) throws IOException {
        Map<String, Object> doc = new YAMLMapper().readValue(crd.toFile(), Map.class);
        for (Object v : (List<Object>) ((Map<String, Object>) doc.get("spec")).get("versions")) {
            Map<String, Object> ver = (Map<String, Object>) v;
            if (version.equals(ver.get("name"))) {
                return (Map<String, Object>) ((Map<String, Object>) ver.get("schema")).get("openAPIV3Schema");
            }
        }
        throw new AssertionError(crd + " has no version " + version);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Object o) {
        Map<String, Object> tree = Serialization.jsonMapper().convertValue(o, Map.class);
        assertNotNull(tree);
        return tree;
    }

    /** Every path where the object lacks a field its schema lists as required. */
    @SuppressWarnings("unchecked")
    static List<String> missingRequired(Map<String, Object> schema, Object value, String path) {
        List<String> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            for (Object r : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!map.containsKey(r)) {
                    out.add(path.isEmpty() ? r.toString() : path + "." + r);
                }
            }
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Map.Entry<String, Object> e : props.entrySet()) {
                if (map.containsKey(e.getKey())) {
                    out.addAll(missingRequired((Map<String, Object>) e.getValue(), map.get(e.getKey()),
                            path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
                }
            }
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                out.addAll(missingRequired((Map<String, Object>) items, list.get(i), path + "[" + i + "]"));
            }
        }
        return out;
    }
}
