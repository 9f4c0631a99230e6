package io.ocatopic.netlink;

/**
 * {@code enum devlink_eswitch_mode} ({@code include/uapi/linux/devlink.h}): LEGACY 0, SWITCHDEV 1.
 *
 * <pre>{@code
 * devlink.setEswitchMode(handle, EswitchMode.SWITCHDEV);
 * }</pre>
 */
public enum EswitchMode {
    /** SR-IOV legacy mode: the NIC switches VF traffic by MAC/VLAN. */
    LEGACY(0),
    /** switchdev: each VF gets a representor netdev and the eswitch is programmed like a switch. */
    SWITCHDEV(1);

    private final int value;

    EswitchMode(int value) {
        this.value = value;
    }

    /** @return the uapi value */
    public int value() {
        return value;
    }

    /**
     * @param value a uapi value
     * @return the mode
     */
    public static EswitchMode of(int value) {
        for (EswitchMode m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "unknown eswitch mode " + value);
    }
}
