package io.ocatopic.ztp.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.testing.Trees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * KlusterletAddonConfig carries only the fields the controller reads (stolostron/klusterlet-addon-controller
 * {@code pkg/controller/addon/klusterlet_addon_controller.go}), none the CRD marks DEPRECATED.
 */
class KlusterletAddonConfigTest {
    static final String CRD = "agent.open-cluster-management.io_klusterletaddonconfigs_crd.yaml";

    @Test
    @SuppressWarnings("unchecked")
    void rendersTheFourAddOnsAndNoDeprecatedField() {
        Map<String, Object> tree = Trees.tree(KlusterletAddonConfig.allEnabled("edge-1"));
        Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
        assertEquals(Set.of("applicationManager", "certPolicyController", "policyController", "searchCollector"),
                spec.keySet());
        spec.values().forEach(v -> assertEquals(Map.of("enabled", true), v));
        assertEquals(Map.of("name", "edge-1", "namespace", "edge-1"), tree.get("metadata"));
        // objects written by older ocatopic versions still read back
        KlusterletAddonConfig old = KubeYaml.load("apiVersion: agent.open-cluster-management.io/v1\n"
                + "kind: KlusterletAddonConfig\nmetadata: {name: e, namespace: e}\nspec:\n  clusterName: e\n"
                + "  clusterNamespace: e\n  iamPolicyController: {enabled: true}\n  policyController: {enabled: true}\n",
                KlusterletAddonConfig.class);
        assertTrue(old.getSpec().policyController().enabled());
    }

    @Test
    void everyRenderedSpecFieldIsKnownToTheCrdAndNotDeprecated() throws Exception {
        JsonNode crd = crd();
        Assumptions.assumeTrue(crd != null, "CRD " + CRD + " not available here");
        JsonNode props = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        JsonNode required = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/required");
        JsonNode rendered = new ObjectMapper().readTree(KubeYaml.json(KlusterletAddonConfig.allEnabled("edge-1")))
                .get("spec");
        Set<String> names = new TreeSet<>();
        rendered.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            JsonNode p = props.get(f);
            assertNotNull(p, f + " not in the CRD");
            assertFalse(p.path("description").asText().contains("DEPRECATED"), f + " is deprecated");
        }
        required.forEach(r -> assertTrue(names.contains(r.asText()), "required " + r.asText()));
    }

    /** The upstream CRD: bundled by kube-support when it is, else the shared verbatim copy, else null. */
    static JsonNode crd() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = KlusterletAddonConfigTest.class.getResourceAsStream("/io/ocatopic/kube/crds/" + CRD)) {
            if (in != null) {
                return yaml.readTree(in);
            }
        }
        Path shared = Path.of("/work/shared/crds", CRD);
        return Files.exists(shared) ? yaml.readTree(shared.toFile()) : null;
    }
}
