package io.ocatopic.gpu.mig;

/**
 * A GPU instance that exists now.
 *
 * @param profile profile name
 * @param start   first memory slice
 * @param busy    whether workloads use it (the planner never moves or destroys a busy instance)
 * <pre>{@code
 * new ObservedInstance("3g.20gb", 0, true)
 * }</pre>
 */
public record ObservedInstance(String profile, @com.fasterxml.jackson.annotation.JsonProperty(required = true) int start,
                               boolean busy) {
    /**
     * Validates.
     *
     * @param profile see the record component
     * @param start   see the record component
     * @param busy    see the record component
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming the bad field
     */
    public ObservedInstance {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (profile == null || profile.isBlank()) {
            problems.add("profile: required, a profile name such as 3g.20gb");
        }
        if (start < 0 || start > 7) {
            problems.add("start: " + start + " is not a memory slice (0..7)");
        }
        FleetChecks.fail(problems);
    }

    /** @return the placement of this instance */
    public PlacedInstance placed() {
        return new PlacedInstance(profile, start);
    }
}
