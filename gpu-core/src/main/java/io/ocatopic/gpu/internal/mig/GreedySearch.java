package io.ocatopic.gpu.internal.mig;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The planner's own fleet search (no first-fit anywhere in it).
 * <ol>
 * <li>Order: GPUs whose current layout already supplies demand first (so they are kept), then GPUs
 * that can serve the scarcest demand (demand divided by the most instances its eligible GPUs could
 * supply), so a group's GPUs serve that group and single-source profiles are not crowded out.</li>
 * <li>Priced greedy rounds: in that order every GPU takes its exact best layout for the residual
 * demand, each supplied instance worth its account's price. After a round every account left short
 * gets dearer, so the next round steers the GPUs able to serve it there (one 7g instance ends up
 * worth more than seven 1g ones when 7g is what runs short). The best round by the true objective
 * is kept; rounds stop when nothing is short or nothing improved for a while.</li>
 * <li>Local improvement: each GPU in turn switches to its best layout given all the others, on the
 * true objective (more demand met, then untouched, then less fragmented free space), until a pass
 * changes nothing.</li>
 * </ol>
 * Busy instances never move: every option of a GPU already contains them. Demand accounts are numbered
 * as in {@link PlanningProblem}.
 */
final class GreedySearch {
    /** Priced greedy rounds at most, and rounds without improvement before stopping. */
    private static final int PRICE_ROUNDS = 40;
    private static final int STALE_ROUNDS = 8;
    /** Price factor for an account left short after a round. */
    private static final double PRICE_STEP = 1.5;
    /** Coordinate-ascent passes at most. */
    private static final int IMPROVE_PASSES = 6;
    private static final double EPS = 1e-9;

    private final PlanningProblem problem;
    private final int profiles;
    private final int groups;
    private final int[][] groupDemand;
    private final int[] fleetDemand;

    /**
     * Prepares a search.
     *
     * @param problem the problem
     */
    GreedySearch(PlanningProblem problem) {
        this.problem = problem;
        this.profiles = problem.profileCount();
        this.groups = problem.groupCount();
        this.groupDemand = problem.groupDemand();
        this.fleetDemand = problem.fleetDemand();
    }

    private PlannedGpu gpu(int i) {
        return problem.gpus().get(i);
    }

    /**
     * Runs the search.
     *
     * @return per GPU, the chosen layout index in its space
     */
    int[] run() {
        int n = problem.gpus().size();
        int accounts = (groups + 1) * profiles;
        boolean[] servable = new boolean[accounts];
        double[] scarcity = new double[n];
        boolean[] alreadyUseful = new boolean[n];
        int[] order = scarcityOrder(servable, scarcity, alreadyUseful);
        double[] price = new double[accounts];
        Arrays.fill(price, 1.0);
        int[] chosen = new int[n];
        int[] remaining = new int[accounts];
        int[] best = null;
        long[] bestScore = null;
        int stale = 0;
        for (int round = 0; round < PRICE_ROUNDS && stale < STALE_ROUNDS; round++) {
            boolean allMet = false;
            boolean improved = false;
            boolean[] shortNow = new boolean[accounts];
            for (int variant = 0; variant < 2; variant++) {
                // variant 0 keeps every GPU whose current layout supplies demand; 1 lets it re-choose
                pricedRound(order, scarcity, alreadyUseful, variant == 0, price, chosen, remaining);
                long[] score = objective(chosen);
                if (best == null || compare(score, bestScore) > 0) {
                    best = chosen.clone();
                    bestScore = score;
                    improved = true;
                }
                boolean met = true;
                for (int a = 0; a < accounts; a++) {
                    if (remaining[a] > 0 && servable[a]) {
                        shortNow[a] = true;
                        met = false;
                    }
                }
                allMet |= met;
            }
            stale = improved ? 0 : stale + 1;
            if (allMet) {
                break;
            }
            for (int a = 0; a < accounts; a++) {
                if (shortNow[a]) {
                    price[a] *= PRICE_STEP;
                }
            }
        }
        improve(best);
        int[] layouts = new int[n];
        for (int i = 0; i < n; i++) {
            layouts[i] = gpu(i).options.layouts[best[i]];
        }
        return layouts;
    }

    /**
     * GPUs whose current layout supplies demand first, then by the scarcest demand each can serve
     * (demand over the most instances all GPUs eligible for that account could supply), then fleet order.
     * Also fills which accounts any GPU can serve at all.
     */
    private int[] scarcityOrder(boolean[] servable, double[] scarcity, boolean[] alreadyUseful) {
        int n = problem.gpus().size();
        long[][] groupCapacity = new long[groups][profiles];
        long[] fleetCapacity = new long[profiles];
        int[][] mostSupply = new int[n][profiles];
        for (int i = 0; i < n; i++) {
            PlannedGpu g = gpu(i);
            for (int[] supply : g.options.supplies) {
                for (int p = 0; p < profiles; p++) {
                    mostSupply[i][p] = Math.max(mostSupply[i][p], supply[p]);
                }
            }
            for (int p = 0; p < profiles; p++) {
                groupCapacity[g.group][p] += mostSupply[i][p];
                fleetCapacity[p] += mostSupply[i][p];
            }
        }
        for (int p = 0; p < profiles; p++) {
            for (int q = 0; q < groups; q++) {
                servable[q * profiles + p] = groupCapacity[q][p] > 0;
            }
            servable[groups * profiles + p] = fleetCapacity[p] > 0;
        }
        for (int i = 0; i < n; i++) {
            PlannedGpu g = gpu(i);
            int[] current = g.options.supplies[g.options.unchanged()];
            for (int p = 0; p < profiles; p++) {
                if (mostSupply[i][p] == 0) {
                    continue;
                }
                int demand = groupDemand[g.group][p];
                if (current[p] > 0 && (demand > 0 || fleetDemand[p] > 0)) {
                    alreadyUseful[i] = true;
                }
                if (demand > 0) {
                    scarcity[i] = Math.max(scarcity[i], (double) demand / groupCapacity[g.group][p]);
                }
                if (fleetDemand[p] > 0) {
                    scarcity[i] = Math.max(scarcity[i], (double) fleetDemand[p] / fleetCapacity[p]);
                }
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> alreadyUseful[a] != alreadyUseful[b] ? (alreadyUseful[a] ? -1 : 1)
                : scarcity[a] != scarcity[b] ? Double.compare(scarcity[b], scarcity[a]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        return order;
    }

    /**
     * One round at these prices. GPUs whose current layout already supplies demand go first, in order:
     * with {@code keepCurrent} each keeps its layout, otherwise each takes its best layout for the
     * residual demand. Then, like greedy set cover, the GPU offering the most priced value for what is
     * still short takes its best layout, again and again (lazy evaluation: a GPU's value only falls as
     * demand is met); GPUs left offer nothing and stay as they are. Filling the most demand per GPU first
     * keeps the number of GPUs touched low.
     */
    private void pricedRound(int[] order, double[] scarcity, boolean[] alreadyUseful, boolean keepCurrent,
                             double[] price, int[] chosen, int[] remaining) {
        for (int q = 0; q < groups; q++) {
            System.arraycopy(groupDemand[q], 0, remaining, q * profiles, profiles);
        }
        System.arraycopy(fleetDemand, 0, remaining, groups * profiles, profiles);
        int[] pick = new int[1];
        // one queue entry per class of interchangeable GPUs: {value, scarcity, next member, class}
        int classes = problem.classCount();
        int[][] members = new int[classes][];
        int[] size = new int[classes];
        for (int i : order) {
            if (!alreadyUseful[i]) {
                size[gpu(i).interchangeClass]++;
            }
        }
        for (int c = 0; c < classes; c++) {
            members[c] = new int[size[c]];
            size[c] = 0;
        }
        for (int i : order) {
            PlannedGpu g = gpu(i);
            chosen[i] = g.options.unchanged();
            if (alreadyUseful[i]) {
                if (!keepCurrent) {
                    bestPriced(g, price, remaining, pick);
                }
                take(i, keepCurrent ? chosen[i] : pick[0], chosen, remaining);
            } else {
                members[g.interchangeClass][size[g.interchangeClass]++] = i;
            }
        }
        int[] next = new int[classes];
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0]
                ? Double.compare(y[0], x[0]) : x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[2], y[2]));
        for (int c = 0; c < classes; c++) {
            if (size[c] > 0) {
                int first = members[c][0];
                double value = bestPriced(gpu(first), price, remaining, pick);
                if (value > EPS) {
                    queue.add(new double[] {value, scarcity[first], first, c});
                }
            }
        }
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int c = (int) top[3];
            int i = members[c][next[c]];
            double value = bestPriced(gpu(i), price, remaining, pick);
            if (value <= EPS) {
                continue;
            }
            if (!queue.isEmpty() && value < queue.peek()[0] - EPS) {
                top[0] = value;
                queue.add(top);
                continue;
            }
            take(i, pick[0], chosen, remaining);
            if (++next[c] < size[c]) {
                top[0] = value;
                top[2] = members[c][next[c]];
                queue.add(top);
            }
        }
    }

    /** GPU {@code i} takes an option: what it supplies comes off its group's accounts, then fleet-wide. */
    private void take(int i, int option, int[] chosen, int[] remaining) {
        PlannedGpu g = gpu(i);
        int groupBase = g.group * profiles;
        int fleetBase = groups * profiles;
        chosen[i] = option;
        int[] supply = g.options.supplies[option];
        for (int p = 0; p < profiles; p++) {
            int taken = Math.min(supply[p], remaining[groupBase + p]);
            remaining[groupBase + p] -= taken;
            remaining[fleetBase + p] -= Math.min(supply[p] - taken, remaining[fleetBase + p]);
        }
    }

    /** The best option of a GPU at these prices for the residual demand; ties: untouched, then free space. */
    private double bestPriced(PlannedGpu g, double[] price, int[] remaining, int[] pick) {
        int groupBase = g.group * profiles;
        int fleetBase = groups * profiles;
        int best = -1;
        double bestValue = 0;
        boolean bestTouched = true;
        int bestFree = 0;
        for (int o = 0; o < g.options.size(); o++) {
            int[] supply = g.options.supplies[o];
            double value = 0;
            for (int p = 0; p < profiles; p++) {
                int s = supply[p];
                if (s == 0) {
                    continue;
                }
                int taken = Math.min(s, remaining[groupBase + p]);
                value += price[groupBase + p] * taken;
                if (s > taken) {
                    value += price[fleetBase + p] * Math.min(s - taken, remaining[fleetBase + p]);
                }
            }
            boolean touched = g.options.touched[o];
            int free = g.space.freeScore(g.options.layouts[o]);
            if (best < 0 || value > bestValue + EPS
                    || (value > bestValue - EPS && (touched != bestTouched ? !touched : free > bestFree))) {
                best = o;
                bestValue = value;
                bestTouched = touched;
                bestFree = free;
            }
        }
        pick[0] = best;
        return bestValue;
    }

    /** The true objective of a choice of options: satisfied, minus touched GPUs, free-space score. */
    private long[] objective(int[] chosen) {
        long[][] supply = new long[groups][profiles];
        long touched = 0;
        long free = 0;
        for (int i = 0; i < chosen.length; i++) {
            PlannedGpu g = gpu(i);
            add(supply[g.group], g.options.supplies[chosen[i]]);
            touched += g.options.touched[chosen[i]] ? 1 : 0;
            free += g.space.freeScore(g.options.layouts[chosen[i]]);
        }
        long satisfied = 0;
        for (long s : problem.satisfied(supply)) {
            satisfied += s;
        }
        return new long[] {satisfied, -touched, free};
    }

    private static int compare(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] != b[k]) {
                return Long.compare(a[k], b[k]);
            }
        }
        return 0;
    }

    /** Coordinate ascent on the true objective until a pass changes nothing (bounded passes). */
    private void improve(int[] chosen) {
        long[][] supply = new long[groups][profiles];
        for (int i = 0; i < chosen.length; i++) {
            PlannedGpu g = gpu(i);
            add(supply[g.group], g.options.supplies[chosen[i]]);
        }
        // per profile, what the groups supply beyond their own demand (it serves the fleet-wide demand)
        long[] excess = new long[profiles];
        for (int p = 0; p < profiles; p++) {
            for (int q = 0; q < groups; q++) {
                excess[p] += Math.max(0, supply[q][p] - groupDemand[q][p]);
            }
        }
        for (int pass = 0; pass < IMPROVE_PASSES; pass++) {
            boolean changed = false;
            for (int i = 0; i < chosen.length; i++) {
                PlannedGpu g = gpu(i);
                long[] groupSupply = supply[g.group];
                int[] demand = groupDemand[g.group];
                int[] mine = g.options.supplies[chosen[i]];
                for (int p = 0; p < profiles; p++) {
                    if (mine[p] != 0) {
                        excess[p] -= Math.max(0, groupSupply[p] - demand[p]);
                        groupSupply[p] -= mine[p];
                        excess[p] += Math.max(0, groupSupply[p] - demand[p]);
                    }
                }
                int best = chosen[i];
                long bestScore = Long.MIN_VALUE;
                for (int o = 0; o < g.options.size(); o++) {
                    int[] offer = g.options.supplies[o];
                    long gain = 0;
                    for (int p = 0; p < profiles; p++) {
                        if (offer[p] == 0) {
                            continue;
                        }
                        long before = Math.min(demand[p], groupSupply[p]) + Math.min(fleetDemand[p], excess[p]);
                        long withOffer = groupSupply[p] + offer[p];
                        long excessWith = excess[p] - Math.max(0, groupSupply[p] - demand[p])
                                + Math.max(0, withOffer - demand[p]);
                        gain += Math.min(demand[p], withOffer) + Math.min(fleetDemand[p], excessWith) - before;
                    }
                    long score = PlanningProblem.score((int) gain, g.options.touched[o],
                            g.space.freeScore(g.options.layouts[o]));
                    if (score > bestScore) {
                        bestScore = score;
                        best = o;
                    }
                }
                if (best != chosen[i]) {
                    changed = true;
                    chosen[i] = best;
                }
                int[] taken = g.options.supplies[best];
                for (int p = 0; p < profiles; p++) {
                    if (taken[p] != 0) {
                        excess[p] -= Math.max(0, groupSupply[p] - demand[p]);
                        groupSupply[p] += taken[p];
                        excess[p] += Math.max(0, groupSupply[p] - demand[p]);
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
    }

    private static void add(long[] total, int[] supply) {
        for (int p = 0; p < supply.length; p++) {
            total[p] += supply[p];
        }
    }
}
