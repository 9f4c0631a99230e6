package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * A node and its GPUs.
 *
 * @param name  node name
 * @param group node group that group demands name (for example a label value); "" for none
 * @param gpus  the GPUs
 * <pre>{@code
 * new FleetNode("worker-0", "training", List.of(FleetGpu.empty(0, "A100-40GB")))
 * }</pre>
 */
public record FleetNode(String name, String group, List<FleetGpu> gpus) {
    /**
     * Validates and copies.
     *
     * @param name see the record component
     * @param group see the record component
     * @param gpus see the record component
     */
    public FleetNode {
        gpus = List.copyOf(gpus);
    }
}
