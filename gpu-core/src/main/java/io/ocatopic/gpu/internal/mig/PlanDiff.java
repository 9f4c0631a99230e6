package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a choice of layouts into the plan: per GPU its current and target instances, per node the
 * ordered diff (enable MIG, destroy what the target lacks, then create what it adds, largest first), and
 * how much of the demand the targets satisfy.
 */
final class PlanDiff {
    private PlanDiff() {
    }

    /**
     * Builds the plan.
     *
     * @param problem the problem
     * @param layouts per GPU (in {@link PlanningProblem#gpus()} order), the chosen layout index in its space
     * @param method  how the layouts were found
     * @return the plan
     */
    static MigPlan toPlan(PlanningProblem problem, int[] layouts, String method) {
        int profiles = problem.profileCount();
        Fleet fleet = problem.fleet();
        long[][] supply = new long[problem.groupCount()][profiles];
        List<List<MigPlan.Gpu>> gpusPerNode = new ArrayList<>();
        List<List<MigPlan.Action>> actionsPerNode = new ArrayList<>();
        for (int ni = 0; ni < fleet.nodes().size(); ni++) {
            gpusPerNode.add(new ArrayList<>());
            actionsPerNode.add(new ArrayList<>());
        }
        int touchedGpus = 0;
        for (int i = 0; i < problem.gpus().size(); i++) {
            PlannedGpu g = problem.gpus().get(i);
            int[] counts = g.space.counts(layouts[i]);
            for (int j = 0; j < counts.length; j++) {
                if (g.demandIndex[j] >= 0) {
                    supply[g.group][g.demandIndex[j]] += counts[j];
                }
            }
            List<MigPlan.Instance> current = g.gpu.instances().stream().map(Fleet.Instance::placed).sorted().toList();
            List<MigPlan.Instance> target = g.space.instances(layouts[i]).stream().sorted().toList();
            boolean enable = !g.gpu.migEnabled() && !target.isEmpty();
            boolean touched = !current.equals(target) || enable;
            if (touched) {
                touchedGpus++;
            }
            int index = g.gpu.index();
            gpusPerNode.get(g.node).add(new MigPlan.Gpu(index, g.space.model().key(), current, target, touched));
            List<MigPlan.Action> actions = actionsPerNode.get(g.node);
            if (enable) {
                actions.add(new MigPlan.Action.EnableMig(index));
            }
            for (MigPlan.Instance pi : current) {
                if (!target.contains(pi)) {
                    actions.add(new MigPlan.Action.Destroy(index, pi));
                }
            }
            GpuModel model = g.space.model();
            target.stream().filter(pi -> !current.contains(pi))
                    .sorted((a, b) -> {
                        int sa = model.profile(a.profile()).orElseThrow().size();
                        int sb = model.profile(b.profile()).orElseThrow().size();
                        return sa != sb ? Integer.compare(sb, sa) : a.compareTo(b);
                    })
                    .forEach(pi -> actions.add(new MigPlan.Action.Create(index, pi)));
        }
        long[] satisfiedPerProfile = problem.satisfied(supply);
        Map<String, Integer> demanded = new TreeMap<>();
        Map<String, Integer> satisfied = new TreeMap<>();
        for (int p = 0; p < profiles; p++) {
            long demand = problem.fleetDemand()[p];
            for (int[] group : problem.groupDemand()) {
                demand += group[p];
            }
            demanded.put(problem.demandedProfiles().get(p), (int) demand);
            satisfied.put(problem.demandedProfiles().get(p), (int) satisfiedPerProfile[p]);
        }
        List<MigPlan.Node> nodes = new ArrayList<>();
        for (int ni = 0; ni < fleet.nodes().size(); ni++) {
            nodes.add(new MigPlan.Node(fleet.nodes().get(ni).name(), gpusPerNode.get(ni), actionsPerNode.get(ni)));
        }
        return new MigPlan(nodes, demanded, satisfied, touchedGpus, method);
    }
}
