package io.ocatopic.dpu.internal.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * sysfs below a root directory: {@code /} on a real node, a temporary tree in tests. Paths used
 * ({@code Documentation/PCI/pci-iov-howto.rst}, {@code Documentation/ABI/testing/sysfs-class-net}):
 * {@code sys/bus/pci/devices/<BDF>/sriov_numvfs}, {@code .../sriov_totalvfs},
 * {@code sys/class/net/<netdev>/phys_port_name}.
 *
 * <pre>{@code
 * SysfsRoot sys = SysfsRoot.system();
 * int vfs = sys.numVfs("0000:03:00.0").orElse(0);
 * }</pre>
 *
 * <p>sysfs attributes are written in place (a sysfs file cannot be replaced by rename).
 */
public final class SysfsRoot {
    private final Path root;

    private SysfsRoot(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** @return the real sysfs, below {@code /} */
    public static SysfsRoot system() {
        return new SysfsRoot(Path.of("/"));
    }

    /**
     * @param root a directory holding {@code sys/...}
     * @return sysfs below that root
     */
    public static SysfsRoot at(Path root) {
        return new SysfsRoot(root);
    }

    /** @return the root directory */
    public Path root() {
        return root;
    }

    private Path pci(String bdf, String attr) {
        if (!bdf.matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]")) {
            throw new IllegalArgumentException("bad PCI address " + bdf);
        }
        return root.resolve("sys/bus/pci/devices").resolve(bdf).resolve(attr);
    }

    private static OptionalInt readInt(Path p) throws IOException {
        if (!Files.exists(p)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(Files.readString(p, StandardCharsets.US_ASCII).trim()));
    }

    /**
     * @param bdf the PF's PCI address
     * @return {@code sriov_numvfs}, when the device has SR-IOV
     * @throws IOException when the file cannot be read
     */
    public OptionalInt numVfs(String bdf) throws IOException {
        return readInt(pci(bdf, "sriov_numvfs"));
    }

    /**
     * @param bdf the PF's PCI address
     * @return {@code sriov_totalvfs}, when the device has SR-IOV
     * @throws IOException when the file cannot be read
     */
    public OptionalInt totalVfs(String bdf) throws IOException {
        return readInt(pci(bdf, "sriov_totalvfs"));
    }

    /**
     * Writes {@code sriov_numvfs}. The kernel refuses changing a non-zero count to another non-zero
     * count (EBUSY): write 0 first.
     *
     * @param bdf the PF's PCI address
     * @param n   the VF count
     * @throws IOException when the write fails
     */
    public void setNumVfs(String bdf, int n) throws IOException {
        Path p = pci(bdf, "sriov_numvfs");
        if (!Files.exists(p)) {
            throw new IOException(p + " does not exist (no SR-IOV PF at " + bdf + ")");
        }
        Files.writeString(p, Integer.toString(n), StandardCharsets.US_ASCII);
    }

    /**
     * A network device and its {@code phys_port_name}.
     *
     * @param name         the netdev name
     * @param physPortName its {@code phys_port_name} (absent or unreadable for most non-representors)
     */
    public record Netdev(String name, Optional<String> physPortName) {
    }

    /**
     * @return every netdev under {@code sys/class/net}, sorted by name
     * @throws IOException when the directory cannot be listed
     */
    public List<Netdev> netdevs() throws IOException {
        Path dir = root.resolve("sys/class/net");
        List<Netdev> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path d : ds) {
                Optional<String> ppn = Optional.empty();
                try {
                    Path f = d.resolve("phys_port_name");
                    if (Files.exists(f)) {
                        String s = Files.readString(f, StandardCharsets.US_ASCII).trim();
                        ppn = s.isEmpty() ? Optional.empty() : Optional.of(s);
                    }
                } catch (IOException e) {
                    // reading phys_port_name of a device without one fails with EOPNOTSUPP: not a representor
                }
                out.add(new Netdev(d.getFileName().toString(), ppn));
            }
        }
        out.sort(java.util.Comparator.comparing(Netdev::name));
        return out;
    }
}
