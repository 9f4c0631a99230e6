package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkPort.NewPort;
import io.ocatopic.netlink.DevlinkPort.PortFunction;

/**
 * Pure builders of the devlink requests that {@link GenlDevlinkClient} sends, so that their bytes can be
 * checked against fixtures.
 *
 * <pre>{@code
 * byte[] wire = NetlinkCodec.encode(DevlinkRequests.eswitchSet(family, handle, EswitchMode.SWITCHDEV), 1, 0);
 * }</pre>
 */
public final class DevlinkRequests {
    private DevlinkRequests() {
    }

    private static GenlRequest to(GenlFamily f, int cmd) {
        return new GenlRequest(f.id(), cmd, Devlink.VERSION, false, false, new byte[0]);
    }

    /**
     * @param f the devlink family
     * @return GET as a dump: every devlink instance
     */
    public static GenlRequest devices(GenlFamily f) {
        return to(f, Devlink.CMD_GET).asDump();
    }

    /**
     * @param f the devlink family
     * @param h the instance
     * @return INFO_GET for one instance
     */
    public static GenlRequest info(GenlFamily f, DevlinkHandle h) {
        return to(f, Devlink.CMD_INFO_GET).attrs(w -> DevlinkCodec.write(h, w));
    }

    /**
     * @param f the devlink family
     * @param h the instance
     * @return ESWITCH_GET
     */
    public static GenlRequest eswitchGet(GenlFamily f, DevlinkHandle h) {
        return to(f, Devlink.CMD_ESWITCH_GET).attrs(w -> DevlinkCodec.write(h, w));
    }

    /**
     * @param f    the devlink family
     * @param h    the instance
     * @param mode the mode
     * @return ESWITCH_SET with ACK
     */
    public static GenlRequest eswitchSet(GenlFamily f, DevlinkHandle h, EswitchMode mode) {
        return to(f, Devlink.CMD_ESWITCH_SET).withAck().attrs(w -> {
            DevlinkCodec.write(h, w);
            w.u16(Devlink.ATTR_ESWITCH_MODE, mode.value());
        });
    }

    /**
     * @param f the devlink family
     * @return PORT_GET as a dump of every port of every instance
     */
    public static GenlRequest portDump(GenlFamily f) {
        return to(f, Devlink.CMD_PORT_GET).asDump();
    }

    /**
     * @param f     the devlink family
     * @param h     the instance
     * @param index the port index
     * @return PORT_GET for one port
     */
    public static GenlRequest portGet(GenlFamily f, DevlinkHandle h, int index) {
        return to(f, Devlink.CMD_PORT_GET).attrs(w -> {
            DevlinkCodec.write(h, w);
            w.u32(Devlink.ATTR_PORT_INDEX, index);
        });
    }

    /**
     * @param f    the devlink family
     * @param h    the instance
     * @param port what to add
     * @return PORT_NEW with ACK (the kernel answers with the new port, then the ACK)
     */
    public static GenlRequest portNew(GenlFamily f, DevlinkHandle h, NewPort port) {
        return to(f, Devlink.CMD_PORT_NEW).withAck().attrs(w -> {
            DevlinkCodec.write(h, w);
            w.u16(Devlink.ATTR_PORT_FLAVOUR, port.flavour().value());
            w.u16(Devlink.ATTR_PORT_PCI_PF_NUMBER, port.pfNumber());
            port.sfNumber().ifPresent(n -> w.u32(Devlink.ATTR_PORT_PCI_SF_NUMBER, n));
            port.controller().ifPresent(c -> w.u32(Devlink.ATTR_PORT_CONTROLLER_NUMBER, c));
        });
    }

    /**
     * @param f     the devlink family
     * @param h     the instance
     * @param index the port index
     * @return PORT_DEL with ACK
     */
    public static GenlRequest portDel(GenlFamily f, DevlinkHandle h, int index) {
        return to(f, Devlink.CMD_PORT_DEL).withAck().attrs(w -> {
            DevlinkCodec.write(h, w);
            w.u32(Devlink.ATTR_PORT_INDEX, index);
        });
    }

    /**
     * @param f     the devlink family
     * @param h     the instance
     * @param index the port index
     * @param fn    the function settings to change (empty fields are left alone)
     * @return PORT_SET with a nested DEVLINK_ATTR_PORT_FUNCTION, with ACK
     */
    public static GenlRequest portFunctionSet(GenlFamily f, DevlinkHandle h, int index, PortFunction fn) {
        return to(f, Devlink.CMD_PORT_SET).withAck().attrs(w -> {
            DevlinkCodec.write(h, w);
            w.u32(Devlink.ATTR_PORT_INDEX, index);
            w.nested(Devlink.ATTR_PORT_FUNCTION, n -> DevlinkCodec.write(fn, n));
        });
    }
}
