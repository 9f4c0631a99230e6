package io.ocatopic.gpu.mig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MIG catalog: GPU models keyed by PCI device id and by key, each profile keyed by (model, name),
 * because names are not globally unique ("1g.10gb" is 1/8 of an 80GB card but 2/8 of a 40GB card).
 *
 * <pre>{@code
 * MigCatalog catalog = MigCatalog.builtin();
 * GpuModel a100 = catalog.model("A100-40GB").orElseThrow();
 * }</pre>
 */
public final class MigCatalog {
    // Provenance (see /work/shared/reference/gpu-mig-vgpu-nvml.md):
    // A100-40GB: NVIDIA MIG User Guide "GPU Instance Profiles on A100" + "-lgipp" output in "Getting Started";
    //   NVML enums from go-nvml pkg/nvml/mock/gpus/a100.go. A100-80GB: same ids/placements (MIG UG note,
    //   go-nvml mock a100_80gb). H100-80GB: MIG UG Table 7, placements from a published H100 "-lgipp" capture.
    // H200: MIG UG Table 8, go-nvml mock/gpus/h200.go (names, counts); placements ASSUMED equal to H100.
    // B200: MIG UG Table 9 (names, counts); placements ASSUMED. A30: MIG UG "A30 MIG profiles" (names, ids,
    //   counts); 4 memory and 4 compute slices; placements ASSUMED from the geometry.
    // PCI ids: gpu-operator assets/state-mig-manager/0400_configmap.yaml device-filter entries.
    private static final List<Integer> ALL_STARTS_7 = List.of(0, 1, 2, 3, 4, 5, 6);

    private final List<GpuModel> models;

    /**
     * Creates a catalog from models.
     *
     * @param models the models
     */
    public MigCatalog(List<GpuModel> models) {
        this.models = List.copyOf(models);
    }

    /** @return the built-in catalog: A30, A100-40GB, A100-80GB, H100-80GB, H200, B200 */
    public static MigCatalog builtin() {
        List<GpuModel> m = new ArrayList<>();
        m.add(new GpuModel("A30", List.of(0x20B710DE), 4, 4, List.of(
                new MigProfile("1g.6gb", 0x0, 14, 1, 1, 4, List.of(0, 1, 2, 3)),
                new MigProfile("1g.6gb+me", 0x7, 21, 1, 1, 1, List.of(0, 1, 2, 3)),
                new MigProfile("2g.12gb", 0x1, 5, 2, 2, 2, List.of(0, 2)),
                new MigProfile("2g.12gb+me", 0x8, 6, 2, 2, 1, List.of(0, 2)),
                new MigProfile("4g.24gb", 0x3, 0, 4, 4, 1, List.of(0))),
                true, "MIG UG A30 profiles table; placements assumed from 4-slice geometry"));
        m.add(eightSlice("A100-40GB", List.of(0x20B010DE, 0x20F110DE), "1g.5gb", "1g.10gb", "2g.10gb", "3g.20gb",
                "4g.20gb", "7g.40gb", false, "MIG UG A100 profiles table and -lgipp; go-nvml mock a100.go"));
        m.add(eightSlice("A100-80GB", List.of(0x20B210DE, 0x20B510DE), "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
                "4g.40gb", "7g.80gb", false, "MIG UG A100-80GB note; go-nvml mock a100_80gb"));
        m.add(eightSlice("H100-80GB", List.of(0x233010DE, 0x233110DE), "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
                "4g.40gb", "7g.80gb", false, "MIG UG Table 7; placements from a published H100 -lgipp capture"));
        m.add(eightSlice("H200", List.of(0x233510DE, 0x233B10DE), "1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb",
                "4g.71gb", "7g.141gb", true, "MIG UG Table 8; placements assumed equal to H100 until read from a device"));
        m.add(eightSlice("B200", List.of(0x290110DE), "1g.23gb", "1g.45gb", "2g.45gb", "3g.90gb",
                "4g.90gb", "7g.180gb", true, "MIG UG Table 9; placements assumed equal to H100 until read from a device"));
        return new MigCatalog(m);
    }

    private static GpuModel eightSlice(String key, List<Integer> pci, String g1, String g1double, String g2,
                                       String g3, String g4, String g7, boolean assumed, String provenance) {
        return new GpuModel(key, pci, 8, 7, List.of(
                new MigProfile(g1, 0x0, 19, 1, 1, 7, ALL_STARTS_7),
                new MigProfile(g1 + "+me", 0x7, 20, 1, 1, 1, ALL_STARTS_7),
                new MigProfile(g1double, 0x9, 15, 1, 2, 4, List.of(0, 2, 4, 6)),
                new MigProfile(g2, 0x1, 14, 2, 2, 3, List.of(0, 2, 4)),
                new MigProfile(g3, 0x2, 9, 3, 4, 2, List.of(0, 4)),
                new MigProfile(g4, 0x3, 5, 4, 4, 1, List.of(0)),
                new MigProfile(g7, 0x4, 0, 7, 8, 1, List.of(0))), assumed, provenance);
    }

    /** @return every model */
    public List<GpuModel> models() {
        return models;
    }

    /**
     * Looks a model up by key (case-insensitive).
     *
     * @param key e.g. {@code A100-40GB}
     * @return the model
     */
    public Optional<GpuModel> model(String key) {
        return models.stream().filter(m -> m.key().equalsIgnoreCase(key)).findFirst();
    }

    /**
     * Looks a model up by PCI device id ({@code 0xDDDDVVVV}).
     *
     * @param pciDeviceId combined device and vendor id
     * @return the model
     */
    public Optional<GpuModel> byPciId(int pciDeviceId) {
        return models.stream().filter(m -> m.pciDeviceIds().contains(pciDeviceId)).findFirst();
    }
}
