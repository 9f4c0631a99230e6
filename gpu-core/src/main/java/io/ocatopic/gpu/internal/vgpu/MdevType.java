package io.ocatopic.gpu.internal.vgpu;

import java.util.Optional;

/**
 * One mediated device type a PCI function offers
 * ({@code /sys/bus/pci/devices/<BDF>/mdev_supported_types/<id>/}).
 *
 * @param bdf                the parent PCI function, e.g. {@code 0000:41:00.4}
 * @param id                 the type id (directory name), e.g. {@code nvidia-699}
 * @param name               the {@code name} file, e.g. {@code GRID A100D-1-10C}
 * @param availableInstances the {@code available_instances} file
 * <pre>{@code
 * for (MdevType t : sysfs.types("0000:41:00.4")) System.out.println(t.name() + " " + t.availableInstances());
 * }</pre>
 */
public record MdevType(String bdf, String id, String name, int availableInstances) {
    /** @return the vGPU type the name denotes, empty when it is not an NVIDIA vGPU type name */
    public Optional<VgpuType> vgpuType() {
        try {
            return Optional.of(VgpuType.fromMdevName(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
