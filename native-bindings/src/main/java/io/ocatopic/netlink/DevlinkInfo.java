package io.ocatopic.netlink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * INFO_GET's answer: driver, serial numbers and the fixed, running and stored versions.
 *
 * <pre>{@code
 * DevlinkInfo info = devlink.info(handle);
 * String fw = info.running().getOrDefault("fw.version", "?");
 * }</pre>
 *
 * @param handle       the devlink instance
 * @param driver       DEVLINK_ATTR_INFO_DRIVER_NAME
 * @param serialNumber DEVLINK_ATTR_INFO_SERIAL_NUMBER
 * @param boardSerial  DEVLINK_ATTR_INFO_BOARD_SERIAL_NUMBER
 * @param fixed        DEVLINK_ATTR_INFO_VERSION_FIXED name to value (for example {@code board.id})
 * @param running      DEVLINK_ATTR_INFO_VERSION_RUNNING name to value (for example {@code fw.version})
 * @param stored       DEVLINK_ATTR_INFO_VERSION_STORED name to value
 */
public record DevlinkInfo(DevlinkHandle handle, String driver, Optional<String> serialNumber,
                          Optional<String> boardSerial, Map<String, String> fixed, Map<String, String> running,
                          Map<String, String> stored) {
    /**
     * Copies the maps.
     *
     * @param handle see the record description
     * @param driver see the record description
     * @param serialNumber see the record description
     * @param boardSerial see the record description
     * @param fixed see the record description
     * @param running see the record description
     * @param stored see the record description
     */
    public DevlinkInfo {
        fixed = Map.copyOf(fixed);
        running = Map.copyOf(running);
        stored = Map.copyOf(stored);
    }

    static DevlinkInfo from(Attrs a) {
        return new DevlinkInfo(DevlinkHandle.from(a), a.string(Devlink.ATTR_INFO_DRIVER_NAME).orElse(""),
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
}
