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
public record ObservedInstance(String profile, int start, boolean busy) {
    /** @return the placement of this instance */
    public PlacedInstance placed() {
        return new PlacedInstance(profile, start);
    }
}
