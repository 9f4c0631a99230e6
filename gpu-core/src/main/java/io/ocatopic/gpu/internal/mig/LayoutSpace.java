package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.MigPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every valid MIG layout of one GPU model, enumerated exactly: instances at allowed starts, no
 * overlapping memory slices, counts within each profile's maximum, compute slices within the model's.
 * An A100 has a few hundred; the planner's per-GPU choice is therefore exact.
 *
 * <pre>{@code
 * LayoutSpace space = LayoutSpace.of(catalog.model("A100-40GB").orElseThrow());
 * int n = space.size();
 * }</pre>
 */
public final class LayoutSpace {
    private final GpuModel model;
    private final List<MigProfile> profiles;
    /** instances[i] = sorted placed instances of layout i, as (profileIndex, start) pairs. */
    private final int[][] profileIdx;
    private final int[][] startIdx;
    private final int[][] counts;
    private final int[] masks;
    private final int[] freeScores;
    private final Map<String, int[]> byCounts;
    private final int[][] countGroups;

    private LayoutSpace(GpuModel model) {
        this.model = model;
        this.profiles = model.profiles();
        List<int[]> found = new ArrayList<>();
        enumerate(0, 0, 0, new int[profiles.size()], new ArrayList<>(), found);
        int n = found.size();
        profileIdx = new int[n][];
        startIdx = new int[n][];
        counts = new int[n][];
        masks = new int[n];
        freeScores = new int[n];
        for (int i = 0; i < n; i++) {
            int[] flat = found.get(i);
            int k = flat.length / 2;
            profileIdx[i] = new int[k];
            startIdx[i] = new int[k];
            int[] c = new int[profiles.size()];
            int mask = 0;
            int compute = 0;
            for (int j = 0; j < k; j++) {
                profileIdx[i][j] = flat[2 * j];
                startIdx[i][j] = flat[2 * j + 1];
                MigProfile p = profiles.get(flat[2 * j]);
                c[flat[2 * j]]++;
                mask |= p.mask(flat[2 * j + 1]);
                compute += p.computeSlices();
            }
            counts[i] = c;
            masks[i] = mask;
            freeScores[i] = freeScore(mask, compute, c);
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(Arrays.toString(counts[i]), x -> new ArrayList<>()).add(i);
        }
        byCounts = new HashMap<>();
        countGroups = new int[groups.size()][];
        int g = 0;
        for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
            int[] members = e.getValue().stream().sorted(Comparator.comparingInt((Integer i) -> -freeScores[i])
                    .thenComparingInt(i -> i)).mapToInt(Integer::intValue).toArray();
            byCounts.put(e.getKey(), members);
            countGroups[g++] = members;
        }
    }

    /**
     * Enumerates the layouts of a model.
     *
     * @param model the model
     * @return its layout space
     */
    public static LayoutSpace of(GpuModel model) {
        return new LayoutSpace(model);
    }

    private void enumerate(int pos, int mask, int compute, int[] c, List<Integer> acc, List<int[]> out) {
        if (pos >= model.memorySlices()) {
            out.add(acc.stream().mapToInt(Integer::intValue).toArray());
            return;
        }
        enumerate(pos + 1, mask, compute, c, acc, out);
        for (int p = 0; p < profiles.size(); p++) {
            MigProfile prof = profiles.get(p);
            if (!prof.allowsStart(pos) || pos + prof.size() > model.memorySlices() || c[p] >= prof.maxInstances()
                    || compute + prof.computeSlices() > model.computeSlices() || (mask & prof.mask(pos)) != 0) {
                continue;
            }
            c[p]++;
            acc.add(p);
            acc.add(pos);
            enumerate(pos + prof.size(), mask | prof.mask(pos), compute + prof.computeSlices(), c, acc, out);
            acc.remove(acc.size() - 1);
            acc.remove(acc.size() - 1);
            c[p]--;
        }
    }

    /** Higher is better: the largest profile that still fits in the free space, then free slices. */
    private int freeScore(int mask, int compute, int[] c) {
        int best = 0;
        for (int p = 0; p < profiles.size(); p++) {
            MigProfile prof = profiles.get(p);
            if (c[p] >= prof.maxInstances() || compute + prof.computeSlices() > model.computeSlices()) {
                continue;
            }
            for (int s : prof.starts()) {
                if (s + prof.size() <= model.memorySlices() && (mask & prof.mask(s)) == 0) {
                    best = Math.max(best, prof.size() * 16 + prof.computeSlices());
                }
            }
        }
        return best * 16 + (model.memorySlices() - Integer.bitCount(mask));
    }

    /** @return the model */
    public GpuModel model() {
        return model;
    }

    /** @return the number of valid layouts (including the empty one) */
    public int size() {
        return masks.length;
    }

    /**
     * The instances of one layout.
     *
     * @param layout layout index
     * @return its placed instances, by start
     */
    public List<MigPlan.Instance> instances(int layout) {
        List<MigPlan.Instance> out = new ArrayList<>(profileIdx[layout].length);
        for (int j = 0; j < profileIdx[layout].length; j++) {
            out.add(new MigPlan.Instance(profiles.get(profileIdx[layout][j]).name(), startIdx[layout][j]));
        }
        return out;
    }

    /**
     * Whether some valid layout has exactly these profile counts.
     *
     * @param countsByName profile name to count
     * @return a layout index with those counts, or -1
     */
    public int findByCounts(Map<String, Integer> countsByName) {
        int[] c = new int[profiles.size()];
        for (Map.Entry<String, Integer> e : countsByName.entrySet()) {
            int idx = profileIndex(e.getKey());
            if (idx < 0) {
                return -1;
            }
            c[idx] += e.getValue();
        }
        int[] members = byCounts.get(Arrays.toString(c));
        return members == null ? -1 : members[0];
    }

    int profileIndex(String name) {
        for (int p = 0; p < profiles.size(); p++) {
            if (profiles.get(p).name().equals(name)) {
                return p;
            }
        }
        return -1;
    }

    int[] counts(int layout) {
        return counts[layout];
    }

    int freeScore(int layout) {
        return freeScores[layout];
    }

    int mask(int layout) {
        return masks[layout];
    }

    int[] profileIdx(int layout) {
        return profileIdx[layout];
    }

    int[] startIdx(int layout) {
        return startIdx[layout];
    }

    /** Groups of layouts with equal counts; each group sorted best free space first. */
    int[][] countGroups() {
        return countGroups;
    }

    /**
     * Finds the layout index of an exact set of placed instances.
     *
     * @param instances placed instances
     * @return the index, or -1 when the set is not a valid layout
     */
    public int indexOf(List<MigPlan.Instance> instances) {
        Map<String, Integer> c = new HashMap<>();
        for (MigPlan.Instance pi : instances) {
            c.merge(pi.profile(), 1, Integer::sum);
        }
        int[] cc = new int[profiles.size()];
        for (Map.Entry<String, Integer> e : c.entrySet()) {
            int idx = profileIndex(e.getKey());
            if (idx < 0) {
                return -1;
            }
            cc[idx] = e.getValue();
        }
        int[] members = byCounts.get(Arrays.toString(cc));
        if (members == null) {
            return -1;
        }
        List<MigPlan.Instance> sorted = instances.stream().sorted().toList();
        for (int m : members) {
            if (instances(m).stream().sorted().toList().equals(sorted)) {
                return m;
            }
        }
        return -1;
    }
}
