package io.ocatopic.gpu.internal.mig;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.Problems;
import io.ocatopic.kube.internal.Mappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * mig-parted configs (NVIDIA/mig-parted api/spec/v1/spec.go): rendering a node plan as a custom
 * per-index config, checking a config against mig-parted's own schema rules (version v1, no unexpected
 * field, at least one entry per config, devices required, mig-devices only when enabled, counts not
 * negative and not all zero, device-filter entries that are PCI ids as {@code pkg/types/device.go} reads
 * them) and against the catalog for the GPUs its device-filter names (or a given model).
 *
 * <pre>{@code
 * String yaml = MigPartedConfig.render("ocatopic-worker-0", nodePlan, catalog);
 * List<String> problems = MigPartedConfig.validate(yaml, catalog, "A100-SXM4-40GB", planner);
 * }</pre>
 */
public final class MigPartedConfig {
    private static final ObjectMapper YAML = Mappers.yaml();
    /** The fields of a mig-parted config entry ({@code MigConfigSpec.UnmarshalJSON}); others are rejected. */
    private static final List<String> ENTRY_FIELDS = List.of("device-filter", "devices", "mig-enabled", "mig-devices");

    private MigPartedConfig() {
    }

    /**
     * Renders a node plan: one entry per GPU ({@code devices: [i]}), MIG disabled for GPUs with no
     * instances that had MIG off. mig-parted does not take placements; it gets the counts, and the
     * explicit placements are applied by {@code gpu apply}. Each entry's {@code device-filter} names every
     * PCI id of the GPU's model (one id as a string, several as a list): mig-parted leaves a GPU whose id the
     * filter does not name unconfigured, so a filter with only one of the model's ids would skip, say, the
     * PCIe board of an SXM/PCIe pair.
     *
     * @param configName the {@code mig-configs} key (the value of {@code nvidia.com/mig.config})
     * @param plan       the node plan
     * @param catalog    catalog for device-filter ids
     * @return the YAML
     * @throws GpuException {@code INVALID} for a node plan without GPUs (mig-parted needs at least one entry
     *                      per config) or a GPU whose model the catalog does not know
     */
    public static String render(String configName, MigPlan.Node plan, MigCatalog catalog) {
        if (plan.gpus().isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "cannot render a mig-parted config",
                    Problems.of(List.of("mig-configs." + configName + ": node " + plan.node() + " has no GPU to configure;"
                            + " mig-parted needs at least one entry per config, so leave the node out")), null);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < plan.gpus().size(); i++) {
            MigPlan.Gpu g = plan.gpus().get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("devices", List.of(g.index()));
            List<String> ids = catalog.require(g.model(), "gpus[" + i + "].model").deviceFilters();
            e.put("device-filter", ids.size() == 1 ? ids.get(0) : ids);
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
     * @param model   model to check against when the entry has no device-filter (key, NVML product name or PCI
     *                id, see {@link MigCatalog#model}); "" for none
     * @param planner supplies layout spaces
     * @return every problem as {@code path: message}; empty when the config is legal
     * @throws GpuException {@code UNKNOWN_MODEL} when {@code model} names no catalog model
     */
    @SuppressWarnings("unchecked")
    public static List<String> validate(String yaml, MigCatalog catalog, String model, MigPlanner planner) {
        GpuModel given = model == null || model.isBlank() ? null : catalog.require(model, "model");
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
        if (root != null) {
            root.keySet().stream().filter(k -> !"version".equals(k) && !"mig-configs".equals(k))
                    .forEach(k -> problems.add(k + ": unexpected field (mig-parted knows version and mig-configs)"));
        }
        if (!(configs instanceof Map<?, ?> cm)) {
            problems.add("mig-configs: missing");
            return problems;
        }
        if (cm.isEmpty()) {
            problems.add("mig-configs: needs at least one config");
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
                e.keySet().stream().filter(k -> !ENTRY_FIELDS.contains(String.valueOf(k))).forEach(k -> problems.add(
                        ep + "." + k + ": unexpected field (mig-parted knows " + String.join(", ", ENTRY_FIELDS) + ")"));
                Object devices = e.get("devices");
                if (!("all".equals(devices) || devices instanceof List<?> l
                        && l.stream().allMatch(x -> x instanceof Integer n && n >= 0))) {
                    problems.add(ep + ".devices: required, 'all' or a list of GPU indexes such as [0, 1]");
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
                for (GpuModel m : models(e.get("device-filter"), catalog, given, ep, problems)) {
                    for (String p : new LayoutValidator(planner.space(m.key())).validateCounts(counts)) {
                        problems.add(ep + " [" + m.key() + "]: " + p);
                    }
                }
            }
        }
        return problems;
    }

    private static List<GpuModel> models(Object filter, MigCatalog catalog, GpuModel given, String ep,
                                         List<String> problems) {
        List<String> ids = new ArrayList<>();
        if (filter instanceof String s) {
            if (!s.isEmpty()) {
                ids.add(s);
            }
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
            if (given != null) {
                out.add(given);
            }
            return out;
        }
        for (String id : ids) {
            java.util.OptionalInt pci = MigCatalog.parsePciId(id);
            if (pci.isEmpty() && !(id.matches("[1-9][0-9]{0,9}") && Long.parseLong(id) <= 0xFFFFFFFFL)) {
                // mig-parted reads the id with strconv.ParseUint(s, 0, 32); anything else matches no GPU
                String fix = catalog.model(id).map(m -> "; write the PCI ids of " + m.key() + ": "
                        + String.join(", ", m.deviceFilters())).orElse("; write it as 0x then the device and vendor"
                        + " ids, e.g. 0x20B010DE");
                problems.add(ep + ".device-filter: \"" + id + "\" is not a PCI id mig-parted can read, so the entry"
                        + " matches no GPU (mig-parted matches device-filter by PCI id only)" + fix);
                continue;
            }
            int v = pci.isPresent() ? pci.getAsInt() : (int) Long.parseLong(id);
            catalog.byPciId(v).ifPresent(m -> {
                if ((given == null || m.key().equals(given.key())) && !out.contains(m)) {
                    out.add(m);
                }
            });
        }
        return out;
    }
}
