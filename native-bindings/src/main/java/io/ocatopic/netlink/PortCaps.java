package io.ocatopic.netlink;

/**
 * A port function's capabilities as {@code struct nla_bitfield32}: {@code value} holds the bits,
 * {@code selector} says which bits are meant (reported by the driver, or to be changed by a set).
 * Bits are {@link Devlink#CAP_ROCE}, {@link Devlink#CAP_MIGRATABLE}, {@link Devlink#CAP_IPSEC_CRYPTO},
 * {@link Devlink#CAP_IPSEC_PACKET}.
 *
 * <pre>{@code
 * PortCaps enableRoce = PortCaps.set(Devlink.CAP_ROCE, true);
 * boolean roce = port.function().flatMap(PortFunction::caps).map(c -> c.has(Devlink.CAP_ROCE)).orElse(false);
 * }</pre>
 *
 * @param value    the capability bits
 * @param selector the bits that {@code value} speaks for
 */
public record PortCaps(int value, int selector) {
    /**
     * Caps that change one bit.
     *
     * @param cap the capability bit
     * @param on  whether to enable it
     * @return the caps
     */
    public static PortCaps set(int cap, boolean on) {
        return new PortCaps(on ? cap : 0, cap);
    }

    /**
     * Adds another bit to change.
     *
     * @param cap the capability bit
     * @param on  whether to enable it
     * @return the combined caps
     */
    public PortCaps and(int cap, boolean on) {
        return new PortCaps((value & ~cap) | (on ? cap : 0), selector | cap);
    }

    /**
     * @param cap a capability bit
     * @return whether it is selected and set
     */
    public boolean has(int cap) {
        return (selector & cap) == cap && (value & cap) == cap;
    }

    /**
     * @param desired caps to check
     * @return whether every bit {@code desired} selects has the same value here
     */
    public boolean satisfies(PortCaps desired) {
        return (value & desired.selector) == (desired.value & desired.selector);
    }
}
