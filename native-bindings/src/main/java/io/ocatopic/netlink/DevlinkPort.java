package io.ocatopic.netlink;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A devlink port as PORT_GET reports it.
 *
 * <pre>{@code
 * for (DevlinkPort p : devlink.ports(handle)) {
 *     if (p.flavour() == PortFlavour.PCI_VF) { ... p.vfNumber().getAsInt() ... }
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
    static DevlinkPort from(Attrs a) {
        return new DevlinkPort(DevlinkHandle.from(a),
                a.u32(Devlink.ATTR_PORT_INDEX).orElseThrow(() -> DevlinkHandle.missing("PORT_INDEX")),
                PortFlavour.of(a.u16(Devlink.ATTR_PORT_FLAVOUR).orElse(PortFlavour.PHYSICAL.value())),
                a.string(Devlink.ATTR_PORT_NETDEV_NAME),
                a.u16(Devlink.ATTR_PORT_PCI_PF_NUMBER), a.u16(Devlink.ATTR_PORT_PCI_VF_NUMBER),
                a.u32(Devlink.ATTR_PORT_PCI_SF_NUMBER), a.u32(Devlink.ATTR_PORT_CONTROLLER_NUMBER),
                a.u8(Devlink.ATTR_PORT_EXTERNAL).orElse(0) != 0,
                a.nested(Devlink.ATTR_PORT_FUNCTION).map(PortFunction::from));
    }
}
