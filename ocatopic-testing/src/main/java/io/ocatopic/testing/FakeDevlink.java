package io.ocatopic.testing;

import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.NetlinkException;
import io.ocatopic.netlink.internal.Attr;
import io.ocatopic.netlink.internal.Attrs;
import io.ocatopic.netlink.internal.Devlink;
import io.ocatopic.netlink.internal.Errno;
import io.ocatopic.netlink.internal.GenlDevlinkClient;
import io.ocatopic.netlink.internal.GenlFamily;
import io.ocatopic.netlink.internal.GenlMessage;
import io.ocatopic.netlink.internal.GenlRequest;
import io.ocatopic.netlink.internal.GenlTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A devlink "kernel" for one mlx5-like PF (a BlueField or ConnectX card), to test DPU code without the card.
 * {@link #client()} is ocatopic's real {@link DevlinkClient} over it: the requests are encoded as for the
 * kernel, and the fake decodes them and answers like the kernel would, so the wire codec is exercised.
 *
 * <pre>{@code
 * Path root = Files.createTempDirectory("sysfs");
 * FakeDevlink.sysfsCard(root, "0000:03:00.0", 16, 0);            // a PF without VFs
 * FakeDevlink card = FakeDevlink.mlx5(root, "0000:03:00.0");
 * DevlinkClient devlink = card.client();
 * devlink.setEswitchMode(card.handle(), DevlinkClient.EswitchMode.SWITCHDEV);
 * System.out.println(card.calls());                              // [ESWITCH_SET mode=1 numvfs=0]
 * }</pre>
 *
 * <p>What it models: the instance {@code pci/<address>} ({@code devlink dev} lists it); its eswitch mode,
 * legacy at first; an uplink port {@code p0} (index 0) and, in switchdev mode only, one PCI_VF port per VF
 * (index {@code 1 + vf}, netdev {@code pf0vf<vf>}) with the VF's function capabilities; PORT_SET of those
 * capabilities. The VF count is read, on every request, from {@code sriov_numvfs} of the fake sysfs tree
 * ({@code <root>/sys/bus/pci/devices/<address>/sriov_numvfs}, 0 when absent), so code that writes it is seen.
 * Like ConnectX-6 Lx (sriov-network-operator issue 1015) the fake refuses to change the eswitch mode with
 * EBUSY while the PF has VFs. A request for another instance fails with ENODEV, a command it does not model
 * with EOPNOTSUPP. Thread-safe.
 */
public final class FakeDevlink {
    private static final GenlFamily FAMILY = new GenlFamily(Devlink.FAMILY, 0x15, Devlink.VERSION, 180, Map.of());
    private static final int ENODEV = 19;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;

    private final DevlinkHandle handle;
    private final Path numVfsFile;
    private final Kernel kernel = new Kernel();
    private final Object lock = new Object();
    private int eswitchMode = EswitchMode.LEGACY.value();
    private final Map<Integer, Integer> caps = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private OptionalInt refusePortSetOnVf = OptionalInt.empty();

    private FakeDevlink(DevlinkHandle handle, Path sysfsRoot) {
        this.handle = handle;
        this.numVfsFile = pciDevice(sysfsRoot, handle.device()).resolve("sriov_numvfs");
    }

    /**
     * Returns a fake kernel with one mlx5 PF on the PCI bus, in legacy mode, its VF count read from a fake
     * sysfs tree.
     *
     * <pre>{@code
     * FakeDevlink card = FakeDevlink.mlx5(root, "0000:03:00.0");   // devlink handle pci/0000:03:00.0
     * }</pre>
     *
     * @param sysfsRoot  the directory holding {@code sys/...} (see {@link #sysfsCard(Path, String, int, int)})
     * @param pciAddress the PF's PCI address, such as {@code 0000:03:00.0}
     * @return the fake
     * @throws IllegalArgumentException when {@code pciAddress} is not a PCI address
     */
    public static FakeDevlink mlx5(Path sysfsRoot, String pciAddress) {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        return new FakeDevlink(DevlinkHandle.pci(checkBdf(pciAddress)), sysfsRoot);
    }

    /**
     * Lays out the sysfs files of an SR-IOV PF below a root: {@code sys/bus/pci/devices/<address>/sriov_totalvfs}
     * and {@code .../sriov_numvfs}, as ocatopic's card setup reads and writes them.
     *
     * <pre>{@code
     * FakeDevlink.sysfsCard(root, "0000:03:00.0", 16, 4);   // legacy mode with 4 VFs: switchdev is refused
     * }</pre>
     *
     * @param root       the directory to hold {@code sys/...}
     * @param pciAddress the PF's PCI address, such as {@code 0000:03:00.0}
     * @param totalVfs   the VFs the PF offers ({@code sriov_totalvfs})
     * @param numVfs     the VFs it has now ({@code sriov_numvfs})
     * @return the PF's directory, {@code <root>/sys/bus/pci/devices/<address>}
     * @throws IllegalArgumentException when {@code pciAddress} is not a PCI address or a count is out of range
     * @throws UncheckedIOException     when the files cannot be written
     */
    public static Path sysfsCard(Path root, String pciAddress, int totalVfs, int numVfs) {
        if (totalVfs < 0 || numVfs < 0 || numVfs > totalVfs) {
            throw new IllegalArgumentException("need 0 <= numVfs <= totalVfs, got " + numVfs + " of " + totalVfs);
        }
        Path dev = pciDevice(root, checkBdf(pciAddress));
        try {
            Files.createDirectories(dev);
            Files.writeString(dev.resolve("sriov_totalvfs"), totalVfs + "\n", StandardCharsets.US_ASCII);
            Files.writeString(dev.resolve("sriov_numvfs"), numVfs + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the fake sysfs of " + pciAddress, e);
        }
        return dev;
    }

    /**
     * Lays out a representor netdev below a root: {@code sys/class/net/<netdev>/phys_port_name}, by which
     * ocatopic's card setup finds the representor of each VF.
     *
     * <pre>{@code
     * for (int vf = 0; vf < 8; vf++) {
     *     FakeDevlink.sysfsRepresentor(root, "eth" + (10 + vf), "pf0vf" + vf);
     * }
     * }</pre>
     *
     * @param root         the directory to hold {@code sys/...}
     * @param netdev       the netdev name, such as {@code eth10}
     * @param physPortName its {@code phys_port_name}, such as {@code pf0vf0}
     * @return the netdev's directory, {@code <root>/sys/class/net/<netdev>}
     * @throws IllegalArgumentException when {@code netdev} is empty or holds a {@code /}
     * @throws UncheckedIOException     when the files cannot be written
     */
    public static Path sysfsRepresentor(Path root, String netdev, String physPortName) {
        Objects.requireNonNull(physPortName, "physPortName");
        if (netdev.isEmpty() || netdev.contains("/")) {
            throw new IllegalArgumentException("bad netdev name " + netdev);
        }
        Path dir = root.resolve("sys/class/net").resolve(netdev);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("phys_port_name"), physPortName + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the fake sysfs of " + netdev, e);
        }
        return dir;
    }

    /**
     * Returns the devlink instance this fake models.
     *
     * <pre>{@code
     * devlink.eswitch(card.handle());
     * }</pre>
     *
     * @return the handle {@code pci/<address>}
     */
    public DevlinkHandle handle() {
        return handle;
    }

    /**
     * Returns a new real devlink client ({@code DevlinkClient.open()}'s implementation) over this fake
     * instead of a netlink socket; closing it changes nothing here.
     *
     * <pre>{@code
     * DevlinkClient devlink = card.client();
     * List<DevlinkPort> ports = devlink.ports(card.handle());   // p0, and pf0vfN in switchdev
     * }</pre>
     *
     * @return a client whose requests this fake answers
     */
    public DevlinkClient client() {
        return GenlDevlinkClient.over(kernel);
    }

    /**
     * Returns the eswitch mode the fake is in now.
     *
     * <pre>{@code
     * assertEquals(DevlinkClient.EswitchMode.SWITCHDEV, card.eswitchMode());
     * }</pre>
     *
     * @return the current mode
     */
    public EswitchMode eswitchMode() {
        synchronized (lock) {
            return EswitchMode.of(eswitchMode);
        }
    }

    /**
     * Presets the eswitch mode, as if the card had been set up before the test; not logged in {@link #calls()}
     * and not refused for VFs.
     *
     * <pre>{@code
     * card.eswitchMode(DevlinkClient.EswitchMode.SWITCHDEV);
     * }</pre>
     *
     * @param mode the mode to be in
     * @return this fake
     */
    public FakeDevlink eswitchMode(EswitchMode mode) {
        synchronized (lock) {
            this.eswitchMode = mode.value();
            return this;
        }
    }

    /**
     * Returns the function capability bits of a VF's port, as PORT_SET left them.
     *
     * <pre>{@code
     * boolean roce = (card.vfCaps(3) & DevlinkPort.PortCaps.CAP_ROCE) != 0;
     * }</pre>
     *
     * @param vf the VF number
     * @return the capability bits ({@code DevlinkPort.PortCaps.CAP_*}); 0 when never set
     */
    public int vfCaps(int vf) {
        synchronized (lock) {
            return caps.getOrDefault(vf, 0);
        }
    }

    /**
     * Returns what the client changed, in order: one line per ESWITCH_SET
     * ({@code ESWITCH_SET mode=1 numvfs=0}, logged also when refused) and per PORT_SET
     * ({@code PORT_SET vf=3 caps=5}, or {@code PORT_SET vf=3 refused} for an injected failure).
     *
     * <pre>{@code
     * long sets = card.calls().stream().filter(c -> c.startsWith("ESWITCH_SET")).count();
     * }</pre>
     *
     * @return a copy of the log
     */
    public List<String> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /**
     * Injects a failure: PORT_SET on one VF's port fails with EOPNOTSUPP (and changes nothing) until
     * {@link #clearFaults()}.
     *
     * <pre>{@code
     * card.refusePortSetOnVf(3);   // card setup stops at VF 3 and reports what it applied
     * }</pre>
     *
     * @param vf the VF number
     * @return this fake
     */
    public FakeDevlink refusePortSetOnVf(int vf) {
        synchronized (lock) {
            this.refusePortSetOnVf = OptionalInt.of(vf);
            return this;
        }
    }

    /**
     * Removes an injected failure: every request is answered as the kernel would again.
     *
     * <pre>{@code
     * card.clearFaults();
     * }</pre>
     *
     * @return this fake
     */
    public FakeDevlink clearFaults() {
        synchronized (lock) {
            this.refusePortSetOnVf = OptionalInt.empty();
            return this;
        }
    }

    private static String checkBdf(String bdf) {
        if (!bdf.matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]")) {
            throw new IllegalArgumentException("bad PCI address " + bdf);
        }
        return bdf;
    }

    private static Path pciDevice(Path root, String bdf) {
        return root.resolve("sys/bus/pci/devices").resolve(bdf);
    }

    private int numVfs() {
        try {
            if (!Files.exists(numVfsFile)) {
                return 0;
            }
            return Integer.parseInt(Files.readString(numVfsFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NetlinkException err(int errno, String msg) {
        return new NetlinkException(NetlinkException.Reason.KERNEL_ERROR, errno, msg,
                "devlink failed: " + Errno.name(errno) + " (" + errno + "): " + msg);
    }

    private void checkHandle(Attrs a) {
        if (!a.string(Devlink.ATTR_BUS_NAME).orElse("").equals(handle.bus())
                || !a.string(Devlink.ATTR_DEV_NAME).orElse("").equals(handle.device())) {
            throw err(ENODEV, "no such devlink instance");
        }
    }

    private GenlMessage uplinkPort() {
        return GenlMessage.of(Devlink.CMD_PORT_GET, w -> {
            w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
            w.u32(Devlink.ATTR_PORT_INDEX, 0).u16(Devlink.ATTR_PORT_FLAVOUR, 0)
                    .string(Devlink.ATTR_PORT_NETDEV_NAME, "p0").u16(Devlink.ATTR_PORT_PCI_PF_NUMBER, 0);
        });
    }

    private GenlMessage vfPort(int vf) {
        int c = caps.getOrDefault(vf, 0);
        return GenlMessage.of(Devlink.CMD_PORT_GET, w -> {
            w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
            w.u32(Devlink.ATTR_PORT_INDEX, 1 + vf).u16(Devlink.ATTR_PORT_FLAVOUR, 4)
                    .string(Devlink.ATTR_PORT_NETDEV_NAME, "pf0vf" + vf)
                    .u16(Devlink.ATTR_PORT_PCI_PF_NUMBER, 0).u16(Devlink.ATTR_PORT_PCI_VF_NUMBER, vf);
            w.nested(Devlink.ATTR_PORT_FUNCTION, f -> f.bitfield32(Devlink.FN_ATTR_CAPS, c, 0xf));
        });
    }

    private List<GenlMessage> answer(GenlRequest r) {
        synchronized (lock) {
            if (r.familyId() != FAMILY.id()) {
                throw err(EINVAL, "wrong family");
            }
            Attrs a = r.decodedAttrs();
            switch (r.command()) {
                case Devlink.CMD_GET:
                    if (!r.dump()) {
                        throw err(EOPNOTSUPP, "fake supports the dump only");
                    }
                    return List.of(GenlMessage.of(Devlink.CMD_GET, w -> w.string(Devlink.ATTR_BUS_NAME, handle.bus())
                            .string(Devlink.ATTR_DEV_NAME, handle.device())));
                case Devlink.CMD_ESWITCH_GET:
                    checkHandle(a);
                    return List.of(GenlMessage.of(Devlink.CMD_ESWITCH_GET, w -> {
                        w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
                        w.u16(Devlink.ATTR_ESWITCH_MODE, eswitchMode);
                    }));
                case Devlink.CMD_ESWITCH_SET: {
                    checkHandle(a);
                    int mode = a.u16(Devlink.ATTR_ESWITCH_MODE).orElseThrow();
                    int vfs = numVfs();
                    calls.add("ESWITCH_SET mode=" + mode + " numvfs=" + vfs);
                    if (mode != eswitchMode && vfs > 0) {
                        throw err(EBUSY, "Can't change mode while VFs exist");
                    }
                    eswitchMode = mode;
                    return List.of();
                }
                case Devlink.CMD_PORT_GET: {
                    if (!r.dump()) {
                        checkHandle(a);
                        int index = a.u32(Devlink.ATTR_PORT_INDEX).orElseThrow();
                        if (index == 0) {
                            return List.of(uplinkPort());
                        }
                        if (eswitchMode != EswitchMode.SWITCHDEV.value() || index < 0 || index - 1 >= numVfs()) {
                            throw err(ENODEV, "no port " + index);
                        }
                        return List.of(vfPort(index - 1));
                    }
                    List<GenlMessage> out = new ArrayList<>();
                    out.add(uplinkPort());
                    if (eswitchMode == EswitchMode.SWITCHDEV.value()) {
                        for (int vf = 0; vf < numVfs(); vf++) {
                            out.add(vfPort(vf));
                        }
                    }
                    return out;
                }
                case Devlink.CMD_PORT_SET: {
                    checkHandle(a);
                    int index = a.u32(Devlink.ATTR_PORT_INDEX).orElseThrow();
                    int vf = index - 1;
                    if (eswitchMode != EswitchMode.SWITCHDEV.value() || vf < 0 || vf >= numVfs()) {
                        throw err(ENODEV, "no port " + index);
                    }
                    if (refusePortSetOnVf.isPresent() && refusePortSetOnVf.getAsInt() == vf) {
                        calls.add("PORT_SET vf=" + vf + " refused");
                        throw err(EOPNOTSUPP, "injected failure");
                    }
                    Attr c = a.nested(Devlink.ATTR_PORT_FUNCTION).orElseThrow().first(Devlink.FN_ATTR_CAPS)
                            .orElseThrow();
                    int old = caps.getOrDefault(vf, 0);
                    caps.put(vf, (old & ~c.bitfieldSelector()) | (c.bitfieldValue() & c.bitfieldSelector()));
                    calls.add("PORT_SET vf=" + vf + " caps=" + caps.get(vf));
                    return List.of();
                }
                default:
                    throw err(EOPNOTSUPP, "command " + r.command() + " not in the fake");
            }
        }
    }

    /** The transport seam the real client talks to: this fake's kernel side. */
    private final class Kernel implements GenlTransport {
        @Override
        public GenlFamily family(String name) {
            if (!name.equals(Devlink.FAMILY)) {
                throw new NetlinkException(NetlinkException.Reason.FAMILY_NOT_FOUND, 2, null, "no family " + name);
            }
            return FAMILY;
        }

        @Override
        public List<GenlMessage> exchange(GenlRequest request) {
            return answer(request);
        }

        @Override
        public void close() {
        }
    }
}
