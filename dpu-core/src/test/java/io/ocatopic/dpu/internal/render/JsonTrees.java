package io.ocatopic.dpu.internal.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.internal.KubeYaml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Objects as the admission rules receive them: JSON trees with Long integers, as SchemaCheck hands them over. */
final class JsonTrees {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonTrees() {
    }

    static Map<String, Object> tree(Object o) {
        try {
            return MAPPER.readValue(KubeYaml.json(o), new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> trees(Collection<?> objects) {
        List<Map<String, Object>> out = new ArrayList<>();
        objects.forEach(o -> out.add(tree(o)));
        return out;
    }

    /** A MachineConfig carrying only a name and a role label. */
    static Map<String, Object> machineConfig(String name, String role) {
        return Map.of("apiVersion", "machineconfiguration.openshift.io/v1", "kind", "MachineConfig",
                "metadata", Map.of("name", name, "labels", Map.of(DpuRenderer.MC_ROLE_LABEL, role)),
                "spec", Map.of("config", Map.of("ignition", Map.of("version", "3.2.0"))));
    }
}
