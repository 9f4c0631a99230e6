package io.ocatopic.gpu.mig;

import java.util.List;
import java.util.Map;

/**
 * A fleet plan and how well it meets demand.
 *
 * @param nodes     per-node plans
 * @param demanded  instances demanded per profile name (all scopes)
 * @param satisfied instances of the demand that the plan supplies, per profile name
 * @param touchedGpus GPUs that change
 * @param method    how the plan was found: {@code exact}, {@code greedy} or {@code first-fit}
 * <pre>{@code
 * System.out.println(plan.satisfiedTotal() + "/" + plan.demandedTotal());
 * }</pre>
 */
public record MigPlan(List<NodePlan> nodes, Map<String, Integer> demanded, Map<String, Integer> satisfied,
                      int touchedGpus, String method) {
    /**
     * Validates and copies.
     *
     * @param nodes       see the record component
     * @param demanded    see the record component
     * @param satisfied   see the record component
     * @param touchedGpus see the record component
     * @param method      see the record component
     */
    public MigPlan {
        nodes = List.copyOf(nodes);
        demanded = Map.copyOf(demanded);
        satisfied = Map.copyOf(satisfied);
    }

    /** @return total satisfied instances */
    public int satisfiedTotal() {
        return satisfied.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return total demanded instances */
    public int demandedTotal() {
        return demanded.values().stream().mapToInt(Integer::intValue).sum();
    }
}
