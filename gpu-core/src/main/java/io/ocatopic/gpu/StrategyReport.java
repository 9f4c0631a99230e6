package io.ocatopic.gpu;

import java.util.List;
import java.util.Map;

/**
 * Whether a node's planned layout is legal under a MIG strategy, why not, and the extended resources
 * the device plugin would advertise.
 *
 * @param node       node name
 * @param strategy   the strategy checked
 * @param violations every rule the layout breaks (the device plugin would label the node {@code MIG-INVALID}
 *                   under {@code single}); empty when legal
 * @param warnings   legal but probably unwanted (for example an empty MIG GPU under {@code mixed})
 * @param resources  extended resource name to count, e.g. {@code nvidia.com/mig-1g.5gb=7}
 * <pre>{@code
 * StrategyReport r = partitioner.checkStrategy(nodePlan, MigStrategy.SINGLE);
 * if (!r.legal()) r.violations().forEach(System.err::println);
 * }</pre>
 */
public record StrategyReport(String node, MigStrategy strategy, List<String> violations, List<String> warnings,
                             Map<String, Integer> resources) {
    /**
     * Validates and copies.
     *
     * @param node       see the record component
     * @param strategy   see the record component
     * @param violations see the record component
     * @param warnings   see the record component
     * @param resources  see the record component
     */
    public StrategyReport {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
        resources = Map.copyOf(resources);
    }

    /**
     * Returns whether the layout is legal under the strategy.
     *
     * @return whether the layout is legal under the strategy
     */
    public boolean legal() {
        return violations.isEmpty();
    }
}
