package io.ocatopic.gpu.mig;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.gpu.GpuException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * mig-parted configs (NVIDIA/mig-parted api/spec/v1/spec.go): rendering a node plan as a custom
 * per-index config, checking a config against mig-parted's own schema rules (version v1, devices
 * required, mig-devices only when enabled, counts not negative and not all zero) and against the catalog
 * for the GPUs its device-filter names (or a given model).
 *
 * <pre>{@code
 * String yaml = MigPartedConfig.render("ocatopic-worker-0", nodePlan, catalog);
 * List<String> problems = MigPartedConfig.validate(yaml, catalog, Optional.empty(), planner);
 * }</pre>
 */
public final class MigPartedConfig {
    private static final ObjectMapper YAML = ConfigYaml.mapper();

    private MigPartedConfig() {
    }

    /**
     * Renders a node plan: one entry per GPU ({@code devices: [i]}), MIG disabled for GPUs with no
     * instances that had MIG off. mig-parted does not take placements; it gets the counts, and the
     * explicit placements are applied by {@code gpu apply}.
     *
     * @param configName the {@code mig-configs} key (the value of {@code nvidia.com/mig.config})
     * @param plan       the node plan
     * @param catalog    catalog for device-filter ids
     * @return the YAML
     */
    public static String render(String configName, NodePlan plan, MigCatalog catalog) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (GpuPlan g : plan.gpus()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("devices", List.of(g.index()));
            catalog.model(g.model()).ifPresent(m -> e.put("device-filter", m.deviceFilter()));
            boolean enabled = !g.target().isEmpty();
            e.put("mig-enabled", enabled);
            if (enabled) {
                Map<String, Integer> counts = new TreeMap<>();
                g.target().forEach(pi -> counts.merge(pi.profile(), 1, Integer::sum));
                e.put("mig-devices", counts);
            }
            entries.add(e);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "v1");
        root.put("mig-configs", Map.of(configName, entries));
        try {
            return YAML.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new GpuException(GpuException.Reason.IO, "cannot render mig-parted config", List.of(), e);
        }
    }

    /**
     * Checks a mig-parted config: schema rules, then every layout against the catalog for the models its
     * device-filter names, or {@code model} when given.
     *
     * @param yaml    the config text
     * @param catalog the catalog
     * @param model   model key to check against when the entry has no device-filter; "" for none
     * @param planner supplies layout spaces
     * @return every problem as {@code path: message}; empty when the config is legal
     */
    @SuppressWarnings("unchecked")
    public static List<String> validate(String yaml, MigCatalog catalog, String model, MigPlanner planner) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> root;
        try {
            root = YAML.readValue(yaml, Map.class);
        } catch (java.io.IOException e) {
            return List.of("config: not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !"v1".equals(root.get("version"))) {
            problems.add("version: unknown version " + (root == null ? null : root.get("version")));
        }
        Object configs = root == null ? null : root.get("mig-configs");
        if (!(configs instanceof Map<?, ?> cm)) {
            problems.add("mig-configs: missing");
            return problems;
        }
        for (Map.Entry<?, ?> c : cm.entrySet()) {
            String path = "mig-configs." + c.getKey();
            if (!(c.getValue() instanceof List<?> list) || list.isEmpty()) {
                problems.add(path + ": needs at least one entry");
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                String ep = path + "[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> e)) {
                    problems.add(ep + ": not a map");
                    continue;
                }
                Object devices = e.get("devices");
                if (!("all".equals(devices) || devices instanceof List<?>)) {
                    problems.add(ep + ".devices: required, 'all' or a list of indexes");
                }
                if (!(e.get("mig-enabled") instanceof Boolean enabled)) {
                    problems.add(ep + ".mig-enabled: required boolean");
                    continue;
                }
                Object md = e.get("mig-devices");
                Map<String, Integer> counts = new TreeMap<>();
                if (md instanceof Map<?, ?> mm) {
                    mm.forEach((k, v) -> counts.put(String.valueOf(k), v instanceof Number n ? n.intValue() : -1));
                }
                if (!enabled) {
                    if (!counts.isEmpty()) {
                        problems.add(ep + ": MIG devices included when 'mig-enabled' is false");
                    }
                    continue;
                }
                if (md == null) {
                    problems.add(ep + ".mig-devices: required when mig-enabled is true");
                    continue;
                }
                if (counts.isEmpty()) {
                    continue; // all-enabled: MIG on, no devices
                }
                if (counts.values().stream().anyMatch(v -> v < 0)) {
                    problems.add(ep + ".mig-devices: counts must be >= 0");
                    continue;
                }
                if (counts.values().stream().allMatch(v -> v == 0)) {
                    problems.add(ep + ".mig-devices: counts must not all be 0");
                    continue;
                }
                for (GpuModel m : models(e.get("device-filter"), catalog, model, ep, problems)) {
                    for (String p : new LayoutValidator(planner.space(m.key())).validateCounts(counts)) {
                        problems.add(ep + " [" + m.key() + "]: " + p);
                    }
                }
            }
        }
        return problems;
    }

    private static List<GpuModel> models(Object filter, MigCatalog catalog, String model, String ep,
                                         List<String> problems) {
        List<String> ids = new ArrayList<>();
        if (filter instanceof String s) {
            ids.add(s);
        } else if (filter instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof String s) {
                    ids.add(s);
                } else {
                    problems.add(ep + ".device-filter: " + x + " is not a string (quote PCI ids: YAML reads an"
                            + " unquoted 0x... as an integer, which mig-parted rejects)");
                }
            }
        } else if (filter != null) {
            problems.add(ep + ".device-filter: " + filter + " is not a string or a list of strings (quote PCI ids:"
                    + " YAML reads an unquoted 0x... as an integer, which mig-parted rejects)");
        }
        List<GpuModel> out = new ArrayList<>();
        if (ids.isEmpty()) {
            if (!model.isEmpty()) {
                out.add(catalog.model(model).orElseThrow(() -> new GpuException(GpuException.Reason.UNKNOWN_MODEL,
                        "model " + model + " is not in the catalog")));
            }
            return out;
        }
        for (String id : ids) {
            try {
                long v = Long.decode(id.toLowerCase().startsWith("0x") ? id : "0x" + id);
                catalog.byPciId((int) v).ifPresentOrElse(m -> {
                    if (model.isEmpty() || m.key().equalsIgnoreCase(model)) {
                        out.add(m);
                    }
                }, () -> { });
            } catch (NumberFormatException ex) {
                problems.add(ep + ".device-filter: " + id + " is not a PCI id");
            }
        }
        return out;
    }
}
