package io.ocatopic.netlink;

import java.util.OptionalInt;

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
     * @param pfNumber the PF number
     * @param sfNumber the sub-function number
     * @return a PCI_SF port request on the local controller
     */
    public static NewPort subFunction(int pfNumber, int sfNumber) {
        return new NewPort(PortFlavour.PCI_SF, pfNumber, OptionalInt.of(sfNumber), OptionalInt.empty());
    }

    /**
     * @param c the controller number (1 for the external host of a BlueField)
     * @return a copy on that controller
     */
    public NewPort onController(int c) {
        return new NewPort(flavour, pfNumber, sfNumber, OptionalInt.of(c));
    }
}
