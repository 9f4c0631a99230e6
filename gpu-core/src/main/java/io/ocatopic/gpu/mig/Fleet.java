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
     * @param nodes see the record component
     */
    public Fleet {
        nodes = List.copyOf(nodes);
    }

    /** @return the number of GPUs */
    public int gpuCount() {
        return nodes.stream().mapToInt(n -> n.gpus().size()).sum();
    }
}
