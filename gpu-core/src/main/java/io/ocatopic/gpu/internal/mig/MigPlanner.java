package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses per-GPU MIG layouts with explicit placements across a fleet. Objective, in order: most
 * demanded instances supplied, fewest GPUs touched, most usable free space per GPU. Busy instances are
 * never moved or destroyed. Per GPU the choice is exact (every valid layout of the model is enumerated
 * by {@link LayoutSpace}, and {@link GpuOptions} keeps the best layout per distinct supply). Across the
 * fleet {@link ExactSearch}, a dynamic programme over remaining demand, is exact when its state space is
 * small. Otherwise {@link GreedySearch}, the planner's own fleet search, runs: GPUs ordered scarcest demand
 * first, rounds of a priced greedy, then coordinate ascent. GPUs with the same model, current layout, busy
 * instances and group are handled as one class, so 10,000 GPUs plan in well under a second. In
 * {@link Mode#AUTO} driver-style first-fit is computed as well and returned only if strictly better (a
 * guard: on the benchmark fleets and random fleets the own search is never worse than first-fit).
 * {@link PlanningProblem} puts the fleet and demand in index form; {@link PlanDiff} turns a choice of
 * layouts into the plan with per-node diffs.
 *
 * <pre>{@code
 * MigPlanner planner = new MigPlanner(MigCatalog.builtin());
 * MigPlan plan = planner.plan(fleet, List.of(Demand.fleetWide("3g.20gb", 4)));
 * }</pre>
 */
public final class MigPlanner {
    /** How to search across the fleet. */
    public enum Mode {
        /** Exact when small enough, else the fleet search; then the better of that and first-fit. */
        AUTO,
        /** Exact dynamic programme; fails when the state space is too large. */
        EXACT,
        /** The planner's own fleet search only (no exact programme, no first-fit guard), for comparison. */
        GREEDY
    }

    private final MigCatalog catalog;
    private final Map<String, LayoutSpace> spaces = new HashMap<>();

    /**
     * Creates a planner.
     *
     * @param catalog the MIG catalog
     */
    public MigPlanner(MigCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return the catalog */
    public MigCatalog catalog() {
        return catalog;
    }

    /**
     * The layout space of a model (enumerated once per planner).
     *
     * @param modelKey catalog key, NVML product name or PCI id (see {@link MigCatalog#model(String)})
     * @return the space
     * @throws GpuException {@code UNKNOWN_MODEL} listing the accepted forms
     */
    public synchronized LayoutSpace space(String modelKey) {
        GpuModel m = catalog.require(modelKey, "model");
        return spaces.computeIfAbsent(m.key(), k -> LayoutSpace.of(m));
    }

    /**
     * Plans with {@link Mode#AUTO}.
     *
     * @param fleet   the fleet
     * @param demands the demands
     * @return the plan
     */
    public MigPlan plan(Fleet fleet, List<Demand> demands) {
        return plan(fleet, demands, Mode.AUTO);
    }

    /**
     * Plans.
     *
     * @param fleet   the fleet
     * @param demands the demands
     * @param mode    search mode
     * @return the plan
     */
    public MigPlan plan(Fleet fleet, List<Demand> demands, Mode mode) {
        PlanningProblem problem = new PlanningProblem(this, fleet, demands);
        int[] layouts;
        String method;
        boolean exactFits = ExactSearch.cells(problem) <= ExactSearch.CELL_LIMIT;
        if (mode == Mode.EXACT || (mode == Mode.AUTO && exactFits)) {
            if (!exactFits) {
                throw new GpuException(GpuException.Reason.INVALID, "fleet too large for the exact search");
            }
            layouts = ExactSearch.run(problem);
            method = "exact";
        } else {
            layouts = new GreedySearch(problem).run();
            method = "greedy";
        }
        MigPlan plan = PlanDiff.toPlan(problem, layouts, method);
        if (mode == Mode.AUTO) {
            MigPlan firstFit = new FirstFitPlanner(this).plan(fleet, demands);
            if (firstFit.satisfiedTotal() > plan.satisfiedTotal()
                    || (firstFit.satisfiedTotal() == plan.satisfiedTotal()
                    && firstFit.touchedGpus() < plan.touchedGpus())) {
                return firstFit;
            }
        }
        return plan;
    }

    /**
     * Builds a plan from explicit target layouts (used by first-fit and tests): computes the satisfied
     * demand and the per-node diff.
     *
     * @param fleet   the fleet
     * @param demands the demands
     * @param targets per node, per GPU, the target instances
     * @param method  method label
     * @return the plan
     */
    public MigPlan planOf(Fleet fleet, List<Demand> demands, List<List<List<MigPlan.Instance>>> targets,
                          String method) {
        PlanningProblem problem = new PlanningProblem(this, fleet, demands);
        int[] layouts = new int[problem.gpus().size()];
        for (int i = 0; i < layouts.length; i++) {
            PlannedGpu g = problem.gpus().get(i);
            List<MigPlan.Instance> target = targets.get(g.node).get(g.slot);
            int layout = g.space.indexOf(target);
            if (layout < 0) {
                throw new GpuException(GpuException.Reason.INVALID, "invalid target layout " + target);
            }
            layouts[i] = layout;
        }
        return PlanDiff.toPlan(problem, layouts, method);
    }
}
