package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * The target layout of one GPU.
 *
 * @param index   NVML index
 * @param model   catalog key
 * @param current instances now
 * @param target  instances wanted, with placements
 * @param touched whether anything changes on this GPU
 * <pre>{@code
 * plan.nodes().get(0).gpus().get(0).target()
 * }</pre>
 */
public record GpuPlan(int index, String model, List<PlacedInstance> current, List<PlacedInstance> target,
                      boolean touched) {
    /**
     * Validates and copies.
     *
     * @param index see the record component
     * @param model see the record component
     * @param current see the record component
     * @param target see the record component
     * @param touched see the record component
     */
    public GpuPlan {
        current = List.copyOf(current);
        target = List.copyOf(target);
    }
}
