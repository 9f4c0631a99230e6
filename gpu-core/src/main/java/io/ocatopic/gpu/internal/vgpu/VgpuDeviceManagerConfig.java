package io.ocatopic.gpu.internal.vgpu;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.GpuNames;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.kube.internal.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vgpu-device-manager configs (NVIDIA/vgpu-device-manager {@code api/spec/v1/spec.go}):
 * {@code version: v1}, {@code vgpu-configs: {<name>: [{devices: all|[i], device-filter?, vgpu-devices:
 * {<type>: count}}]}}; the ConfigMap key is {@code config.yaml} (default ConfigMap
 * {@code default-vgpu-devices-config}) and a node selects a config with the label
 * {@code nvidia.com/vgpu.config=<name>}.
 *
 * <pre>{@code
 * String yaml = VgpuDeviceManagerConfig.render(Map.of("a100-mig", VgpuDeviceManagerConfig.forMigLayout(node, "A100", 'C')));
 * }</pre>
 */
public final class VgpuDeviceManagerConfig {
    private static final ObjectMapper YAML = Mappers.yaml();
    private static final Pattern PROFILE = Pattern.compile("^([1-9])g\\.([0-9]+)gb(\\+me)?$");

    private VgpuDeviceManagerConfig() {
    }

    /**
     * One entry of a config.
     *
     * @param devices      GPU indexes, empty for {@code all}
     * @param deviceFilter PCI id ({@code 0xDDDDVVVV}) the entry is limited to; the device manager matches
     *                     device-filter by PCI id only ({@code api/spec/v1/helpers.go}), so anything else would
     *                     match no GPU
     * @param vgpuDevices  vGPU type name to count; time-sliced and MIG-backed types cannot be mixed in one
     *                     entry ({@code pkg/types/vgpu_config.go} {@code AssertValid})
     */
    public record Entry(List<Integer> devices, Optional<String> deviceFilter, Map<String, Integer> vgpuDevices) {
        /**
         * Validates and copies.
         *
         * @param devices      see the record component
         * @param deviceFilter see the record component
         * @param vgpuDevices  see the record component
         * @throws GpuException {@code INVALID} naming the field: a negative index, a device-filter that is not a
         *                      PCI id, a malformed type, a count below 1, or time-sliced and MIG-backed types mixed
         */
        public Entry {
            devices = List.copyOf(devices);
            vgpuDevices = new TreeMap<>(vgpuDevices);
            deviceFilter = deviceFilter == null ? Optional.empty() : deviceFilter;
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i) < 0) {
                    throw new GpuException(GpuException.Reason.INVALID, "devices[" + i + "]: " + devices.get(i)
                            + " is not a GPU index (0 or more)");
                }
            }
            deviceFilter.ifPresent(f -> {
                if (MigCatalog.parsePciId(f).isEmpty()) {
                    throw new GpuException(GpuException.Reason.INVALID, "device-filter: \"" + f + "\" is not a PCI"
                            + " id, so the entry would match no GPU; write 0x then the device and vendor ids, e.g."
                            + " 0x20B010DE");
                }
            });
            Boolean migBacked = null;
            for (Map.Entry<String, Integer> e : vgpuDevices.entrySet()) {
                boolean mb = VgpuType.parse(e.getKey()).isMigBacked();
                if (e.getValue() < 1) {
                    throw new GpuException(GpuException.Reason.INVALID,
                            "vgpu-devices." + e.getKey() + ": count must be at least 1");
                }
                if (migBacked != null && migBacked != mb) {
                    throw new GpuException(GpuException.Reason.INVALID, "vgpu-devices." + e.getKey()
                            + ": cannot mix time-sliced and MIG-backed vGPU types in one entry; put them in"
                            + " entries for different GPUs");
                }
                migBacked = mb;
            }
        }

        /**
         * An entry for every GPU.
         *
         * @param vgpuDevices type to count
         * @return the entry
         */
        public static Entry all(Map<String, Integer> vgpuDevices) {
            return new Entry(List.of(), Optional.empty(), vgpuDevices);
        }
    }

    /**
     * The vGPU devices that a GPU's MIG layout backs: one MIG-backed type per GPU instance.
     *
     * @param gpu       the GPU's plan
     * @param gpuToken  the vGPU GPU token, e.g. {@code A100} for A100-40GB, {@code A100D} for A100-80GB
     * @param series    the series letter, usually {@code C} (compute)
     * @return type name to count, e.g. {@code A100-1-5C=7}
     */
    public static Map<String, Integer> migBackedDevices(MigPlan.Gpu gpu, String gpuToken, char series) {
        Map<String, Integer> out = new TreeMap<>();
        for (var pi : gpu.target()) {
            Matcher m = PROFILE.matcher(pi.profile());
            if (!m.matches()) {
                throw new GpuException(GpuException.Reason.INVALID, "profile " + pi.profile()
                        + " has no MIG-backed vGPU type name");
            }
            String type = gpuToken + "-" + m.group(1) + "-" + m.group(2) + series + (m.group(3) != null ? "ME" : "");
            out.merge(VgpuType.parse(type).name(), 1, Integer::sum);
        }
        return out;
    }

    /**
     * Per-index entries for a node's planned MIG layouts (GPUs without instances are left out).
     *
     * @param node     the node plan
     * @param gpuToken the vGPU GPU token
     * @param series   the series letter
     * @return the entries
     */
    public static List<Entry> forMigLayout(MigPlan.Node node, String gpuToken, char series) {
        List<Entry> out = new ArrayList<>();
        for (MigPlan.Gpu g : node.gpus()) {
            if (!g.target().isEmpty()) {
                out.add(new Entry(List.of(g.index()), Optional.empty(), migBackedDevices(g, gpuToken, series)));
            }
        }
        return out;
    }

    /**
     * Renders a config.
     *
     * @param configs config name to entries; each name is what a node's {@code nvidia.com/vgpu.config}
     *                label selects, so it must be a label value
     * @return the YAML
     * @throws GpuException {@code INVALID} for no config, a config without entries or a name that cannot be a
     *                      label value
     */
    public static String render(Map<String, List<Entry>> configs) {
        if (configs.isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "vgpu-configs: needs at least one config");
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (Map.Entry<String, List<Entry>> c : new TreeMap<>(configs).entrySet()) {
            GpuNames.requireLabelValue(c.getKey(), "vgpu-configs." + c.getKey());
            if (c.getValue().isEmpty()) {
                throw new GpuException(GpuException.Reason.INVALID, "vgpu-configs." + c.getKey()
                        + ": needs at least one entry");
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Entry e : c.getValue()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("devices", e.devices().isEmpty() ? "all" : e.devices());
                e.deviceFilter().ifPresent(f -> m.put("device-filter", f));
                m.put("vgpu-devices", e.vgpuDevices());
                entries.add(m);
            }
            named.put(c.getKey(), entries);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "v1");
        root.put("vgpu-configs", named);
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new GpuException(GpuException.Reason.IO, "cannot render vgpu-device-manager config", List.of(), e);
        }
    }
}
