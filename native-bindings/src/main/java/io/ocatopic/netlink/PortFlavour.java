package io.ocatopic.netlink;

/**
 * {@code enum devlink_port_flavour} ({@code include/uapi/linux/devlink.h}).
 *
 * <pre>{@code
 * boolean vf = port.flavour() == PortFlavour.PCI_VF;
 * }</pre>
 */
public enum PortFlavour {
    /** Any kind of port physically facing the user (uplink). */
    PHYSICAL(0),
    /** CPU port. */
    CPU(1),
    /** Distributed switch architecture interconnect port. */
    DSA(2),
    /** PCI physical function port (a representor of a host PF). */
    PCI_PF(3),
    /** PCI virtual function port (a VF representor). */
    PCI_VF(4),
    /** Any virtual port facing the user. */
    VIRTUAL(5),
    /** Port that is not used. */
    UNUSED(6),
    /** PCI sub-function port. */
    PCI_SF(7);

    private final int value;

    PortFlavour(int value) {
        this.value = value;
    }

    /** @return the uapi value */
    public int value() {
        return value;
    }

    /**
     * @param value a uapi value
     * @return the flavour
     */
    public static PortFlavour of(int value) {
        for (PortFlavour f : values()) {
            if (f.value == value) {
                return f;
            }
        }
        throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "unknown port flavour " + value);
    }
}
