package io.ocatopic.netlink;

import java.util.Objects;

/**
 * A devlink instance, named by bus and device as devlink(8) writes it: {@code pci/0000:03:00.0}.
 *
 * <pre>{@code
 * DevlinkHandle h = DevlinkHandle.parse("pci/0000:03:00.0");
 * DevlinkHandle same = DevlinkHandle.pci("0000:03:00.0");
 * }</pre>
 *
 * @param bus    the bus name ({@code pci}, {@code auxiliary}, ...)
 * @param device the device name on that bus
 */
public record DevlinkHandle(String bus, String device) {
    /**
     * Validates the names.
     *
     * @param bus see the record description
     * @param device see the record description
     */
    public DevlinkHandle {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(device, "device");
        if (bus.isEmpty() || device.isEmpty() || bus.contains("/")) {
            throw new IllegalArgumentException("bad devlink handle " + bus + "/" + device);
        }
    }

    /**
     * @param pciAddress a PCI address such as {@code 0000:03:00.0}
     * @return the handle on the pci bus
     */
    public static DevlinkHandle pci(String pciAddress) {
        return new DevlinkHandle("pci", pciAddress);
    }

    /**
     * @param text {@code bus/device}
     * @return the handle
     */
    public static DevlinkHandle parse(String text) {
        int i = text.indexOf('/');
        if (i <= 0) {
            throw new IllegalArgumentException("devlink handle must be bus/device: " + text);
        }
        return new DevlinkHandle(text.substring(0, i), text.substring(i + 1));
    }

    void write(AttrWriter w) {
        w.string(Devlink.ATTR_BUS_NAME, bus).string(Devlink.ATTR_DEV_NAME, device);
    }

    static DevlinkHandle from(Attrs a) {
        return new DevlinkHandle(a.string(Devlink.ATTR_BUS_NAME).orElseThrow(() -> missing("BUS_NAME")),
                a.string(Devlink.ATTR_DEV_NAME).orElseThrow(() -> missing("DEV_NAME")));
    }

    static NetlinkException missing(String attr) {
        return new NetlinkException(NetlinkException.Reason.PROTOCOL, "devlink reply lacks DEVLINK_ATTR_" + attr);
    }

    @Override
    public String toString() {
        return bus + "/" + device;
    }
}
