package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.DevlinkPort.PortCaps;

/**
 * The devlink generic netlink ABI numbers that ocatopic uses.
 *
 * <p>Every value is from {@code include/uapi/linux/devlink.h}: checked by compiling against Debian 12's
 * {@code linux-libc-dev} copy of the header, and against NVIDIA/NV-Kernels at commit 68772071
 * (which also has the newer {@code DEVLINK_PORT_FN_ATTR_CAPS} and the capability bits, defined in the
 * API as {@link PortCaps}{@code .CAP_*}).
 *
 * <pre>{@code
 * GenlRequest r = GenlRequest.to(family, Devlink.CMD_ESWITCH_GET)
 *         .attrs(w -> w.string(Devlink.ATTR_BUS_NAME, "pci").string(Devlink.ATTR_DEV_NAME, "0000:03:00.0"));
 * }</pre>
 */
public final class Devlink {
    /** {@code DEVLINK_GENL_NAME}. */
    public static final String FAMILY = "devlink";
    /** {@code DEVLINK_GENL_VERSION}. */
    public static final int VERSION = 1;

    /** DEVLINK_CMD_GET. */
    public static final int CMD_GET = 1;
    /** DEVLINK_CMD_PORT_GET. */
    public static final int CMD_PORT_GET = 5;
    /** DEVLINK_CMD_PORT_SET. */
    public static final int CMD_PORT_SET = 6;
    /** DEVLINK_CMD_PORT_NEW. */
    public static final int CMD_PORT_NEW = 7;
    /** DEVLINK_CMD_PORT_DEL. */
    public static final int CMD_PORT_DEL = 8;
    /** DEVLINK_CMD_ESWITCH_GET. */
    public static final int CMD_ESWITCH_GET = 29;
    /** DEVLINK_CMD_ESWITCH_SET. */
    public static final int CMD_ESWITCH_SET = 30;
    /** DEVLINK_CMD_INFO_GET. */
    public static final int CMD_INFO_GET = 51;

    /** DEVLINK_ATTR_BUS_NAME (string). */
    public static final int ATTR_BUS_NAME = 1;
    /** DEVLINK_ATTR_DEV_NAME (string). */
    public static final int ATTR_DEV_NAME = 2;
    /** DEVLINK_ATTR_PORT_INDEX (u32). */
    public static final int ATTR_PORT_INDEX = 3;
    /** DEVLINK_ATTR_PORT_TYPE (u16). */
    public static final int ATTR_PORT_TYPE = 4;
    /** DEVLINK_ATTR_PORT_NETDEV_IFINDEX (u32). */
    public static final int ATTR_PORT_NETDEV_IFINDEX = 6;
    /** DEVLINK_ATTR_PORT_NETDEV_NAME (string). */
    public static final int ATTR_PORT_NETDEV_NAME = 7;
    /** DEVLINK_ATTR_ESWITCH_MODE (u16). */
    public static final int ATTR_ESWITCH_MODE = 25;
    /** DEVLINK_ATTR_ESWITCH_INLINE_MODE (u8). */
    public static final int ATTR_ESWITCH_INLINE_MODE = 26;
    /** DEVLINK_ATTR_ESWITCH_ENCAP_MODE (u8). */
    public static final int ATTR_ESWITCH_ENCAP_MODE = 62;
    /** DEVLINK_ATTR_PORT_FLAVOUR (u16). */
    public static final int ATTR_PORT_FLAVOUR = 77;
    /** DEVLINK_ATTR_PORT_NUMBER (u32). */
    public static final int ATTR_PORT_NUMBER = 78;
    /** DEVLINK_ATTR_INFO_DRIVER_NAME (string). */
    public static final int ATTR_INFO_DRIVER_NAME = 98;
    /** DEVLINK_ATTR_INFO_SERIAL_NUMBER (string). */
    public static final int ATTR_INFO_SERIAL_NUMBER = 99;
    /** DEVLINK_ATTR_INFO_VERSION_FIXED (nested). */
    public static final int ATTR_INFO_VERSION_FIXED = 100;
    /** DEVLINK_ATTR_INFO_VERSION_RUNNING (nested). */
    public static final int ATTR_INFO_VERSION_RUNNING = 101;
    /** DEVLINK_ATTR_INFO_VERSION_STORED (nested). */
    public static final int ATTR_INFO_VERSION_STORED = 102;
    /** DEVLINK_ATTR_INFO_VERSION_NAME (string). */
    public static final int ATTR_INFO_VERSION_NAME = 103;
    /** DEVLINK_ATTR_INFO_VERSION_VALUE (string). */
    public static final int ATTR_INFO_VERSION_VALUE = 104;
    /** DEVLINK_ATTR_PORT_PCI_PF_NUMBER (u16). */
    public static final int ATTR_PORT_PCI_PF_NUMBER = 127;
    /** DEVLINK_ATTR_PORT_PCI_VF_NUMBER (u16). */
    public static final int ATTR_PORT_PCI_VF_NUMBER = 128;
    /** DEVLINK_ATTR_PORT_FUNCTION (nested, DEVLINK_PORT_FUNCTION_ATTR_*). */
    public static final int ATTR_PORT_FUNCTION = 145;
    /** DEVLINK_ATTR_INFO_BOARD_SERIAL_NUMBER (string). */
    public static final int ATTR_INFO_BOARD_SERIAL_NUMBER = 146;
    /** DEVLINK_ATTR_PORT_EXTERNAL (u8). */
    public static final int ATTR_PORT_EXTERNAL = 149;
    /** DEVLINK_ATTR_PORT_CONTROLLER_NUMBER (u32). */
    public static final int ATTR_PORT_CONTROLLER_NUMBER = 150;
    /** DEVLINK_ATTR_PORT_PCI_SF_NUMBER (u32). */
    public static final int ATTR_PORT_PCI_SF_NUMBER = 164;

    /** DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR (binary). */
    public static final int FN_ATTR_HW_ADDR = 1;
    /** DEVLINK_PORT_FN_ATTR_STATE (u8). */
    public static final int FN_ATTR_STATE = 2;
    /** DEVLINK_PORT_FN_ATTR_OPSTATE (u8). */
    public static final int FN_ATTR_OPSTATE = 3;
    /** DEVLINK_PORT_FN_ATTR_CAPS (bitfield32). */
    public static final int FN_ATTR_CAPS = 4;

    /** DEVLINK_PORT_FN_CAP_ROCE (bit 0); the API's {@link PortCaps#CAP_ROCE}. */
    public static final int CAP_ROCE = PortCaps.CAP_ROCE;
    /** DEVLINK_PORT_FN_CAP_MIGRATABLE (bit 1); the API's {@link PortCaps#CAP_MIGRATABLE}. */
    public static final int CAP_MIGRATABLE = PortCaps.CAP_MIGRATABLE;
    /** DEVLINK_PORT_FN_CAP_IPSEC_CRYPTO (bit 2); the API's {@link PortCaps#CAP_IPSEC_CRYPTO}. */
    public static final int CAP_IPSEC_CRYPTO = PortCaps.CAP_IPSEC_CRYPTO;
    /** DEVLINK_PORT_FN_CAP_IPSEC_PACKET (bit 3); the API's {@link PortCaps#CAP_IPSEC_PACKET}. */
    public static final int CAP_IPSEC_PACKET = PortCaps.CAP_IPSEC_PACKET;

    private Devlink() {
    }
}
