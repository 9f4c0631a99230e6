package io.ocatopic.gpu.internal.mig;

import java.util.List;
import java.util.Optional;

/**
 * A MIG-capable GPU model: its geometry, PCI ids, NVML product names and profiles, with where the facts
 * come from. A model is named by its key, by one of its NVML product names or by one of its PCI ids (see
 * {@link MigCatalog#model(String)}).
 *
 * @param key              catalog key, e.g. {@code A100-40GB}
 * @param pciDeviceIds     PCI ids as mig-parted's {@code device-filter} writes them ({@code 0xDDDDVVVV}: the
 *                         16-bit device id, then the vendor id {@code 10DE}; NVML's {@code pciDeviceId})
 * @param memorySlices     memory slices (8; A30: 4)
 * @param computeSlices    compute slices (7; A30: 4)
 * @param profiles         the GPU instance profiles
 * @param placementsAssumed true when placements are inferred, not read from a published table or device
 * @param provenance       where each fact comes from
 * @param productNames     the names NVML ({@code nvmlDeviceGetName}) and {@code nvidia-smi} print, e.g.
 *                         {@code NVIDIA A100-SXM4-40GB}
 * <pre>{@code
 * GpuModel m = MigCatalog.builtin().byPciId(0x20B010DE).orElseThrow();
 * }</pre>
 */
public record GpuModel(String key, List<Integer> pciDeviceIds, int memorySlices, int computeSlices,
                       List<MigProfile> profiles, boolean placementsAssumed, String provenance,
                       List<String> productNames) {
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
     * @param productNames see the record component
     */
    public GpuModel {
        pciDeviceIds = List.copyOf(pciDeviceIds);
        profiles = List.copyOf(profiles);
        productNames = List.copyOf(productNames);
    }

    /**
     * A model without NVML product names (it is then named by key or PCI id only).
     *
     * @param key see the record component
     * @param pciDeviceIds see the record component
     * @param memorySlices see the record component
     * @param computeSlices see the record component
     * @param profiles see the record component
     * @param placementsAssumed see the record component
     * @param provenance see the record component
     */
    public GpuModel(String key, List<Integer> pciDeviceIds, int memorySlices, int computeSlices,
                    List<MigProfile> profiles, boolean placementsAssumed, String provenance) {
        this(key, pciDeviceIds, memorySlices, computeSlices, profiles, placementsAssumed, provenance, List.of());
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
        return MigCatalog.formatPciId(pciDeviceIds.get(0));
    }

    /**
     * Every PCI id of the model as mig-parted's device-filter writes it: a config entry for the model must
     * list them all, because mig-parted skips a GPU whose id the filter does not name.
     *
     * @return e.g. {@code [0x20B010DE, 0x20B110DE, 0x20F110DE]}
     */
    public List<String> deviceFilters() {
        return pciDeviceIds.stream().map(MigCatalog::formatPciId).toList();
    }

    /**
     * Whether a name denotes this model: its key, one of its NVML product names (with or without the
     * {@code NVIDIA } prefix; case, blanks and dashes as GPU feature discovery writes them do not matter)
     * or one of its PCI ids ({@code 0x20B010DE}, optionally with mig-parted's {@code :0xSSSSVVVV} subsystem).
     *
     * @param name the name
     * @return whether it is this model
     */
    public boolean isNamed(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        java.util.OptionalInt pci = MigCatalog.parsePciId(name);
        if (pci.isPresent()) {
            return pciDeviceIds.contains(pci.getAsInt());
        }
        String n = MigCatalog.normalizeName(name);
        return MigCatalog.normalizeName(key).equals(n)
                || productNames.stream().anyMatch(p -> MigCatalog.normalizeName(p).equals(n));
    }
}
