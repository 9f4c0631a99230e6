package io.ocatopic.gpu.internal.mig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layouts worth choosing for one GPU: per distinct supply of demanded profiles, the best feasible
 * layout (untouched first, then the most usable free space). Every option keeps the GPU's busy instances.
 */
final class GpuOptions {
    /** Per option, its layout index in the GPU's {@link LayoutSpace}. */
    final int[] layouts;
    /** Per option, the instances it supplies of each demanded profile. */
    final int[][] supplies;
    /** Per option, whether it changes the GPU. */
    final boolean[] touched;

    private GpuOptions(int[] layouts, int[][] supplies, boolean[] touched) {
        this.layouts = layouts;
        this.supplies = supplies;
        this.touched = touched;
    }

    /**
     * Finds the options of a GPU.
     *
     * @param gpu             the GPU (space, current layout, demand index and observed instances are read)
     * @param demandedProfiles how many profiles are demanded
     * @return the options
     */
    static GpuOptions of(PlannedGpu gpu, int demandedProfiles) {
        LayoutSpace space = gpu.space;
        List<int[]> busy = new ArrayList<>();
        for (var instance : gpu.gpu.instances()) {
            if (instance.busy()) {
                busy.add(new int[] {space.profileIndex(instance.profile()), instance.start()});
            }
        }
        Map<String, Integer> optionBySupply = new LinkedHashMap<>();
        List<Integer> layouts = new ArrayList<>();
        List<int[]> supplies = new ArrayList<>();
        List<Boolean> touched = new ArrayList<>();
        for (int[] sameCounts : space.countGroups()) {
            int pick = -1;
            for (int layout : sameCounts) {
                if (layout == gpu.current) {
                    pick = layout;
                    break;
                }
            }
            if (pick < 0) {
                for (int layout : sameCounts) {
                    if (keepsAll(space, layout, busy)) {
                        pick = layout;
                        break;
                    }
                }
            }
            if (pick < 0) {
                continue;
            }
            int[] supply = new int[demandedProfiles];
            int[] counts = space.counts(pick);
            for (int j = 0; j < counts.length; j++) {
                if (gpu.demandIndex[j] >= 0) {
                    supply[gpu.demandIndex[j]] += counts[j];
                }
            }
            boolean changes = pick != gpu.current;
            String key = Arrays.toString(supply);
            Integer previous = optionBySupply.get(key);
            if (previous == null) {
                optionBySupply.put(key, layouts.size());
                layouts.add(pick);
                supplies.add(supply);
                touched.add(changes);
            } else if (better(changes, space.freeScore(pick), touched.get(previous),
                    space.freeScore(layouts.get(previous)))) {
                layouts.set(previous, pick);
                touched.set(previous, changes);
            }
        }
        boolean[] touchedArray = new boolean[touched.size()];
        for (int i = 0; i < touched.size(); i++) {
            touchedArray[i] = touched.get(i);
        }
        return new GpuOptions(layouts.stream().mapToInt(Integer::intValue).toArray(),
                supplies.toArray(new int[0][]), touchedArray);
    }

    /** @return the number of options */
    int size() {
        return layouts.length;
    }

    /** @return the index of the option that leaves the GPU as it is (0 when every option changes it) */
    int unchanged() {
        for (int o = 0; o < layouts.length; o++) {
            if (!touched[o]) {
                return o;
            }
        }
        return 0;
    }

    private static boolean better(boolean touched, int free, boolean touchedBefore, int freeBefore) {
        if (touched != touchedBefore) {
            return !touched;
        }
        return free > freeBefore;
    }

    /** Whether a layout contains every busy instance, each as (profile index, start). */
    private static boolean keepsAll(LayoutSpace space, int layout, List<int[]> busy) {
        int[] profiles = space.profileIdx(layout);
        int[] starts = space.startIdx(layout);
        for (int[] b : busy) {
            boolean found = false;
            for (int j = 0; j < profiles.length; j++) {
                if (profiles[j] == b[0] && starts[j] == b[1]) {
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
}
