package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.gpu.StrategyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a node plan against the device plugin's MIG strategies and names the resources it would
 * advertise. Rules from NVIDIA/k8s-device-plugin {@code internal/lm/mig-strategy.go}
 * ({@code newMigStrategySingleLabeler}): under {@code single} a node is invalid when "at least one MIG
 * device is enabled but empty", when "devices with MIG enabled and disable[d]" are mixed, or when "more
 * than one MIG device type [is] present on node"; MIG devices are then {@code nvidia.com/gpu}. Under
 * {@code mixed} each profile is {@code nvidia.com/mig-<profile>} with {@code +} written as {@code .}
 * ({@code internal/rm/rm.go}; the GPU operator's default config names {@code 1g.10gb+me} as
 * {@code all-1g.10gb.me}), and empty MIG GPUs are ignored.
 *
 * <pre>{@code
 * StrategyReport r = MigStrategyCheck.check(nodePlan, Optional.of(observedNode), MigStrategy.SINGLE);
 * }</pre>
 */
public final class MigStrategyCheck {
    /** The full-GPU resource, and MIG devices under {@code single}. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    private MigStrategyCheck() {
    }

    /**
     * The {@code mixed} resource name of a profile.
     *
     * @param profile profile name, e.g. {@code 1g.10gb+me}
     * @return e.g. {@code nvidia.com/mig-1g.10gb.me}
     */
    public static String mixedResourceName(String profile) {
        return "nvidia.com/mig-" + profile.replace('+', '.');
    }

    /**
     * Checks a node plan. A GPU has MIG on after the plan when its target has instances, or when the
     * observed node had MIG on for it ({@code gpu apply} never turns MIG off; the MIG manager, given the
     * rendered mig-parted config, turns it off for GPUs with no instances, which is what an empty
     * {@code observed} models).
     *
     * @param plan     the node plan
     * @param observed the node as observed, empty to assume mig-parted semantics
     * @param strategy the strategy
     * @return the report
     */
    public static StrategyReport check(MigPlan.Node plan, Optional<Fleet.Node> observed, MigStrategy strategy) {
        List<Integer> migOn = new ArrayList<>();
        List<Integer> migOff = new ArrayList<>();
        List<Integer> empty = new ArrayList<>();
        Map<String, Integer> profiles = new TreeMap<>();
        for (MigPlan.Gpu g : plan.gpus()) {
            boolean wasOn = observed.flatMap(n -> n.gpus().stream().filter(x -> x.index() == g.index()).findFirst())
                    .map(Fleet.Gpu::migEnabled).orElse(false);
            boolean on = !g.target().isEmpty() || wasOn;
            (on ? migOn : migOff).add(g.index());
            if (on && g.target().isEmpty()) {
                empty.add(g.index());
            }
            g.target().forEach(pi -> profiles.merge(pi.profile(), 1, Integer::sum));
        }
        List<String> violations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> resources = new TreeMap<>();
        switch (strategy) {
            case NONE -> {
                if (!migOn.isEmpty()) {
                    warnings.add("GPUs " + migOn + " have MIG on but strategy none exposes no MIG device and no"
                            + " MIG GPU as " + GPU_RESOURCE);
                }
                if (!migOff.isEmpty()) {
                    resources.put(GPU_RESOURCE, migOff.size());
                }
            }
            case SINGLE -> {
                if (migOn.isEmpty()) {
                    // no MIG GPU: equivalent to strategy none
                    resources.put(GPU_RESOURCE, migOff.size());
                    break;
                }
                for (int i : empty) {
                    violations.add("gpu " + i + ": MIG is on but the GPU has no instance (single: at least one MIG"
                            + " device is enabled but empty)");
                }
                if (!migOff.isEmpty()) {
                    violations.add("gpus " + migOn + " have MIG on and gpus " + migOff + " have it off (single: a"
                            + " node must not mix MIG and full GPUs)");
                }
                if (profiles.size() > 1) {
                    violations.add("profiles " + profiles + " on one node (single: one MIG profile per node;"
                            + " use mixed or one profile)");
                }
                if (violations.isEmpty()) {
                    resources.put(GPU_RESOURCE, profiles.values().stream().mapToInt(Integer::intValue).sum());
                }
            }
            case MIXED -> {
                for (int i : empty) {
                    warnings.add("gpu " + i + ": MIG is on but the GPU has no instance; mixed ignores it, so it"
                            + " serves nothing until instances exist");
                }
                profiles.forEach((p, n) -> resources.merge(mixedResourceName(p), n, Integer::sum));
                if (!migOff.isEmpty()) {
                    resources.put(GPU_RESOURCE, migOff.size());
                }
            }
            default -> throw new IllegalStateException(strategy.name());
        }
        return new StrategyReport(plan.node(), strategy, violations, warnings, resources);
    }

    /**
     * Checks every node of a plan against the fleet it was made for.
     *
     * @param plan     the fleet plan
     * @param fleet    the fleet as observed
     * @param strategy the strategy
     * @return one report per node, in plan order
     */
    public static List<StrategyReport> check(MigPlan plan, Fleet fleet, MigStrategy strategy) {
        List<StrategyReport> out = new ArrayList<>();
        for (MigPlan.Node n : plan.nodes()) {
            Optional<Fleet.Node> obs = fleet.nodes().stream().filter(f -> f.name().equals(n.node())).findFirst();
            out.add(check(n, obs, strategy));
        }
        return out;
    }
}
