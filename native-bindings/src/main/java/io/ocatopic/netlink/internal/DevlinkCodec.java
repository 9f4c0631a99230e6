package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.DevlinkInfo;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkClient.EswitchSettings;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import io.ocatopic.netlink.DevlinkPort.PortFlavour;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import io.ocatopic.netlink.NetlinkException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The devlink values of the API to and from their netlink attributes ({@link Devlink} numbers).
 *
 * <pre>{@code
 * DevlinkPort port = DevlinkCodec.port(message.attrs());
 * }</pre>
 */
public final class DevlinkCodec {
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private DevlinkCodec() {
    }

    /**
     * Writes BUS_NAME and DEV_NAME.
     *
     * @param h the instance
     * @param w the writer
     */
    public static void write(DevlinkHandle h, AttrWriter w) {
        w.string(Devlink.ATTR_BUS_NAME, h.bus()).string(Devlink.ATTR_DEV_NAME, h.device());
    }

    /**
     * Writes the fields a port function sets (hardware address, state, caps).
     *
     * @param fn the function
     * @param w  the writer
     * @throws IllegalArgumentException when the hardware address is not a MAC address
     */
    public static void write(PortFunction fn, AttrWriter w) {
        fn.hwAddr().ifPresent(m -> w.bytes(Devlink.FN_ATTR_HW_ADDR, macBytes(m)));
        fn.active().ifPresent(a -> w.u8(Devlink.FN_ATTR_STATE, a ? 1 : 0));
        fn.caps().ifPresent(c -> w.bitfield32(Devlink.FN_ATTR_CAPS, c.value(), c.selector()));
    }

    /**
     * @param a attributes with BUS_NAME and DEV_NAME
     * @return the instance
     * @throws NetlinkException with reason PROTOCOL when either is missing, or empty, or the bus has a '/'
     */
    public static DevlinkHandle handle(Attrs a) {
        String bus = a.string(Devlink.ATTR_BUS_NAME).orElseThrow(() -> missing("BUS_NAME"));
        String device = a.string(Devlink.ATTR_DEV_NAME).orElseThrow(() -> missing("DEV_NAME"));
        try {
            return new DevlinkHandle(bus, device);
        } catch (IllegalArgumentException e) {
            // a reply is outside bytes: an empty name or a '/' in the bus is the kernel's (or a fake's) fault
            throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "devlink reply names no valid instance: "
                    + e.getMessage());
        }
    }

    /**
     * @param a a PORT_GET reply's attributes
     * @return the port
     * @throws NetlinkException with reason PROTOCOL when a required attribute is missing
     */
    public static DevlinkPort port(Attrs a) {
        return new DevlinkPort(handle(a),
                a.u32(Devlink.ATTR_PORT_INDEX).orElseThrow(() -> missing("PORT_INDEX")),
                PortFlavour.of(a.u16(Devlink.ATTR_PORT_FLAVOUR).orElse(PortFlavour.PHYSICAL.value())),
                a.string(Devlink.ATTR_PORT_NETDEV_NAME),
                a.u16(Devlink.ATTR_PORT_PCI_PF_NUMBER), a.u16(Devlink.ATTR_PORT_PCI_VF_NUMBER),
                a.u32(Devlink.ATTR_PORT_PCI_SF_NUMBER), a.u32(Devlink.ATTR_PORT_CONTROLLER_NUMBER),
                a.u8(Devlink.ATTR_PORT_EXTERNAL).orElse(0) != 0,
                a.nested(Devlink.ATTR_PORT_FUNCTION).map(DevlinkCodec::function));
    }

    /**
     * @param a the nested DEVLINK_ATTR_PORT_FUNCTION attributes
     * @return the function as reported
     */
    public static PortFunction function(Attrs a) {
        Optional<String> mac = a.bytes(Devlink.FN_ATTR_HW_ADDR).filter(b -> b.length > 0).map(MAC::formatHex);
        Optional<Boolean> state = a.first(Devlink.FN_ATTR_STATE).map(x -> x.u8() == 1);
        Optional<Boolean> op = a.first(Devlink.FN_ATTR_OPSTATE).map(x -> x.u8() == 1);
        Optional<PortCaps> caps = a.first(Devlink.FN_ATTR_CAPS)
                .map(x -> new PortCaps(x.bitfieldValue(), x.bitfieldSelector()));
        return new PortFunction(mac, state, op, caps);
    }

    /**
     * @param a an ESWITCH_GET reply's attributes
     * @return the settings
     * @throws NetlinkException with reason PROTOCOL when ESWITCH_MODE is missing or unknown
     */
    public static EswitchSettings eswitch(Attrs a) {
        return new EswitchSettings(handle(a),
                EswitchMode.of(a.u16(Devlink.ATTR_ESWITCH_MODE).orElseThrow(() -> missing("ESWITCH_MODE"))),
                a.u8(Devlink.ATTR_ESWITCH_INLINE_MODE), a.u8(Devlink.ATTR_ESWITCH_ENCAP_MODE));
    }

    /**
     * @param a an INFO_GET reply's attributes
     * @return the info
     */
    public static DevlinkInfo info(Attrs a) {
        return new DevlinkInfo(handle(a), a.string(Devlink.ATTR_INFO_DRIVER_NAME).orElse(""),
                a.string(Devlink.ATTR_INFO_SERIAL_NUMBER), a.string(Devlink.ATTR_INFO_BOARD_SERIAL_NUMBER),
                versions(a, Devlink.ATTR_INFO_VERSION_FIXED), versions(a, Devlink.ATTR_INFO_VERSION_RUNNING),
                versions(a, Devlink.ATTR_INFO_VERSION_STORED));
    }

    private static Map<String, String> versions(Attrs a, int type) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Attr v : a.all(type)) {
            Attrs va = v.attrs();
            va.string(Devlink.ATTR_INFO_VERSION_NAME)
                    .ifPresent(n -> out.put(n, va.string(Devlink.ATTR_INFO_VERSION_VALUE).orElse("")));
        }
        return out;
    }

    /**
     * @param mac a MAC address {@code aa:bb:cc:dd:ee:ff}
     * @return its six bytes
     * @throws IllegalArgumentException when it is not six colon-separated hex bytes
     */
    public static byte[] macBytes(String mac) {
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

    /**
     * @param attr the attribute name after {@code DEVLINK_ATTR_}
     * @return the PROTOCOL error for a reply that lacks it
     */
    public static NetlinkException missing(String attr) {
        return new NetlinkException(NetlinkException.Reason.PROTOCOL, "devlink reply lacks DEVLINK_ATTR_" + attr);
    }
}
