package io.ocatopic.gpu;

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
public record MigPlan(List<Node> nodes, Map<String, Integer> demanded, Map<String, Integer> satisfied,
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

    /**
     * Returns the total number of instances the plan satisfies.
     *
     * @return total satisfied instances
     */
    public int satisfiedTotal() {
        return satisfied.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Returns the total number of instances demanded.
     *
     * @return total demanded instances
     */
    public int demandedTotal() {
        return demanded.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * A node's part of a plan: per-GPU targets and the ordered diff (enable MIG, destroy, then create).
     *
     * @param node    node name
     * @param gpus    per-GPU layouts
     * @param actions ordered steps
     * <pre>{@code
     * for (MigPlan.Action a : nodePlan.actions()) { ... }
     * }</pre>
     */
    public record Node(String node, List<Gpu> gpus, List<Action> actions) {
        /**
         * Validates and copies.
         *
         * @param node see the record component
         * @param gpus see the record component
         * @param actions see the record component
         */
        public Node {
            gpus = List.copyOf(gpus);
            actions = List.copyOf(actions);
        }
    }

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
    public record Gpu(int index, String model, List<Instance> current, List<Instance> target,
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
        public Gpu {
            current = List.copyOf(current);
            target = List.copyOf(target);
        }
    }

    /**
     * A GPU instance at an explicit placement.
     *
     * @param profile profile name
     * @param start   first memory slice
     * <pre>{@code
     * new MigPlan.Instance("3g.20gb", 4)
     * }</pre>
     */
    public record Instance(String profile, int start) implements Comparable<Instance> {
        @Override
        public int compareTo(Instance o) {
            int c = Integer.compare(start, o.start);
            return c != 0 ? c : profile.compareTo(o.profile);
        }

        @Override
        public String toString() {
            return profile + "@" + start;
        }
    }

    /**
     * One step of a node's diff, applied in order.
     *
     * <pre>{@code
     * switch (action) { case MigPlan.Action.Create c -> ...; case MigPlan.Action.Destroy d -> ...; default -> ...; }
     * }</pre>
     */
    public sealed interface Action {
        /**
         * Returns the GPU index the step acts on.
         *
         * @return the GPU index the step acts on
         */
        int gpu();

        /** Turn MIG mode on. @param gpu GPU index */
        record EnableMig(int gpu) implements Action {
        }

        /** Destroy an instance (its compute instances first). @param gpu GPU index @param instance the instance */
        record Destroy(int gpu, Instance instance) implements Action {
        }

        /** Create an instance at its placement, with one full compute instance. @param gpu GPU index
         * @param instance the instance */
        record Create(int gpu, Instance instance) implements Action {
        }
    }
}
