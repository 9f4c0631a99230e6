package io.ocatopic.netlink;

import io.ocatopic.netlink.internal.GenlDevlinkClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * devlink over generic netlink: device list and info, eswitch mode, ports, port functions.
 *
 * <pre>{@code
 * try (DevlinkClient devlink = DevlinkClient.open()) {   // NO_DEVLINK when the kernel has none
 *     DevlinkClient.DevlinkHandle card = DevlinkClient.DevlinkHandle.pci("0000:03:00.0");
 *     if (devlink.eswitch(card).mode() != DevlinkClient.EswitchMode.SWITCHDEV) {
 *         devlink.setEswitchMode(card, DevlinkClient.EswitchMode.SWITCHDEV);
 *     }
 * }
 * }</pre>
 *
 * <p>The family id is resolved once, when the client is opened, with CTRL_CMD_GETFAMILY. The values
 * this client takes and returns are nested here (the instance handle, the eswitch mode and settings,
 * the device info) and in {@link DevlinkPort} (ports, their flavour, function and capabilities).
 * Thread-safe: requests are serialised on the client's socket.
 */
public interface DevlinkClient extends AutoCloseable {
    /** The receive timeout of {@link #open()}: how long to wait for each answer datagram. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Opens a client on a new NETLINK_GENERIC socket with {@link #DEFAULT_TIMEOUT}; {@link #close()}
     * closes the socket.
     *
     * @return the client
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened, NO_DEVLINK when the
     *                          kernel has no devlink family
     */
    static DevlinkClient open() {
        return open(DEFAULT_TIMEOUT);
    }

    /**
     * Opens a client on a new NETLINK_GENERIC socket; {@link #close()} closes the socket.
     *
     * @param timeout how long to wait for each answer datagram
     * @return the client
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened, NO_DEVLINK when the
     *                          kernel has no devlink family
     */
    static DevlinkClient open(Duration timeout) {
        return GenlDevlinkClient.open(timeout);
    }

    /**
     * Lists every devlink instance.
     *
     * @return every devlink instance (GET dump)
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    List<DevlinkHandle> devices();

    /**
     * Returns the driver, serial numbers and versions of a devlink instance.
     *
     * @param h the instance
     * @return its driver, serials and versions (INFO_GET)
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    DevlinkInfo info(DevlinkHandle h);

    /**
     * Returns the eswitch settings of a devlink instance.
     *
     * @param h the instance
     * @return its eswitch settings (ESWITCH_GET)
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    EswitchSettings eswitch(DevlinkHandle h);

    /**
     * Sets the eswitch mode (ESWITCH_SET). Some NICs refuse switchdev while VFs exist (EBUSY): set the
     * VF count to 0 first.
     *
     * @param h    the instance
     * @param mode the mode
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    void setEswitchMode(DevlinkHandle h, EswitchMode mode);

    /**
     * Lists every port of every devlink instance.
     *
     * @return every port of every instance (PORT_GET dump)
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    List<DevlinkPort> ports();

    /**
     * Lists the ports of one devlink instance.
     *
     * @param h the instance
     * @return the ports of one instance
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    List<DevlinkPort> ports(DevlinkHandle h);

    /**
     * Returns one port, with its function.
     *
     * @param h     the instance
     * @param index the port index
     * @return the port, with its function (PORT_GET)
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    DevlinkPort port(DevlinkHandle h, int index);

    /**
     * Adds a port (PORT_NEW), for example a sub-function.
     *
     * @param h    the instance
     * @param port what to add
     * @return the new port as the kernel reported it
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    DevlinkPort newPort(DevlinkHandle h, DevlinkPort.NewPort port);

    /**
     * Deletes a port (PORT_DEL).
     *
     * @param h     the instance
     * @param index the port index
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    void deletePort(DevlinkHandle h, int index);

    /**
     * Changes a port's function (PORT_SET with DEVLINK_ATTR_PORT_FUNCTION): the fields present in
     * {@code fn} (hardware address, state, caps); the rest stay as they are.
     *
     * @param h     the instance
     * @param index the port index
     * @param fn    the settings
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    void setPortFunction(DevlinkHandle h, int index, DevlinkPort.PortFunction fn);

    /** Closes the socket when this client opened it ({@link #open()}); otherwise does nothing. */
    @Override
    void close();

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
    record DevlinkHandle(String bus, String device) {
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
         * Returns the handle of a PCI device.
         *
         * @param pciAddress a PCI address such as {@code 0000:03:00.0}
         * @return the handle on the pci bus
         */
        public static DevlinkHandle pci(String pciAddress) {
            return new DevlinkHandle("pci", pciAddress);
        }

        /**
         * Parses a handle from its {@code bus/device} text.
         *
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

        @Override
        public String toString() {
            return bus + "/" + device;
        }
    }

    /**
     * {@code enum devlink_eswitch_mode} ({@code include/uapi/linux/devlink.h}): LEGACY 0, SWITCHDEV 1.
     *
     * <pre>{@code
     * devlink.setEswitchMode(handle, EswitchMode.SWITCHDEV);
     * }</pre>
     */
    enum EswitchMode {
        /** SR-IOV legacy mode: the NIC switches VF traffic by MAC/VLAN. */
        LEGACY(0),
        /** switchdev: each VF gets a representor netdev and the eswitch is programmed like a switch. */
        SWITCHDEV(1);

        private final int value;

        EswitchMode(int value) {
            this.value = value;
        }

        /**
         * Returns the kernel uapi value of the mode.
         *
         * @return the uapi value
         */
        public int value() {
            return value;
        }

        /**
         * Returns the mode of a kernel uapi value.
         *
         * @param value a uapi value
         * @return the mode
         * @throws NetlinkException with reason PROTOCOL for a value this binding does not know
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
    record EswitchSettings(DevlinkHandle handle, EswitchMode mode, OptionalInt inlineMode, OptionalInt encapMode) {
    }

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
    record DevlinkInfo(DevlinkHandle handle, String driver, Optional<String> serialNumber,
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
    }
}
