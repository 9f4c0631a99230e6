package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * One GPU of a node as observed.
 *
 * @param index      NVML index on the node
 * @param model      catalog key, e.g. {@code A100-40GB}
 * @param migEnabled whether MIG mode is on
 * @param instances  the GPU instances that exist
 * <pre>{@code
 * new FleetGpu(0, "A100-40GB", false, List.of())
 * }</pre>
 */
public record FleetGpu(int index, String model, boolean migEnabled, List<ObservedInstance> instances) {
    /**
     * Validates and copies.
     *
     * @param index see the record component
     * @param model see the record component
     * @param migEnabled see the record component
     * @param instances see the record component
     */
    public FleetGpu {
        instances = List.copyOf(instances);
    }

    /**
     * An empty GPU with MIG off.
     *
     * @param index NVML index
     * @param model catalog key
     * @return the GPU
     */
    public static FleetGpu empty(int index, String model) {
        return new FleetGpu(index, model, false, List.of());
    }
}
