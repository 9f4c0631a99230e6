package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet and the demand in index form: every GPU with its options, the demanded profiles, and the
 * demand per (group, profile) and fleet-wide per profile. A demand "account" is one such cell: group
 * accounts are numbered {@code group * profiles + profile}, fleet-wide ones follow them.
 */
final class PlanningProblem {
    private final Fleet fleet;
    private final List<PlannedGpu> gpus = new ArrayList<>();
    private final List<String> demandedProfiles = new ArrayList<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final Map<String, Integer> classes = new HashMap<>();
    private final int[][] groupDemand;
    private final int[] fleetDemand;

    /**
     * Validates and indexes a fleet and its demand.
     *
     * @param planner supplies the catalog and the layout spaces
     * @param fleet   the fleet
     * @param demands the demands
     * @throws GpuException {@code INVALID} naming every unknown model, invalid current layout and negative count
     */
    PlanningProblem(MigPlanner planner, Fleet fleet, List<Demand> demands) {
        this.fleet = fleet;
        MigCatalog catalog = planner.catalog();
        // GPUs of one model with the same current layout and busy instances share their options; with
        // the same group they form a class whose members are interchangeable to the search
        Map<String, PlannedGpu> optionsBySituation = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> profileIndex = new LinkedHashMap<>();
        for (Demand d : demands) {
            if (d.count() < 0) {
                problems.add("demand " + d.profile() + ": count " + d.count() + " is negative");
            }
            profileIndex.computeIfAbsent(d.profile(), k -> profileIndex.size());
            if (!d.isFleetWide()) {
                groupIndex.computeIfAbsent(d.group(), k -> groupIndex.size());
            }
        }
        for (Fleet.Node n : fleet.nodes()) {
            groupIndex.computeIfAbsent(n.group(), k -> groupIndex.size());
        }
        demandedProfiles.addAll(profileIndex.keySet());
        int profiles = demandedProfiles.size();
        groupDemand = new int[groupIndex.size()][profiles];
        fleetDemand = new int[profiles];
        for (Demand d : demands) {
            int p = profileIndex.get(d.profile());
            if (d.isFleetWide()) {
                fleetDemand[p] += Math.max(0, d.count());
            } else {
                groupDemand[groupIndex.get(d.group())][p] += Math.max(0, d.count());
            }
        }
        for (int ni = 0; ni < fleet.nodes().size(); ni++) {
            Fleet.Node n = fleet.nodes().get(ni);
            for (int gi = 0; gi < n.gpus().size(); gi++) {
                Fleet.Gpu observed = n.gpus().get(gi);
                PlannedGpu g = new PlannedGpu();
                g.node = ni;
                g.slot = gi;
                g.group = groupIndex.get(n.group());
                g.gpu = observed;
                String at = "nodes[" + ni + "].gpus[" + gi + "]";
                if (catalog.model(observed.model()).isEmpty()) {
                    problems.add(at + ".model: " + catalog.unknown(observed.model()));
                    continue;
                }
                g.space = planner.space(observed.model());
                String modelKey = g.space.model().key();
                List<MigPlan.Instance> current = observed.instances().stream().map(Fleet.Instance::placed).toList();
                g.current = g.space.indexOf(current);
                if (g.current < 0) {
                    problems.add(at + ".instances: the current layout " + current + " of " + n.name() + " GPU "
                            + observed.index() + " is not valid for " + modelKey + ": "
                            + new LayoutValidator(g.space).validate(current));
                    continue;
                }
                List<MigProfile> modelProfiles = g.space.model().profiles();
                g.demandIndex = new int[modelProfiles.size()];
                for (int j = 0; j < modelProfiles.size(); j++) {
                    Integer p = profileIndex.get(modelProfiles.get(j).name());
                    g.demandIndex[j] = p == null ? -1 : p;
                }
                StringBuilder situation = new StringBuilder(modelKey).append('/').append(g.current);
                observed.instances().stream().filter(Fleet.Instance::busy).map(Fleet.Instance::placed).sorted()
                        .forEach(pi -> situation.append('/').append(pi.profile()).append('@').append(pi.start()));
                PlannedGpu same = optionsBySituation.get(situation.toString());
                if (same == null) {
                    g.options = GpuOptions.of(g, profiles);
                    optionsBySituation.put(situation.toString(), g);
                } else {
                    g.options = same.options;
                }
                g.interchangeClass = classes.computeIfAbsent(situation.append('#').append(g.group).toString(),
                        k -> classes.size());
                gpus.add(g);
            }
        }
        if (!problems.isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "invalid fleet or demand", Problems.of(problems), null);
        }
    }

    /** @return the fleet */
    Fleet fleet() {
        return fleet;
    }

    /** @return every GPU, in fleet order */
    List<PlannedGpu> gpus() {
        return gpus;
    }

    /** @return the demanded profile names, in the order first demanded */
    List<String> demandedProfiles() {
        return demandedProfiles;
    }

    /** @return the number of demanded profiles */
    int profileCount() {
        return demandedProfiles.size();
    }

    /** @return the number of node groups (every group a node or a demand names) */
    int groupCount() {
        return groupDemand.length;
    }

    /** @return the number of classes of interchangeable GPUs */
    int classCount() {
        return classes.size();
    }

    /** @return per group, per demanded profile, the instances demanded */
    int[][] groupDemand() {
        return groupDemand;
    }

    /** @return per demanded profile, the instances demanded fleet-wide */
    int[] fleetDemand() {
        return fleetDemand;
    }

    /**
     * The score of one GPU's choice: demand met dominates, then untouched, then free space; sums stay
     * ordered for fleets up to 2^20 GPUs.
     *
     * @param gain    demanded instances the choice supplies
     * @param touched whether it changes the GPU
     * @param free    the layout's free-space score
     * @return the packed score
     */
    static long score(int gain, boolean touched, int free) {
        return ((long) gain << 40) - ((touched ? 1L : 0L) << 20) + free;
    }

    /**
     * The instances of the demand that given supplies satisfy: each group's own demand first, then the
     * fleet-wide demand from every group's excess.
     *
     * @param supply per group, per demanded profile, the instances supplied
     * @return per demanded profile, the instances of demand satisfied
     */
    long[] satisfied(long[][] supply) {
        long[] out = new long[fleetDemand.length];
        for (int p = 0; p < fleetDemand.length; p++) {
            long excess = 0;
            for (int q = 0; q < groupDemand.length; q++) {
                out[p] += Math.min(groupDemand[q][p], supply[q][p]);
                excess += Math.max(0, supply[q][p] - groupDemand[q][p]);
            }
            out[p] += Math.min(fleetDemand[p], excess);
        }
        return out;
    }
}
