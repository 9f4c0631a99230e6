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
     * @param gpus see the record component (null reads as none)
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public FleetNode {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: required, the node name");
        }
        group = group == null ? "" : group;
        gpus = gpus == null ? List.of() : gpus;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i) == null) {
                problems.add("gpus[" + i + "]: empty entry");
            } else if (!seen.add(gpus.get(i).index())) {
                problems.add("gpus[" + i + "].index: " + gpus.get(i).index() + " appears twice on this node");
            }
        }
        FleetChecks.fail(problems);
        gpus = List.copyOf(gpus);
    }
}
