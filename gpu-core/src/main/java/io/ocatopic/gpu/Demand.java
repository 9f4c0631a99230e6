package io.ocatopic.gpu;

/**
 * A demand for MIG instances: a count of one profile (by name, matched on each GPU's model), either for
 * one node group or fleet-wide. Instances that exist count toward demand.
 *
 * @param group node group, or "" for fleet-wide
 * @param profile profile name
 * @param count instances wanted
 * <pre>{@code
 * Demand.fleetWide("3g.20gb", 10); Demand.forGroup("inference", "1g.5gb", 28);
 * }</pre>
 */
public record Demand(String group, String profile, int count) {
    /**
     * A fleet-wide demand.
     *
     * @param profile profile name
     * @param count   instances
     * @return the demand
     */
    public static Demand fleetWide(String profile, int count) {
        return new Demand("", profile, count);
    }

    /**
     * A demand for one node group.
     *
     * @param group   node group
     * @param profile profile name
     * @param count   instances
     * @return the demand
     */
    public static Demand forGroup(String group, String profile, int count) {
        return new Demand(group, profile, count);
    }

    /**
     * Returns whether the demand applies to the whole fleet.
     *
     * @return whether the demand is fleet-wide
     */
    public boolean isFleetWide() {
        return group.isEmpty();
    }
}
