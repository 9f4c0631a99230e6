package io.ocatopic.gpu.internal.mig;

import java.util.Arrays;

/**
 * The exact fleet search: a dynamic programme over the remaining demand of every account (group accounts
 * first, then fleet-wide), one GPU at a time, each GPU trying each of its options. Exact, and usable while
 * the number of states times options stays small ({@link #CELL_LIMIT}).
 */
final class ExactSearch {
    /** The most DP cells (states times options, roughly) the exact search takes on. */
    static final long CELL_LIMIT = 3_000_000L;
    /** Fleets with more GPUs go to the greedy search whatever their demand. */
    private static final int MAX_GPUS = 400;

    private ExactSearch() {
    }

    /**
     * The size of the programme.
     *
     * @param problem the problem
     * @return about how many cells the programme visits; {@link Long#MAX_VALUE} when it is clearly too large
     */
    static long cells(PlanningProblem problem) {
        if (problem.gpus().size() > MAX_GPUS) {
            return Long.MAX_VALUE;
        }
        long states = 1;
        for (int[] row : problem.groupDemand()) {
            for (int d : row) {
                states *= d + 1;
                if (states > CELL_LIMIT) {
                    return Long.MAX_VALUE;
                }
            }
        }
        for (int d : problem.fleetDemand()) {
            states *= d + 1;
            if (states > CELL_LIMIT) {
                return Long.MAX_VALUE;
            }
        }
        long options = 0;
        for (PlannedGpu g : problem.gpus()) {
            options += g.options.size();
        }
        return states * Math.max(1, options) / 4;
    }

    /**
     * Runs the programme.
     *
     * @param problem the problem (small enough: see {@link #cells})
     * @return per GPU, the chosen layout index in its space
     */
    static int[] run(PlanningProblem problem) {
        int profiles = problem.profileCount();
        int groups = problem.groupCount();
        int accounts = groups * profiles + profiles;
        // a state is the remaining demand of every account, in mixed radix
        int[] capacity = new int[accounts];
        int[] radix = new int[accounts];
        int states = 1;
        for (int a = 0; a < accounts; a++) {
            capacity[a] = a < groups * profiles ? problem.groupDemand()[a / profiles][a % profiles]
                    : problem.fleetDemand()[a - groups * profiles];
            radix[a] = states;
            states *= capacity[a] + 1;
        }
        int start = 0;
        for (int a = 0; a < accounts; a++) {
            start += capacity[a] * radix[a];
        }
        int n = problem.gpus().size();
        long[] score = new long[states];
        Arrays.fill(score, Long.MIN_VALUE);
        score[start] = 0;
        int[][] chosenOption = new int[n][];
        int[][] previousState = new int[n][];
        int[] remaining = new int[accounts];
        for (int i = 0; i < n; i++) {
            PlannedGpu g = problem.gpus().get(i);
            long[] next = new long[states];
            Arrays.fill(next, Long.MIN_VALUE);
            int[] option = new int[states];
            int[] from = new int[states];
            for (int state = 0; state < states; state++) {
                if (score[state] == Long.MIN_VALUE) {
                    continue;
                }
                for (int o = 0; o < g.options.size(); o++) {
                    decode(state, capacity, radix, remaining);
                    int gain = 0;
                    int[] supply = g.options.supplies[o];
                    for (int p = 0; p < profiles; p++) {
                        int left = supply[p];
                        int groupAccount = g.group * profiles + p;
                        int taken = Math.min(left, remaining[groupAccount]);
                        remaining[groupAccount] -= taken;
                        left -= taken;
                        gain += taken;
                        int fleetAccount = groups * profiles + p;
                        taken = Math.min(left, remaining[fleetAccount]);
                        remaining[fleetAccount] -= taken;
                        gain += taken;
                    }
                    int nextState = 0;
                    for (int a = 0; a < accounts; a++) {
                        nextState += remaining[a] * radix[a];
                    }
                    long s = score[state] + PlanningProblem.score(gain, g.options.touched[o],
                            g.space.freeScore(g.options.layouts[o]));
                    if (s > next[nextState]) {
                        next[nextState] = s;
                        option[nextState] = o;
                        from[nextState] = state;
                    }
                }
            }
            score = next;
            chosenOption[i] = option;
            previousState[i] = from;
        }
        int bestState = 0;
        for (int state = 0; state < states; state++) {
            if (score[state] > score[bestState]) {
                bestState = state;
            }
        }
        int[] layouts = new int[n];
        int state = bestState;
        for (int i = n - 1; i >= 0; i--) {
            layouts[i] = problem.gpus().get(i).options.layouts[chosenOption[i][state]];
            state = previousState[i][state];
        }
        return layouts;
    }

    private static void decode(int state, int[] capacity, int[] radix, int[] remaining) {
        for (int a = 0; a < capacity.length; a++) {
            remaining[a] = (state / radix[a]) % (capacity[a] + 1);
        }
    }
}
