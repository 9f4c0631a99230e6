package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.MigPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explains why a MIG layout is invalid for a model: unknown profiles, starts that are not allowed,
 * overlapping memory slices, counts over a profile's maximum, too many compute slices, and counts that
 * fit every sum but no placement (for example 4x1g.10gb + 3x1g.5gb on an A100-40GB).
 *
 * <pre>{@code
 * List<String> problems = new LayoutValidator(space).validateCounts(Map.of("1g.10gb", 4, "1g.5gb", 3));
 * }</pre>
 */
public final class LayoutValidator {
    private final LayoutSpace space;

    /**
     * Creates a validator.
     *
     * @param space the model's layout space
     */
    public LayoutValidator(LayoutSpace space) {
        this.space = space;
    }

    /**
     * Validates placed instances.
     *
     * @param instances the layout
     * @return every problem; empty when valid
     */
    public List<String> validate(List<MigPlan.Instance> instances) {
        GpuModel m = space.model();
        List<String> problems = new ArrayList<>();
        int mask = 0;
        int compute = 0;
        Map<String, Integer> counts = new TreeMap<>();
        for (MigPlan.Instance pi : instances) {
            MigProfile p = m.profile(pi.profile()).orElse(null);
            if (p == null) {
                problems.add(pi + ": profile " + pi.profile() + " is unknown for " + m.key());
                continue;
            }
            if (!p.allowsStart(pi.start())) {
                problems.add(pi + ": start " + pi.start() + " is not allowed for " + p.name() + " (allowed "
                        + p.starts() + ")");
                continue;
            }
            if ((mask & p.mask(pi.start())) != 0) {
                problems.add(pi + ": memory slices [" + pi.start() + "," + (pi.start() + p.size())
                        + ") overlap another instance");
            }
            mask |= p.mask(pi.start());
            compute += p.computeSlices();
            counts.merge(p.name(), 1, Integer::sum);
        }
        problems.addAll(countProblems(counts, compute));
        return problems;
    }

    /**
     * Validates profile counts (as mig-parted's {@code mig-devices} gives them): is there any placement?
     *
     * @param counts profile name to count
     * @return every problem; empty when some placement of these counts is valid
     */
    public List<String> validateCounts(Map<String, Integer> counts) {
        GpuModel m = space.model();
        List<String> problems = new ArrayList<>();
        int compute = 0;
        int memory = 0;
        Map<String, Integer> known = new TreeMap<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(counts).entrySet()) {
            MigProfile p = m.profile(e.getKey()).orElse(null);
            if (p == null) {
                problems.add(e.getKey() + ": profile is unknown for " + m.key());
                continue;
            }
            if (e.getValue() < 0) {
                problems.add(e.getKey() + ": count " + e.getValue() + " is negative");
                continue;
            }
            compute += p.computeSlices() * e.getValue();
            memory += p.size() * e.getValue();
            known.put(e.getKey(), e.getValue());
        }
        problems.addAll(countProblems(known, compute));
        if (memory > m.memorySlices()) {
            problems.add("memory slices: " + memory + " needed, " + m.memorySlices() + " on " + m.key());
        }
        if (problems.isEmpty() && space.findByCounts(known) < 0) {
            problems.add("placement: no valid placement of " + known + " on " + m.key()
                    + " (allowed starts leave gaps that these sizes cannot fill)");
        }
        return problems;
    }

    private List<String> countProblems(Map<String, Integer> counts, int compute) {
        GpuModel m = space.model();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int max = m.profile(e.getKey()).map(MigProfile::maxInstances).orElse(0);
            if (e.getValue() > max) {
                problems.add(e.getKey() + ": " + e.getValue() + " instances, at most " + max + " on " + m.key());
            }
        }
        if (compute > m.computeSlices()) {
            problems.add("compute slices: " + compute + " used, " + m.computeSlices() + " on " + m.key());
        }
        return problems;
    }
}
