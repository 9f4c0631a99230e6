package io.ocatopic.netlink;

import java.util.OptionalInt;

/**
 * ESWITCH_GET's answer.
 *
 * <pre>{@code
 * boolean switchdev = devlink.eswitch(handle).mode() == EswitchMode.SWITCHDEV;
 * }</pre>
 *
 * @param handle     the devlink instance
 * @param mode       DEVLINK_ATTR_ESWITCH_MODE
 * @param inlineMode DEVLINK_ATTR_ESWITCH_INLINE_MODE (none 0, link 1, network 2, transport 3)
 * @param encapMode  DEVLINK_ATTR_ESWITCH_ENCAP_MODE (none 0, basic 1)
 */
public record EswitchSettings(DevlinkHandle handle, EswitchMode mode, OptionalInt inlineMode, OptionalInt encapMode) {
    static EswitchSettings from(Attrs a) {
        return new EswitchSettings(DevlinkHandle.from(a),
                EswitchMode.of(a.u16(Devlink.ATTR_ESWITCH_MODE).orElseThrow(() -> DevlinkHandle.missing("ESWITCH_MODE"))),
                a.u8(Devlink.ATTR_ESWITCH_INLINE_MODE), a.u8(Devlink.ATTR_ESWITCH_ENCAP_MODE));
    }
}
