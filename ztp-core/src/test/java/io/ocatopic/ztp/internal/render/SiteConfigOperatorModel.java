package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SiteConfig operator does with a stored ClusterInstance and its default templates (test scope):
 * stolostron/siteconfig {@code internal/controller/clusterinstance/template_engine.go} (cluster-level
 * templates once, node-level once per node; whitespace-only output dropped; extra annotations and labels by
 * kind, node-level first, never overriding a rendered key; the {@code owned-by} label) and
 * {@code helper.go} ({@code buildClusterData}: agent counts by role, {@code InstallConfigOverrides} with
 * {@code networking.networkType} merged in). Not modelled: pruneManifests/suppressedManifests, the
 * CPU-partitioning override, sync-wave ordering, reinstall.
 */
final class SiteConfigOperatorModel {
    static final String OWNED_BY = "siteconfig.open-cluster-management.io/owned-by";
    static final List<String> CLUSTER_KEYS = List.of("AgentClusterInstall", "ClusterDeployment",
            "KlusterletAddonConfig", "ManagedCluster");
    static final List<String> NODE_KEYS = List.of("BareMetalHost", "InfraEnv", "NMStateConfig");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteConfigOperatorModel() {
    }

    static String template(String configMap, String key) {
        String name = "/siteconfig-templates/" + configMap + "_" + key + ".yaml.tmpl";
        try (InputStream in = SiteConfigOperatorModel.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders a stored (defaulted) ClusterInstance through the default templates.
     *
     * @param clusterInstance the object as kube-apiserver stores it (a map tree)
     * @param releaseImage    the ClusterImageSet's release image
     * @return the rendered objects: cluster-level in key order, then per node in key order
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Map<String, Object> clusterInstance, String releaseImage) {
        Map<String, Object> meta = (Map<String, Object>) clusterInstance.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) clusterInstance.get("spec");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) spec.get("nodes");
        int cp = 0;
        int workers = 0;
        int arbiters = 0;
        for (Map<String, Object> n : nodes) {
            switch (String.valueOf(n.get("role"))) {
                case "master" -> cp++;
                case "worker" -> workers++;
                case "arbiter" -> arbiters++;
                default -> { }
            }
        }
        if ("SNO".equals(spec.get("clusterType"))) {
            workers = 0;
        }
        String overrides = installConfigOverrides(spec);
        String owner = meta.get("namespace") + "_" + meta.get("name");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : CLUSTER_KEYS) {
            Map<String, Object> vars = GoTemplate.map("CurrentNode", Map.of(), "InstallConfigOverrides", overrides,
                    "ReleaseImage", releaseImage, "ControlPlaneAgents", (long) cp, "WorkerAgents", (long) workers,
                    "ArbiterAgents", (long) arbiters);
            add(out, template(ClusterInstanceRenderer.CLUSTER_TEMPLATES, key), spec, vars, null, owner);
        }
        for (Map<String, Object> node : nodes) {
            for (String key : NODE_KEYS) {
                Map<String, Object> vars = GoTemplate.map("CurrentNode", node, "InstallConfigOverrides", overrides,
                        "ReleaseImage", releaseImage, "ControlPlaneAgents", (long) cp, "WorkerAgents",
                        (long) workers, "ArbiterAgents", (long) arbiters);
                add(out, template(ClusterInstanceRenderer.NODE_TEMPLATES, key), spec, vars, node, owner);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(List<Map<String, Object>> out, String template, Map<String, Object> spec,
                            Map<String, Object> vars, Map<String, Object> node, String owner) {
        String text = GoTemplate.parse(template).execute(GoTemplate.map("Spec", spec, "SpecialVars", vars));
        if (text.isBlank()) {
            return;
        }
        Map<String, Object> obj;
        try {
            obj = YAML.readValue(text, LinkedHashMap.class);
        } catch (IOException e) {
            throw new IllegalStateException("rendered template is not YAML:\n" + text, e);
        }
        String kind = (String) obj.get("kind");
        append(obj, "annotations", search(node, spec, "extraAnnotations", kind));
        append(obj, "labels", search(node, spec, "extraLabels", kind));
        append(obj, "labels", Map.of(OWNED_BY, owner));
        out.add(obj);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> search(Map<String, Object> node, Map<String, Object> spec, String field,
                                              String kind) {
        if (node != null && node.get(field) instanceof Map<?, ?> m && m.containsKey(kind)) {
            return (Map<String, String>) m.get(kind);
        }
        if (spec.get(field) instanceof Map<?, ?> m && m.containsKey(kind)) {
            return (Map<String, String>) m.get(kind);
        }
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private static void append(Map<String, Object> obj, String field, Map<String, String> data) {
        if (data.isEmpty()) {
            return;
        }
        Map<String, Object> meta = (Map<String, Object>) obj.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        Map<String, Object> m = (Map<String, Object>) meta.get(field);
        if (m == null) {
            m = new LinkedHashMap<>();
            meta.put(field, m);
        }
        for (Map.Entry<String, String> e : data.entrySet()) {
            m.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    /** helper.go getInstallConfigOverrides, without the CPU-partitioning part. */
    @SuppressWarnings("unchecked")
    static String installConfigOverrides(Map<String, Object> spec) {
        String network = "{\"networking\":{\"networkType\":\"" + spec.getOrDefault("networkType", "") + "\"}}";
        String given = (String) spec.getOrDefault("installConfigOverrides", "");
        if (given.isEmpty()) {
            return network;
        }
        try {
            Map<String, Object> m = JSON.readValue(given, LinkedHashMap.class);
            if (m.containsKey("networking")) {
                Map<String, Object> merged = (Map<String, Object>) m.get("networking");
                merged.put("networkType", spec.get("networkType"));
                return JSON.writeValueAsString(m);
            }
        } catch (IOException e) {
            return "";
        }
        return network.substring(0, network.length() - 1) + "," + given.substring(1);
    }
}
