package io.ocatopic.gpu.internal.mig;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.GpuNames;
import io.ocatopic.kube.internal.Mappers;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap the GPU operator's MIG manager reads ({@code ClusterPolicy.spec.migManager.config.name},
 * key {@code config.yaml}; cloud-native-docs {@code gpu-operator/gpu-operator-mig.rst}): one mig-parted
 * config holding {@code all-disabled} (the MIG manager's default) and one per-index layout per node,
 * each selected on its node by the label {@code nvidia.com/mig.config=ocatopic-<node>}.
 *
 * <pre>{@code
 * ConfigMap cm = MigManagerConfig.configMap("ocatopic-mig-config", "nvidia-gpu-operator", plan.nodes(), catalog);
 * }</pre>
 */
public final class MigManagerConfig {
    /** The ConfigMap key the MIG manager reads. */
    public static final String KEY = "config.yaml";

    private static final ObjectMapper YAML = Mappers.yaml();

    private MigManagerConfig() {
    }

    /**
     * The config label of a node, the value of {@code nvidia.com/mig.config}; a label value, so at most 63
     * characters (node names may have 253).
     *
     * @param node node name
     * @return {@code ocatopic-<node>}, or for a long node name its start and a hash (see
     *         {@link GpuNames#labelValue})
     */
    public static String configName(String node) {
        return GpuNames.labelValue("ocatopic-", node);
    }

    /**
     * One mig-parted config for several nodes.
     *
     * @param nodes   node plans
     * @param catalog catalog for device filters
     * @return the YAML: {@code all-disabled} then one config per node with GPUs, in order (a node without
     *         GPUs has nothing to configure and mig-parted rejects a config without entries)
     */
    @SuppressWarnings("unchecked")
    public static String render(List<MigPlan.Node> nodes, MigCatalog catalog) {
        Map<String, Object> configs = new LinkedHashMap<>();
        Map<String, Object> disabled = new LinkedHashMap<>();
        disabled.put("devices", "all");
        disabled.put("mig-enabled", false);
        configs.put("all-disabled", List.of(disabled));
        try {
            for (MigPlan.Node n : nodes) {
                if (n.gpus().isEmpty()) {
                    continue;
                }
                Map<String, Object> one = YAML.readValue(MigPartedConfig.render(configName(n.node()), n, catalog),
                        Map.class);
                configs.putAll((Map<String, Object>) one.get("mig-configs"));
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("version", "v1");
            root.put("mig-configs", configs);
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new GpuException(GpuException.Reason.IO, "cannot render mig-parted config", List.of(), e);
        }
    }

    /**
     * The ConfigMap holding {@link #render}'s config under {@value #KEY}.
     *
     * @param name      ConfigMap name (what the ClusterPolicy names)
     * @param namespace the GPU operator's namespace
     * @param nodes     node plans
     * @param catalog   catalog for device filters
     * @return the ConfigMap
     * @throws GpuException {@code INVALID} when the name is not a DNS-1123 subdomain or the namespace not a
     *                      DNS-1123 label
     */
    public static ConfigMap configMap(String name, String namespace, List<MigPlan.Node> nodes, MigCatalog catalog) {
        GpuNames.requireSubdomain(name, "metadata.name");
        GpuNames.requireLabel(namespace, "metadata.namespace");
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData(KEY, render(nodes, catalog)).build();
    }
}
