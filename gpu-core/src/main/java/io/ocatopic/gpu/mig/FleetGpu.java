package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * One GPU of a node as observed.
 *
 * @param index      NVML index on the node
 * @param model      the model: catalog key ({@code A100-40GB}), NVML product name ({@code NVIDIA A100-SXM4-40GB},
 *                   with or without {@code NVIDIA }) or PCI id ({@code 0x20B010DE}); see {@link MigCatalog#model}
 * @param migEnabled whether MIG mode is on
 * @param instances  the GPU instances that exist
 * <pre>{@code
 * new FleetGpu(0, "A100-40GB", false, List.of())
 * }</pre>
 */
public record FleetGpu(@com.fasterxml.jackson.annotation.JsonProperty(required = true) int index, String model,
                       boolean migEnabled, List<ObservedInstance> instances) {
    /**
     * Validates and copies.
     *
     * @param index see the record component
     * @param model see the record component
     * @param migEnabled see the record component
     * @param instances see the record component (null reads as none)
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public FleetGpu {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (index < 0) {
            problems.add("index: " + index + " is not an NVML index (0 or more)");
        }
        if (model == null || model.isBlank()) {
            problems.add("model: required, a catalog key (A100-40GB), an NVML product name (NVIDIA A100-SXM4-40GB)"
                    + " or a PCI id (0x20B010DE)");
        }
        instances = instances == null ? List.of() : instances;
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i) == null) {
                problems.add("instances[" + i + "]: empty entry");
            }
        }
        if (!migEnabled && !instances.isEmpty()) {
            problems.add("instances: " + instances.size() + " GPU instance(s) but migEnabled is false");
        }
        FleetChecks.fail(problems);
        instances = List.copyOf(instances);
    }

    /**
     * An empty GPU with MIG off.
     *
     * @param index NVML index
     * @param model the model (see the record component)
     * @return the GPU
     */
    public static FleetGpu empty(int index, String model) {
        return new FleetGpu(index, model, false, List.of());
    }
}
