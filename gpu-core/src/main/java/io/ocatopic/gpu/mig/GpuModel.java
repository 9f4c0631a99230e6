package io.ocatopic.gpu.mig;

import java.util.List;
import java.util.Optional;

/**
 * A MIG-capable GPU model: its geometry, PCI ids and profiles, with where the facts come from.
 *
 * @param key              catalog key, e.g. {@code A100-40GB}
 * @param pciDeviceIds     PCI ids as mig-parted's {@code device-filter} writes them ({@code 0xDDDDVVVV})
 * @param memorySlices     memory slices (8; A30: 4)
 * @param computeSlices    compute slices (7; A30: 4)
 * @param profiles         the GPU instance profiles
 * @param placementsAssumed true when placements are inferred, not read from a published table or device
 * @param provenance       where each fact comes from
 * <pre>{@code
 * GpuModel m = MigCatalog.builtin().byPciId(0x20B010DE).orElseThrow();
 * }</pre>
 */
public record GpuModel(String key, List<Integer> pciDeviceIds, int memorySlices, int computeSlices,
                       List<MigProfile> profiles, boolean placementsAssumed, String provenance) {
    /**
     * Validates and copies.
     *
     * @param key see the record component
     * @param pciDeviceIds see the record component
     * @param memorySlices see the record component
     * @param computeSlices see the record component
     * @param profiles see the record component
     * @param placementsAssumed see the record component
     * @param provenance see the record component
     */
    public GpuModel {
        pciDeviceIds = List.copyOf(pciDeviceIds);
        profiles = List.copyOf(profiles);
    }

    /**
     * Looks a profile up by name.
     *
     * @param name profile name
     * @return the profile, empty when this model has none of that name
     */
    public Optional<MigProfile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Looks a profile up by its NVML enum.
     *
     * @param profileEnum the enum
     * @return the profile
     */
    public Optional<MigProfile> profileByEnum(int profileEnum) {
        return profiles.stream().filter(p -> p.profileEnum() == profileEnum).findFirst();
    }

    /** @return the model's first PCI id formatted as mig-parted's device-filter ({@code 0x20B010DE}) */
    public String deviceFilter() {
        return String.format("0x%08X", pciDeviceIds.get(0));
    }
}
