package io.ocatopic.gpu.mig;

import io.ocatopic.gpu.GpuException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Chooses per-GPU MIG layouts with explicit placements across a fleet. Objective, in order: most
 * demanded instances supplied, fewest GPUs touched, most usable free space per GPU. Busy instances are
 * never moved or destroyed. Per GPU the choice is exact (every valid layout of the model is enumerated
 * by {@link LayoutSpace}). Across the fleet a dynamic programme over remaining demand is exact when its
 * state space is small. Otherwise the planner's own fleet search runs: GPUs ordered scarcest demand
 * first, rounds of a priced greedy (like greedy set cover: the GPU whose best layout meets the most
 * residual demand goes next, each instance worth its account's price, and accounts left short get
 * dearer for the next round), then coordinate ascent (a GPU switches layout when that meets more demand,
 * touches fewer GPUs or leaves less fragmented free space). GPUs with the same model, current layout,
 * busy instances and group are handled as one class, so 10,000 GPUs plan in well under a second. In
 * {@link Mode#AUTO} driver-style first-fit is computed as well and returned only if strictly better (a
 * guard: on the benchmark fleets and random fleets the own search is never worse than first-fit).
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

    private static final long EXACT_CELL_LIMIT = 3_000_000L;
    /** Priced greedy rounds at most, and rounds without improvement before stopping. */
    private static final int PRICE_ROUNDS = 40;
    private static final int STALE_ROUNDS = 8;
    /** Price factor for an account left short after a round. */
    private static final double PRICE_STEP = 1.5;
    /** Coordinate-ascent passes at most. */
    private static final int IMPROVE_PASSES = 6;
    private static final double EPS = 1e-9;

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
        Problem pr = new Problem(fleet, demands);
        int[] choice;
        String method;
        boolean exactFits = pr.exactCells() <= EXACT_CELL_LIMIT;
        if (mode == Mode.EXACT || (mode == Mode.AUTO && exactFits)) {
            if (!exactFits) {
                throw new GpuException(GpuException.Reason.INVALID, "fleet too large for the exact search");
            }
            choice = pr.exact();
            method = "exact";
        } else {
            choice = pr.search();
            method = "greedy";
        }
        MigPlan plan = pr.toPlan(choice, method);
        if (mode == Mode.AUTO) {
            MigPlan ff = new FirstFitPlanner(this).plan(fleet, demands);
            if (ff.satisfiedTotal() > plan.satisfiedTotal()
                    || (ff.satisfiedTotal() == plan.satisfiedTotal() && ff.touchedGpus() < plan.touchedGpus())) {
                return ff;
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
    public MigPlan planOf(Fleet fleet, List<Demand> demands, List<List<List<PlacedInstance>>> targets, String method) {
        Problem pr = new Problem(fleet, demands);
        int[] choice = new int[pr.gpus.size()];
        for (int i = 0; i < pr.gpus.size(); i++) {
            G g = pr.gpus.get(i);
            List<PlacedInstance> t = targets.get(g.node).get(g.gpuPos);
            int idx = g.space.indexOf(t);
            if (idx < 0) {
                throw new GpuException(GpuException.Reason.INVALID, "invalid target layout " + t);
            }
            choice[i] = idx;
        }
        return pr.toPlan(choice, method);
    }

    /** One GPU in planning form. */
    private static final class G {
        int node;
        int gpuPos;
        int group;
        int cls;
        FleetGpu gpu;
        LayoutSpace space;
        int current;
        int[] pnOfProfile;
        int[] optLayout;
        int[][] optSupply;
        boolean[] optTouched;
    }

    /** The fleet and demand in index form. */
    private final class Problem {
        final Fleet fleet;
        final List<G> gpus = new ArrayList<>();
        final List<String> pnNames = new ArrayList<>();
        final Map<String, Integer> groupIdx = new HashMap<>();
        final Map<String, Integer> classes = new HashMap<>();
        int[][] dGroup;
        int[] dFleet;

        Problem(Fleet fleet, List<Demand> demands) {
            this.fleet = fleet;
            // GPUs of one model with the same current layout and busy instances share their options; with
            // the same group they form a class whose members are interchangeable to the search
            Map<String, G> optionCache = new HashMap<>();
            List<String> problems = new ArrayList<>();
            Map<String, Integer> pnIdx = new LinkedHashMap<>();
            for (Demand d : demands) {
                if (d.count() < 0) {
                    problems.add("demand " + d.profile() + ": count " + d.count() + " is negative");
                }
                pnIdx.computeIfAbsent(d.profile(), k -> pnIdx.size());
                if (!d.isFleetWide()) {
                    groupIdx.computeIfAbsent(d.group(), k -> groupIdx.size());
                }
            }
            for (FleetNode n : fleet.nodes()) {
                groupIdx.computeIfAbsent(n.group(), k -> groupIdx.size());
            }
            pnNames.addAll(pnIdx.keySet());
            int np = pnNames.size();
            dGroup = new int[groupIdx.size()][np];
            dFleet = new int[np];
            for (Demand d : demands) {
                int p = pnIdx.get(d.profile());
                if (d.isFleetWide()) {
                    dFleet[p] += Math.max(0, d.count());
                } else {
                    dGroup[groupIdx.get(d.group())][p] += Math.max(0, d.count());
                }
            }
            for (int ni = 0; ni < fleet.nodes().size(); ni++) {
                FleetNode n = fleet.nodes().get(ni);
                for (int gi = 0; gi < n.gpus().size(); gi++) {
                    FleetGpu fg = n.gpus().get(gi);
                    G g = new G();
                    g.node = ni;
                    g.gpuPos = gi;
                    g.group = groupIdx.get(n.group());
                    g.gpu = fg;
                    String at = "nodes[" + ni + "].gpus[" + gi + "]";
                    if (catalog.model(fg.model()).isEmpty()) {
                        problems.add(at + ".model: " + catalog.unknown(fg.model()));
                        continue;
                    }
                    g.space = space(fg.model());
                    String key0 = g.space.model().key();
                    List<PlacedInstance> cur = fg.instances().stream().map(ObservedInstance::placed).toList();
                    g.current = g.space.indexOf(cur);
                    if (g.current < 0) {
                        problems.add(at + ".instances: the current layout " + cur + " of " + n.name() + " GPU "
                                + fg.index() + " is not valid for " + key0 + ": "
                                + new LayoutValidator(g.space).validate(cur));
                        continue;
                    }
                    List<MigProfile> profs = g.space.model().profiles();
                    g.pnOfProfile = new int[profs.size()];
                    for (int j = 0; j < profs.size(); j++) {
                        Integer p = pnIdx.get(profs.get(j).name());
                        g.pnOfProfile[j] = p == null ? -1 : p;
                    }
                    StringBuilder key = new StringBuilder(key0).append('/').append(g.current);
                    fg.instances().stream().filter(ObservedInstance::busy).map(ObservedInstance::placed).sorted()
                            .forEach(pi -> key.append('/').append(pi.profile()).append('@').append(pi.start()));
                    G same = optionCache.get(key.toString());
                    if (same == null) {
                        options(g);
                        optionCache.put(key.toString(), g);
                    } else {
                        g.optLayout = same.optLayout;
                        g.optSupply = same.optSupply;
                        g.optTouched = same.optTouched;
                    }
                    g.cls = classes.computeIfAbsent(key.append('#').append(g.group).toString(), k -> classes.size());
                    gpus.add(g);
                }
            }
            if (!problems.isEmpty()) {
                throw new GpuException(GpuException.Reason.INVALID, "invalid fleet or demand", problems, null);
            }
        }

        /** Per distinct supply of demanded profiles, the best feasible layout for this GPU. */
        private void options(G g) {
            int np = pnNames.size();
            LayoutSpace s = g.space;
            List<int[]> busy = new ArrayList<>();
            for (ObservedInstance oi : g.gpu.instances()) {
                if (oi.busy()) {
                    busy.add(new int[] {s.profileIndex(oi.profile()), oi.start()});
                }
            }
            Map<String, Integer> best = new LinkedHashMap<>();
            List<Integer> layouts = new ArrayList<>();
            List<int[]> supplies = new ArrayList<>();
            List<Boolean> touched = new ArrayList<>();
            for (int[] group : s.countGroups()) {
                int pick = -1;
                for (int m : group) {
                    if (m == g.current) {
                        pick = m;
                        break;
                    }
                }
                if (pick < 0) {
                    for (int m : group) {
                        if (containsAll(s, m, busy)) {
                            pick = m;
                            break;
                        }
                    }
                }
                if (pick < 0) {
                    continue;
                }
                int[] sup = new int[np];
                int[] c = s.counts(pick);
                for (int j = 0; j < c.length; j++) {
                    if (g.pnOfProfile[j] >= 0) {
                        sup[g.pnOfProfile[j]] += c[j];
                    }
                }
                boolean t = pick != g.current;
                String key = Arrays.toString(sup);
                Integer prev = best.get(key);
                if (prev == null) {
                    best.put(key, layouts.size());
                    layouts.add(pick);
                    supplies.add(sup);
                    touched.add(t);
                } else if (better(t, s.freeScore(pick), touched.get(prev), s.freeScore(layouts.get(prev)))) {
                    layouts.set(prev, pick);
                    touched.set(prev, t);
                }
            }
            g.optLayout = layouts.stream().mapToInt(Integer::intValue).toArray();
            g.optSupply = supplies.toArray(new int[0][]);
            g.optTouched = new boolean[touched.size()];
            for (int i = 0; i < touched.size(); i++) {
                g.optTouched[i] = touched.get(i);
            }
        }

        private boolean better(boolean t, int free, boolean tPrev, int freePrev) {
            if (t != tPrev) {
                return !t;
            }
            return free > freePrev;
        }

        private boolean containsAll(LayoutSpace s, int layout, List<int[]> busy) {
            int[] pi = s.profileIdx(layout);
            int[] st = s.startIdx(layout);
            for (int[] b : busy) {
                boolean found = false;
                for (int j = 0; j < pi.length; j++) {
                    if (pi[j] == b[0] && st[j] == b[1]) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        // ---- exact: DP over remaining demand (group accounts first, then fleet-wide) ----------------
        long exactCells() {
            if (gpus.size() > 400) {
                return Long.MAX_VALUE;
            }
            long states = 1;
            for (int[] row : dGroup) {
                for (int d : row) {
                    states *= d + 1;
                    if (states > EXACT_CELL_LIMIT) {
                        return Long.MAX_VALUE;
                    }
                }
            }
            for (int d : dFleet) {
                states *= d + 1;
                if (states > EXACT_CELL_LIMIT) {
                    return Long.MAX_VALUE;
                }
            }
            long opts = 0;
            for (G g : gpus) {
                opts += g.optLayout.length;
            }
            return states * Math.max(1, opts) / 4;
        }

        int[] exact() {
            int np = pnNames.size();
            int ng = dGroup.length;
            int accounts = ng * np + np;
            int[] cap = new int[accounts];
            int[] radix = new int[accounts];
            int states = 1;
            for (int a = 0; a < accounts; a++) {
                cap[a] = a < ng * np ? dGroup[a / np][a % np] : dFleet[a - ng * np];
                radix[a] = states;
                states *= cap[a] + 1;
            }
            int start = 0;
            for (int a = 0; a < accounts; a++) {
                start += cap[a] * radix[a];
            }
            int n = gpus.size();
            long[] score = new long[states];
            Arrays.fill(score, Long.MIN_VALUE);
            score[start] = 0;
            int[][] backOpt = new int[n][];
            int[][] backState = new int[n][];
            int[] rem = new int[accounts];
            for (int i = 0; i < n; i++) {
                G g = gpus.get(i);
                long[] next = new long[states];
                Arrays.fill(next, Long.MIN_VALUE);
                int[] bo = new int[states];
                int[] bs = new int[states];
                for (int st = 0; st < states; st++) {
                    if (score[st] == Long.MIN_VALUE) {
                        continue;
                    }
                    for (int o = 0; o < g.optLayout.length; o++) {
                        decode(st, cap, radix, rem);
                        int gain = 0;
                        int[] sup = g.optSupply[o];
                        for (int p = 0; p < np; p++) {
                            int left = sup[p];
                            int ga = g.group * np + p;
                            int t = Math.min(left, rem[ga]);
                            rem[ga] -= t;
                            left -= t;
                            gain += t;
                            int fa = ng * np + p;
                            t = Math.min(left, rem[fa]);
                            rem[fa] -= t;
                            gain += t;
                        }
                        int ns = 0;
                        for (int a = 0; a < accounts; a++) {
                            ns += rem[a] * radix[a];
                        }
                        long sc = score[st] + pack(gain, g.optTouched[o], g.space.freeScore(g.optLayout[o]));
                        if (sc > next[ns]) {
                            next[ns] = sc;
                            bo[ns] = o;
                            bs[ns] = st;
                        }
                    }
                }
                score = next;
                backOpt[i] = bo;
                backState[i] = bs;
            }
            int bestState = 0;
            for (int st = 0; st < states; st++) {
                if (score[st] > score[bestState]) {
                    bestState = st;
                }
            }
            int[] choice = new int[n];
            int st = bestState;
            for (int i = n - 1; i >= 0; i--) {
                choice[i] = gpus.get(i).optLayout[backOpt[i][st]];
                st = backState[i][st];
            }
            return choice;
        }

        private void decode(int st, int[] cap, int[] radix, int[] rem) {
            for (int a = 0; a < cap.length; a++) {
                rem[a] = (st / radix[a]) % (cap[a] + 1);
            }
        }

        /** gain dominates, then untouched, then free space; sums stay ordered for fleets up to 2^20 GPUs. */
        private long pack(int gain, boolean touched, int free) {
            return ((long) gain << 40) - ((touched ? 1L : 0L) << 20) + free;
        }

        // ---- fleet search: scarcity order, priced greedy rounds, then local improvement ----------------

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
         * Busy instances never move: every option of a GPU already contains them.
         */
        int[] search() {
            int n = gpus.size();
            int np = pnNames.size();
            int ng = dGroup.length;
            int accounts = (ng + 1) * np;
            boolean[] servable = new boolean[accounts];
            double[] key = new double[n];
            boolean[] useful = new boolean[n];
            int[] order = scarcityOrder(servable, key, useful);
            double[] price = new double[accounts];
            Arrays.fill(price, 1.0);
            int[] chosen = new int[n];
            int[] rem = new int[accounts];
            int[] best = null;
            long[] bestScore = null;
            int stale = 0;
            for (int round = 0; round < PRICE_ROUNDS && stale < STALE_ROUNDS; round++) {
                boolean allMet = false;
                boolean improved = false;
                boolean[] shortNow = new boolean[accounts];
                for (int variant = 0; variant < 2; variant++) {
                    // variant 0 keeps every GPU whose current layout supplies demand; 1 lets it re-choose
                    pricedGreedy(order, key, useful, variant == 0, price, chosen, rem);
                    long[] sc = objective(chosen);
                    if (best == null || compare(sc, bestScore) > 0) {
                        best = chosen.clone();
                        bestScore = sc;
                        improved = true;
                    }
                    boolean met = true;
                    for (int a = 0; a < accounts; a++) {
                        if (rem[a] > 0 && servable[a]) {
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
            int[] choice = new int[n];
            for (int i = 0; i < n; i++) {
                choice[i] = gpus.get(i).optLayout[best[i]];
            }
            return choice;
        }

        /** Index of the option that leaves the GPU as it is. */
        private int currentOption(G g) {
            for (int o = 0; o < g.optLayout.length; o++) {
                if (!g.optTouched[o]) {
                    return o;
                }
            }
            return 0;
        }

        /**
         * GPUs whose current layout supplies demand first, then by the scarcest demand each can serve
         * (demand over the most instances all GPUs eligible for that account could supply), then fleet order.
         * Also fills which accounts any GPU can serve at all.
         */
        private int[] scarcityOrder(boolean[] servable, double[] key, boolean[] useful) {
            int n = gpus.size();
            int np = pnNames.size();
            int ng = dGroup.length;
            long[][] capG = new long[ng][np];
            long[] capF = new long[np];
            int[][] maxPer = new int[n][np];
            for (int i = 0; i < n; i++) {
                G g = gpus.get(i);
                for (int[] sup : g.optSupply) {
                    for (int p = 0; p < np; p++) {
                        maxPer[i][p] = Math.max(maxPer[i][p], sup[p]);
                    }
                }
                for (int p = 0; p < np; p++) {
                    capG[g.group][p] += maxPer[i][p];
                    capF[p] += maxPer[i][p];
                }
            }
            for (int p = 0; p < np; p++) {
                for (int q = 0; q < ng; q++) {
                    servable[q * np + p] = capG[q][p] > 0;
                }
                servable[ng * np + p] = capF[p] > 0;
            }
            for (int i = 0; i < n; i++) {
                G g = gpus.get(i);
                int[] cur = g.optSupply[currentOption(g)];
                for (int p = 0; p < np; p++) {
                    if (maxPer[i][p] == 0) {
                        continue;
                    }
                    int dg = dGroup[g.group][p];
                    if (cur[p] > 0 && (dg > 0 || dFleet[p] > 0)) {
                        useful[i] = true;
                    }
                    if (dg > 0) {
                        key[i] = Math.max(key[i], (double) dg / capG[g.group][p]);
                    }
                    if (dFleet[p] > 0) {
                        key[i] = Math.max(key[i], (double) dFleet[p] / capF[p]);
                    }
                }
            }
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> useful[a] != useful[b] ? (useful[a] ? -1 : 1)
                    : key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = idx[i];
            }
            return order;
        }

        /**
         * One round at these prices. GPUs whose current layout already supplies demand go first, in order:
         * with {@code keepCurrent} each keeps its layout, otherwise each takes its best layout for the
         * residual demand. Then, like greedy set cover, the GPU offering
         * the most priced value for what is still short takes its best layout, again and again (lazy
         * evaluation: a GPU's value only falls as demand is met); GPUs left offer nothing and stay as they
         * are. Filling the most demand per GPU first keeps the number of GPUs touched low.
         */
        private void pricedGreedy(int[] order, double[] key, boolean[] useful, boolean keepCurrent, double[] price,
                                  int[] chosen, int[] rem) {
            int np = pnNames.size();
            int ng = dGroup.length;
            for (int q = 0; q < ng; q++) {
                System.arraycopy(dGroup[q], 0, rem, q * np, np);
            }
            System.arraycopy(dFleet, 0, rem, ng * np, np);
            int[] pick = new int[1];
            // one queue entry per class of interchangeable GPUs: {value, scarcity key, next member, class}
            int nc = classes.size();
            int[][] members = new int[nc][];
            int[] size = new int[nc];
            for (int i : order) {
                if (!useful[i]) {
                    size[gpus.get(i).cls]++;
                }
            }
            for (int c = 0; c < nc; c++) {
                members[c] = new int[size[c]];
                size[c] = 0;
            }
            for (int i : order) {
                G g = gpus.get(i);
                chosen[i] = currentOption(g);
                if (useful[i]) {
                    if (!keepCurrent) {
                        bestPriced(g, price, rem, pick);
                    }
                    take(i, keepCurrent ? chosen[i] : pick[0], chosen, rem);
                } else {
                    members[g.cls][size[g.cls]++] = i;
                }
            }
            int[] next = new int[nc];
            PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0]
                    ? Double.compare(y[0], x[0]) : x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[2], y[2]));
            for (int c = 0; c < nc; c++) {
                if (size[c] > 0) {
                    int first = members[c][0];
                    double v = bestPriced(gpus.get(first), price, rem, pick);
                    if (v > EPS) {
                        queue.add(new double[] {v, key[first], first, c});
                    }
                }
            }
            while (!queue.isEmpty()) {
                double[] top = queue.poll();
                int c = (int) top[3];
                int i = members[c][next[c]];
                double v = bestPriced(gpus.get(i), price, rem, pick);
                if (v <= EPS) {
                    continue;
                }
                if (!queue.isEmpty() && v < queue.peek()[0] - EPS) {
                    top[0] = v;
                    queue.add(top);
                    continue;
                }
                take(i, pick[0], chosen, rem);
                if (++next[c] < size[c]) {
                    top[0] = v;
                    top[2] = members[c][next[c]];
                    queue.add(top);
                }
            }
        }

        private void take(int i, int option, int[] chosen, int[] rem) {
            int np = pnNames.size();
            G g = gpus.get(i);
            int base = g.group * np;
            int fleetBase = dGroup.length * np;
            chosen[i] = option;
            int[] sup = g.optSupply[option];
            for (int p = 0; p < np; p++) {
                int t = Math.min(sup[p], rem[base + p]);
                rem[base + p] -= t;
                rem[fleetBase + p] -= Math.min(sup[p] - t, rem[fleetBase + p]);
            }
        }

        /** The best option of a GPU at these prices for the residual demand; ties: untouched, then free space. */
        private double bestPriced(G g, double[] price, int[] rem, int[] pick) {
            int np = pnNames.size();
            int base = g.group * np;
            int fleetBase = dGroup.length * np;
            int best = -1;
            double bestValue = 0;
            boolean bestTouched = true;
            int bestFree = 0;
            for (int o = 0; o < g.optLayout.length; o++) {
                int[] sup = g.optSupply[o];
                double v = 0;
                for (int p = 0; p < np; p++) {
                    int s = sup[p];
                    if (s == 0) {
                        continue;
                    }
                    int t = Math.min(s, rem[base + p]);
                    v += price[base + p] * t;
                    if (s > t) {
                        v += price[fleetBase + p] * Math.min(s - t, rem[fleetBase + p]);
                    }
                }
                boolean t = g.optTouched[o];
                int free = g.space.freeScore(g.optLayout[o]);
                if (best < 0 || v > bestValue + EPS
                        || (v > bestValue - EPS && (t != bestTouched ? !t : free > bestFree))) {
                    best = o;
                    bestValue = v;
                    bestTouched = t;
                    bestFree = free;
                }
            }
            pick[0] = best;
            return bestValue;
        }

        /** The true objective of a choice of options: satisfied, minus touched GPUs, free-space score. */
        private long[] objective(int[] chosen) {
            int np = pnNames.size();
            int ng = dGroup.length;
            long[][] supply = new long[ng][np];
            long touched = 0;
            long free = 0;
            for (int i = 0; i < chosen.length; i++) {
                G g = gpus.get(i);
                add(supply[g.group], g.optSupply[chosen[i]], 1);
                touched += g.optTouched[chosen[i]] ? 1 : 0;
                free += g.space.freeScore(g.optLayout[chosen[i]]);
            }
            return new long[] {satisfied(supply), -touched, free};
        }

        private long satisfied(long[][] supply) {
            long sat = 0;
            for (int p = 0; p < dFleet.length; p++) {
                long excess = 0;
                for (int q = 0; q < dGroup.length; q++) {
                    sat += Math.min(dGroup[q][p], supply[q][p]);
                    excess += Math.max(0, supply[q][p] - dGroup[q][p]);
                }
                sat += Math.min(dFleet[p], excess);
            }
            return sat;
        }

        private int compare(long[] a, long[] b) {
            for (int k = 0; k < a.length; k++) {
                if (a[k] != b[k]) {
                    return Long.compare(a[k], b[k]);
                }
            }
            return 0;
        }

        /** Coordinate ascent on the true objective until a pass changes nothing (bounded passes). */
        private void improve(int[] chosen) {
            int np = pnNames.size();
            int ng = dGroup.length;
            long[][] supply = new long[ng][np];
            for (int i = 0; i < chosen.length; i++) {
                G g = gpus.get(i);
                add(supply[g.group], g.optSupply[chosen[i]], 1);
            }
            long[] excess = new long[np];
            for (int p = 0; p < np; p++) {
                for (int q = 0; q < ng; q++) {
                    excess[p] += Math.max(0, supply[q][p] - dGroup[q][p]);
                }
            }
            for (int pass = 0; pass < IMPROVE_PASSES; pass++) {
                boolean changed = false;
                for (int i = 0; i < chosen.length; i++) {
                    G g = gpus.get(i);
                    long[] s = supply[g.group];
                    int[] dg = dGroup[g.group];
                    int[] mine = g.optSupply[chosen[i]];
                    for (int p = 0; p < np; p++) {
                        if (mine[p] != 0) {
                            excess[p] -= Math.max(0, s[p] - dg[p]);
                            s[p] -= mine[p];
                            excess[p] += Math.max(0, s[p] - dg[p]);
                        }
                    }
                    int best = chosen[i];
                    long bestScore = Long.MIN_VALUE;
                    for (int o = 0; o < g.optLayout.length; o++) {
                        int[] sup = g.optSupply[o];
                        long gain = 0;
                        for (int p = 0; p < np; p++) {
                            if (sup[p] == 0) {
                                continue;
                            }
                            long before = Math.min(dg[p], s[p]) + Math.min(dFleet[p], excess[p]);
                            long sp = s[p] + sup[p];
                            long ex = excess[p] - Math.max(0, s[p] - dg[p]) + Math.max(0, sp - dg[p]);
                            gain += Math.min(dg[p], sp) + Math.min(dFleet[p], ex) - before;
                        }
                        long sc = pack((int) gain, g.optTouched[o], g.space.freeScore(g.optLayout[o]));
                        if (sc > bestScore) {
                            bestScore = sc;
                            best = o;
                        }
                    }
                    if (best != chosen[i]) {
                        changed = true;
                        chosen[i] = best;
                    }
                    int[] sup = g.optSupply[best];
                    for (int p = 0; p < np; p++) {
                        if (sup[p] != 0) {
                            excess[p] -= Math.max(0, s[p] - dg[p]);
                            s[p] += sup[p];
                            excess[p] += Math.max(0, s[p] - dg[p]);
                        }
                    }
                }
                if (!changed) {
                    break;
                }
            }
        }

        private void add(long[] s, int[] sup, int sign) {
            for (int p = 0; p < sup.length; p++) {
                s[p] += (long) sign * sup[p];
            }
        }

        // ---- result ----------------------------------------------------------------------------------
        MigPlan toPlan(int[] choice, String method) {
            int np = pnNames.size();
            int ng = dGroup.length;
            long[][] supply = new long[ng][np];
            List<List<GpuPlan>> perNode = new ArrayList<>();
            List<List<MigAction>> actions = new ArrayList<>();
            for (int ni = 0; ni < fleet.nodes().size(); ni++) {
                perNode.add(new ArrayList<>());
                actions.add(new ArrayList<>());
            }
            int touchedGpus = 0;
            for (int i = 0; i < gpus.size(); i++) {
                G g = gpus.get(i);
                int[] c = g.space.counts(choice[i]);
                for (int j = 0; j < c.length; j++) {
                    if (g.pnOfProfile[j] >= 0) {
                        supply[g.group][g.pnOfProfile[j]] += c[j];
                    }
                }
                List<PlacedInstance> cur = g.gpu.instances().stream().map(ObservedInstance::placed).sorted().toList();
                List<PlacedInstance> tgt = g.space.instances(choice[i]).stream().sorted().toList();
                boolean touched = !cur.equals(tgt) || (!g.gpu.migEnabled() && !tgt.isEmpty());
                if (touched) {
                    touchedGpus++;
                }
                perNode.get(g.node).add(new GpuPlan(g.gpu.index(), g.space.model().key(), cur, tgt, touched));
                List<MigAction> acts = actions.get(g.node);
                if (!g.gpu.migEnabled() && !tgt.isEmpty()) {
                    acts.add(new MigAction.EnableMig(g.gpu.index()));
                }
                for (PlacedInstance pi : cur) {
                    if (!tgt.contains(pi)) {
                        acts.add(new MigAction.Destroy(g.gpu.index(), pi));
                    }
                }
                GpuModel model = g.space.model();
                tgt.stream().filter(pi -> !cur.contains(pi))
                        .sorted((a, b) -> {
                            int sa = model.profile(a.profile()).orElseThrow().size();
                            int sb = model.profile(b.profile()).orElseThrow().size();
                            return sa != sb ? Integer.compare(sb, sa) : a.compareTo(b);
                        })
                        .forEach(pi -> acts.add(new MigAction.Create(g.gpu.index(), pi)));
            }
            Map<String, Integer> demanded = new TreeMap<>();
            Map<String, Integer> satisfied = new TreeMap<>();
            for (int p = 0; p < np; p++) {
                long dem = dFleet[p];
                long sat = 0;
                long excess = 0;
                for (int q = 0; q < ng; q++) {
                    dem += dGroup[q][p];
                    sat += Math.min(dGroup[q][p], supply[q][p]);
                    excess += Math.max(0, supply[q][p] - dGroup[q][p]);
                }
                sat += Math.min(dFleet[p], excess);
                demanded.put(pnNames.get(p), (int) dem);
                satisfied.put(pnNames.get(p), (int) sat);
            }
            List<NodePlan> nodes = new ArrayList<>();
            for (int ni = 0; ni < fleet.nodes().size(); ni++) {
                nodes.add(new NodePlan(fleet.nodes().get(ni).name(), perNode.get(ni), actions.get(ni)));
            }
            return new MigPlan(nodes, demanded, satisfied, touchedGpus, method);
        }
    }
}
