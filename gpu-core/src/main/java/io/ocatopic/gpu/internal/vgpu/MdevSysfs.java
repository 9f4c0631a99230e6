package io.ocatopic.gpu.internal.vgpu;

import io.ocatopic.gpu.GpuException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The mediated-device part of sysfs under a root directory ({@code /} on a node, a fake tree in tests):
 * {@code <root>/sys/bus/pci/devices/<BDF>/mdev_supported_types/<id>/{name, available_instances, create}}.
 * On Ampere and later the types live on the SR-IOV virtual functions ({@code virtfnN} links), before
 * Ampere on the physical function. Sources: Linux {@code Documentation/driver-api/vfio-mediated-device.rst},
 * go-nvlib {@code pkg/nvmdev/nvmdev.go}.
 *
 * <pre>{@code
 * MdevSysfs sysfs = new MdevSysfs(Path.of("/"));
 * for (String bdf : sysfs.parents()) sysfs.types(bdf).forEach(System.out::println);
 * }</pre>
 */
public final class MdevSysfs {
    private final Path devices;

    /**
     * Opens the tree under a root.
     *
     * @param root the root directory ({@code /} on a real node)
     */
    public MdevSysfs(Path root) {
        this.devices = root.resolve("sys/bus/pci/devices");
    }

    /**
     * PCI functions that offer mediated device types.
     *
     * @return their addresses, sorted
     */
    public List<String> parents() {
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(devices)) {
            return s.filter(p -> Files.isDirectory(p.resolve("mdev_supported_types")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw io("cannot list " + devices, e);
        }
    }

    /**
     * The SR-IOV virtual functions of a physical function.
     *
     * @param bdf the physical function
     * @return the virtual functions' addresses, in {@code virtfnN} order
     */
    public List<String> virtualFunctions(String bdf) {
        List<String> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            Path link = devices.resolve(bdf).resolve("virtfn" + i);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return out;
            }
            try {
                Path target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : link.toRealPath();
                out.add(target.getFileName().toString());
            } catch (IOException e) {
                throw io("cannot read " + link, e);
            }
        }
    }

    /**
     * The types a PCI function offers.
     *
     * @param bdf the function, e.g. {@code 0000:41:00.4}
     * @return its types, sorted by id; empty when it offers none
     */
    public List<MdevType> types(String bdf) {
        Path dir = devices.resolve(bdf).resolve("mdev_supported_types");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MdevType> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path t : s.sorted().toList()) {
                String name = Files.readString(t.resolve("name")).trim();
                int avail = Integer.parseInt(Files.readString(t.resolve("available_instances")).trim());
                out.add(new MdevType(bdf, t.getFileName().toString(), name, avail));
            }
        } catch (IOException | NumberFormatException e) {
            throw io("cannot read mdev types of " + bdf, e);
        }
        return out;
    }

    /**
     * Finds the type of a function whose name denotes a vGPU type.
     *
     * @param bdf  the function
     * @param type the vGPU type
     * @return the mdev type
     */
    public Optional<MdevType> find(String bdf, VgpuType type) {
        return types(bdf).stream().filter(t -> t.vgpuType().map(type::equals).orElse(false)).findFirst();
    }

    /**
     * Creates a mediated device by writing its UUID to the type's {@code create} file.
     *
     * @param type the type (from {@link #types})
     * @param uuid the new device's UUID
     * @throws GpuException INVALID when the type has no available instance, IO when the write fails
     */
    public void create(MdevType type, UUID uuid) {
        Path dir = devices.resolve(type.bdf()).resolve("mdev_supported_types").resolve(type.id());
        MdevType now = types(type.bdf()).stream().filter(t -> t.id().equals(type.id())).findFirst()
                .orElseThrow(() -> new GpuException(GpuException.Reason.DEVICE_MISMATCH,
                        type.bdf() + " offers no mdev type " + type.id()));
        if (now.availableInstances() < 1) {
            throw new GpuException(GpuException.Reason.INVALID, type.bdf() + "/" + type.id() + " (" + type.name()
                    + ") has no available instance");
        }
        try {
            Files.writeString(dir.resolve("create"), uuid.toString(), java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw io("cannot create mdev " + uuid + " of " + type.id() + " on " + type.bdf(), e);
        }
    }

    private static GpuException io(String message, Exception e) {
        return new GpuException(GpuException.Reason.IO, message, List.of(), e);
    }
}
