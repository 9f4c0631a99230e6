package io.ocatopic.netlink;

import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.internal.DevlinkCodec;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A devlink port as PORT_GET reports it. Its flavour, its function and the function's capabilities,
 * and what PORT_NEW adds, are nested here.
 *
 * <pre>{@code
 * for (DevlinkPort p : devlink.ports(handle)) {
 *     if (p.flavour() == DevlinkPort.PortFlavour.PCI_VF) { ... p.vfNumber().getAsInt() ... }
 * }
 * }</pre>
 *
 * @param handle     the devlink instance
 * @param index      DEVLINK_ATTR_PORT_INDEX
 * @param flavour    DEVLINK_ATTR_PORT_FLAVOUR
 * @param netdevName DEVLINK_ATTR_PORT_NETDEV_NAME (the representor netdev, when it has one)
 * @param pfNumber   DEVLINK_ATTR_PORT_PCI_PF_NUMBER
 * @param vfNumber   DEVLINK_ATTR_PORT_PCI_VF_NUMBER
 * @param sfNumber   DEVLINK_ATTR_PORT_PCI_SF_NUMBER
 * @param controller DEVLINK_ATTR_PORT_CONTROLLER_NUMBER (non-zero for an external host)
 * @param external   DEVLINK_ATTR_PORT_EXTERNAL
 * @param function   DEVLINK_ATTR_PORT_FUNCTION
 */
public record DevlinkPort(DevlinkHandle handle, int index, PortFlavour flavour, Optional<String> netdevName,
                          OptionalInt pfNumber, OptionalInt vfNumber, OptionalInt sfNumber, OptionalInt controller,
                          boolean external, Optional<PortFunction> function) {

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

        /**
         * Returns the kernel uapi value of the flavour.
         *
         * @return the uapi value
         */
        public int value() {
            return value;
        }

        /**
         * Returns the flavour of a kernel uapi value.
         *
         * @param value a uapi value
         * @return the flavour
         * @throws NetlinkException with reason PROTOCOL for a value this binding does not know
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

    /**
     * The function behind a devlink port ({@code DEVLINK_ATTR_PORT_FUNCTION}): the hardware address,
     * the administrative state, the operational state and the capabilities, each as the kernel reported
     * it. Used both for what a port has and for what to set ({@code PORT_SET}).
     *
     * <pre>{@code
     * PortFunction set = PortFunction.none().withHwAddr("00:11:22:33:44:55").withActive(true)
     *         .withCaps(PortCaps.set(PortCaps.CAP_ROCE, true));
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
        /**
         * Returns a function with nothing set.
         *
         * @return a function with nothing set
         */
        public static PortFunction none() {
            return new PortFunction(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * Returns a copy of this function with a hardware address.
         *
         * @param mac a MAC address {@code aa:bb:cc:dd:ee:ff}
         * @return a copy with the address
         * @throws IllegalArgumentException when {@code mac} is not six colon-separated hex bytes
         */
        public PortFunction withHwAddr(String mac) {
            DevlinkCodec.macBytes(mac);
            return new PortFunction(Optional.of(mac.toLowerCase(Locale.ROOT)), active, attached, caps);
        }

        /**
         * Returns a copy of this function with an administrative state.
         *
         * @param on the administrative state
         * @return a copy with the state
         */
        public PortFunction withActive(boolean on) {
            return new PortFunction(hwAddr, Optional.of(on), attached, caps);
        }

        /**
         * Returns a copy of this function with capabilities.
         *
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
    }

    /**
     * A port function's capabilities as {@code struct nla_bitfield32}: {@code value} holds the bits,
     * {@code selector} says which bits are meant (reported by the driver, or to be changed by a set).
     * Bits are {@link #CAP_ROCE}, {@link #CAP_MIGRATABLE}, {@link #CAP_IPSEC_CRYPTO},
     * {@link #CAP_IPSEC_PACKET}.
     *
     * <pre>{@code
     * PortCaps enableRoce = PortCaps.set(PortCaps.CAP_ROCE, true);
     * boolean roce = port.function().flatMap(PortFunction::caps).map(c -> c.has(PortCaps.CAP_ROCE)).orElse(false);
     * }</pre>
     *
     * @param value    the capability bits
     * @param selector the bits that {@code value} speaks for
     */
    public record PortCaps(int value, int selector) {
        /** DEVLINK_PORT_FN_CAP_ROCE (bit 0). */
        public static final int CAP_ROCE = 1;
        /** DEVLINK_PORT_FN_CAP_MIGRATABLE (bit 1). */
        public static final int CAP_MIGRATABLE = 1 << 1;
        /** DEVLINK_PORT_FN_CAP_IPSEC_CRYPTO (bit 2). */
        public static final int CAP_IPSEC_CRYPTO = 1 << 2;
        /** DEVLINK_PORT_FN_CAP_IPSEC_PACKET (bit 3). */
        public static final int CAP_IPSEC_PACKET = 1 << 3;

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
         * Returns whether a capability bit is selected and set.
         *
         * @param cap a capability bit
         * @return whether it is selected and set
         */
        public boolean has(int cap) {
            return (selector & cap) == cap && (value & cap) == cap;
        }

        /**
         * Returns whether these capabilities match every bit another set selects.
         *
         * @param desired caps to check
         * @return whether every bit {@code desired} selects has the same value here
         */
        public boolean satisfies(PortCaps desired) {
            return (value & desired.selector) == (desired.value & desired.selector);
        }
    }

    /**
     * What PORT_NEW should add: a port of a flavour (PCI_SF for a sub-function) on a PF, optionally with
     * a sub-function number and an external controller, as {@code devlink port add} sends it.
     *
     * <pre>{@code
     * DevlinkPort sf = devlink.newPort(handle, NewPort.subFunction(0, 88));
     * }</pre>
     *
     * @param flavour    DEVLINK_ATTR_PORT_FLAVOUR
     * @param pfNumber   DEVLINK_ATTR_PORT_PCI_PF_NUMBER
     * @param sfNumber   DEVLINK_ATTR_PORT_PCI_SF_NUMBER
     * @param controller DEVLINK_ATTR_PORT_CONTROLLER_NUMBER
     */
    public record NewPort(PortFlavour flavour, int pfNumber, OptionalInt sfNumber, OptionalInt controller) {
        /**
         * Returns a request for a PCI sub-function port on the local controller.
         *
         * @param pfNumber the PF number
         * @param sfNumber the sub-function number
         * @return a PCI_SF port request on the local controller
         */
        public static NewPort subFunction(int pfNumber, int sfNumber) {
            return new NewPort(PortFlavour.PCI_SF, pfNumber, OptionalInt.of(sfNumber), OptionalInt.empty());
        }

        /**
         * Returns a copy of this request on another controller.
         *
         * @param c the controller number (1 for the external host of a BlueField)
         * @return a copy on that controller
         */
        public NewPort onController(int c) {
            return new NewPort(flavour, pfNumber, sfNumber, OptionalInt.of(c));
        }
    }
}
