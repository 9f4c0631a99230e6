package io.ocatopic.gpu.mig;

import java.util.List;

/**
 * The nodes to plan for.
 *
 * @param nodes the nodes
 * <pre>{@code
 * Fleet fleet = new Fleet(List.of(node0, node1));
 * }</pre>
 */
public record Fleet(List<FleetNode> nodes) {
    /**
     * Validates and copies.
     *
     * @param nodes see the record component (null reads as none)
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public Fleet {
        nodes = nodes == null ? List.of() : nodes;
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == null) {
                problems.add("nodes[" + i + "]: empty entry");
            } else if (!names.add(nodes.get(i).name())) {
                problems.add("nodes[" + i + "].name: \"" + nodes.get(i).name() + "\" appears twice");
            }
        }
        FleetChecks.fail(problems);
        nodes = List.copyOf(nodes);
    }

    /**
     * Reads a fleet from YAML or JSON ({@code nodes: [{name, group, gpus: [{index, model, migEnabled,
     * instances: [{profile, start, busy}]}]}]}), validating it: every error names its field path, for
     * example {@code nodes[1].gpus[0].index: -1 is not an NVML index (0 or more)}. Whether the models and
     * layouts fit the catalog is checked when planning.
     *
     * @param text the document
     * @return the fleet
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} for text that does not parse or a fleet that is not valid
     */
    public static Fleet fromYaml(String text) {
        return FleetChecks.read(text);
    }

    /** @return the number of GPUs */
    public int gpuCount() {
        return nodes.stream().mapToInt(n -> n.gpus().size()).sum();
    }
}
