package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Driver-style first fit, the baseline: GPUs in fleet order keep what they have; the demand still unmet
 * (group demands of the GPU's group first, then fleet-wide, each in the order given) is created one
 * instance at a time at the lowest free allowed start, as the driver does when no placement is passed,
 * skipping an instance that does not fit and never trying another order.
 *
 * <pre>{@code
 * MigPlan baseline = new FirstFitPlanner(planner).plan(fleet, demands);
 * }</pre>
 */
public final class FirstFitPlanner {
    private final MigPlanner planner;

    /**
     * Creates the baseline planner.
     *
     * @param planner supplies the catalog, layout spaces and plan building
     */
    public FirstFitPlanner(MigPlanner planner) {
        this.planner = planner;
    }

    /**
     * Plans by first fit.
     *
     * @param fleet   the fleet
     * @param demands the demands
     * @return the plan
     */
    public MigPlan plan(Fleet fleet, List<Demand> demands) {
        // remaining demand per (scope, profile) after what exists now: group first, then fleet
        Map<String, Map<String, Integer>> rem = new LinkedHashMap<>();
        for (Demand d : demands) {
            rem.computeIfAbsent(d.group(), k -> new LinkedHashMap<>()).merge(d.profile(), Math.max(0, d.count()), Integer::sum);
        }
        for (Fleet.Node n : fleet.nodes()) {
            for (Fleet.Gpu g : n.gpus()) {
                for (Fleet.Instance oi : g.instances()) {
                    take(rem, n.group(), oi.profile());
                }
            }
        }
        List<List<List<MigPlan.Instance>>> targets = new ArrayList<>();
        for (Fleet.Node n : fleet.nodes()) {
            List<List<MigPlan.Instance>> nodeTargets = new ArrayList<>();
            for (Fleet.Gpu g : n.gpus()) {
                GpuModel model = planner.space(g.model()).model();
                List<MigPlan.Instance> layout = new ArrayList<>(g.instances().stream().map(Fleet.Instance::placed).toList());
                for (String scope : scopes(n.group())) {
                    Map<String, Integer> r = rem.get(scope);
                    if (r == null) {
                        continue;
                    }
                    for (Map.Entry<String, Integer> e : r.entrySet()) {
                        MigProfile p = model.profile(e.getKey()).orElse(null);
                        while (p != null && e.getValue() > 0) {
                            int start = lowestStart(model, layout, p);
                            if (start < 0) {
                                break;
                            }
                            layout.add(new MigPlan.Instance(p.name(), start));
                            e.setValue(e.getValue() - 1);
                        }
                    }
                }
                nodeTargets.add(layout);
            }
            targets.add(nodeTargets);
        }
        return planner.planOf(fleet, demands, targets, "first-fit");
    }

    private static void take(Map<String, Map<String, Integer>> rem, String group, String profile) {
        for (String scope : scopes(group)) {
            Map<String, Integer> r = rem.get(scope);
            if (r != null && r.getOrDefault(profile, 0) > 0) {
                r.merge(profile, -1, Integer::sum);
                return;
            }
        }
    }

    private static List<String> scopes(String group) {
        return group.isEmpty() ? List.of("") : List.of(group, "");
    }

    /**
     * The start the driver would pick: the lowest allowed start that keeps the layout valid.
     *
     * @param model  the model
     * @param layout instances so far
     * @param p      the profile to add
     * @return the start, or -1 when it does not fit
     */
    static int lowestStart(GpuModel model, List<MigPlan.Instance> layout, MigProfile p) {
        int mask = 0;
        int compute = 0;
        int same = 0;
        for (MigPlan.Instance pi : layout) {
            MigProfile q = model.profile(pi.profile()).orElseThrow();
            mask |= q.mask(pi.start());
            compute += q.computeSlices();
            if (q.name().equals(p.name())) {
                same++;
            }
        }
        if (same >= p.maxInstances() || compute + p.computeSlices() > model.computeSlices()) {
            return -1;
        }
        for (int s : p.starts()) {
            if (s + p.size() <= model.memorySlices() && (mask & p.mask(s)) == 0) {
                return s;
            }
        }
        return -1;
    }
}
