package io.ocatopic.netlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * devlink over generic netlink: device list and info, eswitch mode, ports, port functions.
 *
 * <pre>{@code
 * try (GenericNetlink nl = GenericNetlink.open()) {
 *     DevlinkClient devlink = DevlinkClient.over(nl);   // NO_DEVLINK when the kernel has none
 *     DevlinkHandle card = DevlinkHandle.pci("0000:03:00.0");
 *     if (devlink.eswitch(card).mode() != EswitchMode.SWITCHDEV) {
 *         devlink.setEswitchMode(card, EswitchMode.SWITCHDEV);
 *     }
 * }
 * }</pre>
 *
 * <p>The family id is resolved once, at construction, with CTRL_CMD_GETFAMILY.
 */
public final class DevlinkClient {
    private final GenlTransport transport;
    private final GenlFamily family;

    private DevlinkClient(GenlTransport transport, GenlFamily family) {
        this.transport = transport;
        this.family = family;
    }

    /**
     * A client on a transport, resolving the {@code devlink} family.
     *
     * @param transport the transport (not closed by this client)
     * @return the client
     * @throws NetlinkException with reason NO_DEVLINK when the kernel has no devlink family
     */
    public static DevlinkClient over(GenlTransport transport) {
        Objects.requireNonNull(transport, "transport");
        try {
            return new DevlinkClient(transport, transport.family(Devlink.FAMILY));
        } catch (NetlinkException e) {
            if (e.reason() == NetlinkException.Reason.FAMILY_NOT_FOUND) {
                throw new NetlinkException(NetlinkException.Reason.NO_DEVLINK, e.errno(), null,
                        "the kernel has no devlink generic netlink family: no devlink-capable driver (such as mlx5_core"
                                + " for a BlueField) is loaded, or the kernel is built without CONFIG_NET_DEVLINK");
            }
            throw e;
        }
    }

    /** @return the resolved devlink family */
    public GenlFamily family() {
        return family;
    }

    /** @return every devlink instance (GET dump) */
    public List<DevlinkHandle> devices() {
        List<DevlinkHandle> out = new ArrayList<>();
        for (GenlMessage m : transport.exchange(DevlinkRequests.devices(family))) {
            out.add(DevlinkHandle.from(m.attrs()));
        }
        return out;
    }

    /**
     * @param h the instance
     * @return its driver, serials and versions (INFO_GET)
     */
    public DevlinkInfo info(DevlinkHandle h) {
        return DevlinkInfo.from(one(transport.exchange(DevlinkRequests.info(family, h)), "INFO_GET " + h).attrs());
    }

    /**
     * @param h the instance
     * @return its eswitch settings (ESWITCH_GET)
     */
    public EswitchSettings eswitch(DevlinkHandle h) {
        return EswitchSettings.from(one(transport.exchange(DevlinkRequests.eswitchGet(family, h)), "ESWITCH_GET " + h).attrs());
    }

    /**
     * Sets the eswitch mode (ESWITCH_SET). Some NICs refuse switchdev while VFs exist (EBUSY): set the
     * VF count to 0 first.
     *
     * @param h    the instance
     * @param mode the mode
     */
    public void setEswitchMode(DevlinkHandle h, EswitchMode mode) {
        transport.exchange(DevlinkRequests.eswitchSet(family, h, mode));
    }

    /** @return every port of every instance (PORT_GET dump) */
    public List<DevlinkPort> ports() {
        List<DevlinkPort> out = new ArrayList<>();
        for (GenlMessage m : transport.exchange(DevlinkRequests.portDump(family))) {
            out.add(DevlinkPort.from(m.attrs()));
        }
        return out;
    }

    /**
     * @param h the instance
     * @return the ports of one instance
     */
    public List<DevlinkPort> ports(DevlinkHandle h) {
        List<DevlinkPort> out = new ArrayList<>();
        for (DevlinkPort p : ports()) {
            if (p.handle().equals(h)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @param h     the instance
     * @param index the port index
     * @return the port, with its function (PORT_GET)
     */
    public DevlinkPort port(DevlinkHandle h, int index) {
        return DevlinkPort.from(one(transport.exchange(DevlinkRequests.portGet(family, h, index)),
                "PORT_GET " + h + "/" + index).attrs());
    }

    /**
     * Adds a port (PORT_NEW), for example a sub-function.
     *
     * @param h    the instance
     * @param port what to add
     * @return the new port as the kernel reported it
     */
    public DevlinkPort newPort(DevlinkHandle h, NewPort port) {
        return DevlinkPort.from(one(transport.exchange(DevlinkRequests.portNew(family, h, port)),
                "PORT_NEW " + h).attrs());
    }

    /**
     * Deletes a port (PORT_DEL).
     *
     * @param h     the instance
     * @param index the port index
     */
    public void deletePort(DevlinkHandle h, int index) {
        transport.exchange(DevlinkRequests.portDel(family, h, index));
    }

    /**
     * Changes a port's function (PORT_SET with DEVLINK_ATTR_PORT_FUNCTION): the fields present in
     * {@code fn} (hardware address, state, caps); the rest stay as they are.
     *
     * @param h     the instance
     * @param index the port index
     * @param fn    the settings
     */
    public void setPortFunction(DevlinkHandle h, int index, PortFunction fn) {
        transport.exchange(DevlinkRequests.portFunctionSet(family, h, index, fn));
    }

    private static GenlMessage one(List<GenlMessage> replies, String what) {
        if (replies.isEmpty()) {
            throw new NetlinkException(NetlinkException.Reason.PROTOCOL, what + ": no reply");
        }
        return replies.get(0);
    }
}
