package io.ocatopic.ztp.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rendered objects as the JSON trees an {@link AdmissionRule} sees (Map/List/String/Long/Double/Boolean). */
public final class Trees {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private Trees() {
    }

    /**
     * One object as a tree.
     *
     * @param object a typed object (fabric8 model, record)
     * @return its JSON tree, ints as Long
     */
    public static Map<String, Object> tree(Object object) {
        try {
            return JSON.readValue(KubeYaml.json(object), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every object a rendered cluster applies or hands the installer: hub-driven set, agent-based pair.
     *
     * @param rendered rendered clusters
     * @return their trees, hub objects first per cluster
     */
    public static List<Map<String, Object>> trees(List<RenderedCluster> rendered) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RenderedCluster r : rendered) {
            r.hubObjects().forEach(o -> out.add(tree(o)));
            r.installConfig().ifPresent(o -> out.add(tree(o)));
            r.agentConfig().ifPresent(o -> out.add(tree(o)));
        }
        return out;
    }

    /**
     * The index of the first object of a kind and name.
     *
     * @param objects trees
     * @param kind    the kind
     * @param name    {@code metadata.name}
     * @return the index
     */
    @SuppressWarnings("unchecked")
    public static int indexOf(List<Map<String, Object>> objects, String kind, String name) {
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (kind.equals(o.get("kind")) && name.equals(((Map<String, Object>) o.get("metadata")).get("name"))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }
}
