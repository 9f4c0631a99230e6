package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * A node's part of a plan: per-GPU targets and the ordered diff (enable MIG, destroy, then create).
 *
 * @param node    node name
 * @param gpus    per-GPU layouts
 * @param actions ordered steps
 * <pre>{@code
 * for (MigAction a : nodePlan.actions()) { ... }
 * }</pre>
 */
public record NodePlan(String node, List<GpuPlan> gpus, List<MigAction> actions) {
    /**
     * Validates and copies.
     *
     * @param node see the record component
     * @param gpus see the record component
     * @param actions see the record component
     */
    public NodePlan {
        gpus = List.copyOf(gpus);
        actions = List.copyOf(actions);
    }
}
