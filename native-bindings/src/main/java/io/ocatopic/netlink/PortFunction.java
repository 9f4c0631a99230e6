package io.ocatopic.netlink;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The function behind a devlink port ({@code DEVLINK_ATTR_PORT_FUNCTION}): the hardware address,
 * the administrative state, the operational state and the capabilities, each as the kernel reported
 * it. Used both for what a port has and for what to set ({@code PORT_SET}).
 *
 * <pre>{@code
 * PortFunction set = PortFunction.none().withHwAddr("00:11:22:33:44:55").withActive(true)
 *         .withCaps(PortCaps.set(Devlink.CAP_ROCE, true));
 * devlink.setPortFunction(handle, portIndex, set);
 * }</pre>
 *
 * @param hwAddr   the MAC as {@code aa:bb:cc:dd:ee:ff}
 * @param active   DEVLINK_PORT_FN_ATTR_STATE (inactive 0, active 1)
 * @param attached DEVLINK_PORT_FN_ATTR_OPSTATE (detached 0, attached 1); reported only
 * @param caps     DEVLINK_PORT_FN_ATTR_CAPS
 */
public record PortFunction(Optional<String> hwAddr, Optional<Boolean> active, Optional<Boolean> attached,
                           Optional<PortCaps> caps) {
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    /** @return a function with nothing set */
    public static PortFunction none() {
        return new PortFunction(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param mac a MAC address {@code aa:bb:cc:dd:ee:ff}
     * @return a copy with the address
     */
    public PortFunction withHwAddr(String mac) {
        macBytes(mac);
        return new PortFunction(Optional.of(mac.toLowerCase(java.util.Locale.ROOT)), active, attached, caps);
    }

    /**
     * @param on the administrative state
     * @return a copy with the state
     */
    public PortFunction withActive(boolean on) {
        return new PortFunction(hwAddr, Optional.of(on), attached, caps);
    }

    /**
     * @param c the capabilities
     * @return a copy with the capabilities
     */
    public PortFunction withCaps(PortCaps c) {
        return new PortFunction(hwAddr, active, attached, Optional.of(c));
    }

    /**
     * Whether this (observed) function already has everything {@code desired} sets.
     *
     * @param desired the wanted settings
     * @return true when nothing needs to change
     */
    public boolean satisfies(PortFunction desired) {
        return (desired.hwAddr.isEmpty() || desired.hwAddr.equals(hwAddr))
                && (desired.active.isEmpty() || desired.active.equals(active))
                && (desired.caps.isEmpty() || caps.map(c -> c.satisfies(desired.caps.get())).orElse(false));
    }

    static byte[] macBytes(String mac) {
        byte[] b;
        try {
            b = MAC.parseHex(mac);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad MAC address " + mac, e);
        }
        if (b.length != 6) {
            throw new IllegalArgumentException("bad MAC address " + mac);
        }
        return b;
    }

    void write(AttrWriter w) {
        hwAddr.ifPresent(m -> w.bytes(Devlink.FN_ATTR_HW_ADDR, macBytes(m)));
        active.ifPresent(a -> w.u8(Devlink.FN_ATTR_STATE, a ? 1 : 0));
        caps.ifPresent(c -> w.bitfield32(Devlink.FN_ATTR_CAPS, c.value(), c.selector()));
    }

    static PortFunction from(Attrs a) {
        Optional<String> mac = a.bytes(Devlink.FN_ATTR_HW_ADDR).filter(b -> b.length > 0).map(MAC::formatHex);
        Optional<Boolean> state = a.first(Devlink.FN_ATTR_STATE).map(x -> x.u8() == 1);
        Optional<Boolean> op = a.first(Devlink.FN_ATTR_OPSTATE).map(x -> x.u8() == 1);
        Optional<PortCaps> caps = a.first(Devlink.FN_ATTR_CAPS)
                .map(x -> new PortCaps(x.bitfieldValue(), x.bitfieldSelector()));
        return new PortFunction(mac, state, op, caps);
    }
}
