package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MIG catalog: GPU models keyed by PCI device id and by key, each profile keyed by (model, name),
 * because names are not globally unique ("1g.10gb" is 1/8 of an 80GB card but 2/8 of a 40GB card).
 *
 * <p>A model is named in any of three forms, everywhere a model is asked for (fleet files, the planner,
 * {@code gpu validate --gpu}): the catalog key ({@code A100-40GB}); an NVML product name as
 * {@code nvmlDeviceGetName} and {@code nvidia-smi} print it, with or without the {@code NVIDIA } prefix
 * ({@code NVIDIA A100-SXM4-40GB}, {@code A100-SXM4-40GB}, or GPU feature discovery's
 * {@code NVIDIA-A100-SXM4-40GB}); or a PCI id as mig-parted's {@code device-filter} writes it
 * ({@code 0x20B010DE}: device id, then vendor id 10DE, as NVML's {@code pciDeviceId}).
 *
 * <pre>{@code
 * MigCatalog catalog = MigCatalog.builtin();
 * GpuModel a100 = catalog.model("A100-40GB").orElseThrow();
 * GpuModel same = catalog.require("NVIDIA A100-SXM4-40GB", "--gpu");
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
    // PCI ids: NVIDIA/mig-parted deployments/systemd/config-default.yaml (bd7160f) and gpu-operator
    //   assets/state-mig-manager/0400_configmap.yaml (a22dbf6) device-filter groups; which id is which model
    //   from mig-parted history: 5c65b9e9 (A100-40GB 0x20B0/0x20B1/0x20F1, A100-80GB 0x20B2/0x20B5, A800
    //   0x20F3/0x20F5/0x20F6 split out), 91fa18c8 (H100-80GB 0x2331), 342ca45e (0x2330 "H100 80GB HBM3
    //   SKU"), CHANGELOG (H200 0x2335, B200 0x2901), 407e0eab (H200 NVL 0x233B). A30 0x20B7 ("A30-24GB").
    //   A800/H800 ids are left out: their vGPU types use their own tokens.
    // NVML product names. Confirmed in upstream NVIDIA sources: "NVIDIA A100-SXM4-40GB" for 0x20B010DE
    //   (go-nvml mock/dgxa100 test; GFD label A100-SXM4-40GB-MIG-1g.5gb in the reference file),
    //   "NVIDIA A100-PCIE-40GB" for 0x20F110DE, "NVIDIA A100-SXM4-80GB" for 0x20B210DE, "NVIDIA H100 80GB HBM3"
    //   for 0x233010DE (go-nvml mock/gpus and dgx* tests; mig-parted 342ca45e names the SKU). Names go-nvml's
    //   mocks use but that are NOT CONFIRMED as what real boards print: "NVIDIA A100-PCIE-80GB",
    //   "NVIDIA A30-PCIE-24GB", "NVIDIA H200 141GB HBM3e" and "NVIDIA B200 180GB HBM3e" (the last two with
    //   mock PCI ids 0x233310DE and 0x2B0010DE that mig-parted does not list, so those ids are not taken).
    //   NOT CONFIRMED from an upstream source (seen only in public nvidia-smi captures): "NVIDIA A30",
    //   "NVIDIA A100 80GB PCIe", "NVIDIA H100 PCIe", "NVIDIA H200", "NVIDIA H200 NVL", "NVIDIA B200".
    //   No product name was found for 0x20B110DE.
    private static final List<Integer> ALL_STARTS_7 = List.of(0, 1, 2, 3, 4, 5, 6);
    private static final java.util.regex.Pattern PCI_ID =
            java.util.regex.Pattern.compile("^0[xX]([0-9A-Fa-f]{1,8})(:0[xX][0-9A-Fa-f]{1,8})?$");

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
                true, "MIG UG A30 profiles table; placements assumed from 4-slice geometry",
                List.of("NVIDIA A30", "NVIDIA A30-PCIE-24GB")));
        m.add(eightSlice("A100-40GB", List.of(0x20B010DE, 0x20B110DE, 0x20F110DE), "1g.5gb", "1g.10gb", "2g.10gb",
                "3g.20gb", "4g.20gb", "7g.40gb", false, "MIG UG A100 profiles table and -lgipp; go-nvml mock a100.go",
                List.of("NVIDIA A100-SXM4-40GB", "NVIDIA A100-PCIE-40GB")));
        m.add(eightSlice("A100-80GB", List.of(0x20B210DE, 0x20B510DE), "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
                "4g.40gb", "7g.80gb", false, "MIG UG A100-80GB note; go-nvml mock a100_80gb",
                List.of("NVIDIA A100-SXM4-80GB", "NVIDIA A100 80GB PCIe", "NVIDIA A100-PCIE-80GB")));
        m.add(eightSlice("H100-80GB", List.of(0x233010DE, 0x233110DE), "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
                "4g.40gb", "7g.80gb", false, "MIG UG Table 7; placements from a published H100 -lgipp capture",
                List.of("NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe")));
        m.add(eightSlice("H200", List.of(0x233510DE, 0x233B10DE), "1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb",
                "4g.71gb", "7g.141gb", true, "MIG UG Table 8; placements assumed equal to H100 until read from a device",
                List.of("NVIDIA H200", "NVIDIA H200 NVL", "NVIDIA H200 141GB HBM3e")));
        m.add(eightSlice("B200", List.of(0x290110DE), "1g.23gb", "1g.45gb", "2g.45gb", "3g.90gb",
                "4g.90gb", "7g.180gb", true, "MIG UG Table 9; placements assumed equal to H100 until read from a device",
                List.of("NVIDIA B200", "NVIDIA B200 180GB HBM3e")));
        return new MigCatalog(m);
    }

    private static GpuModel eightSlice(String key, List<Integer> pci, String g1, String g1double, String g2,
                                       String g3, String g4, String g7, boolean assumed, String provenance,
                                       List<String> productNames) {
        return new GpuModel(key, pci, 8, 7, List.of(
                new MigProfile(g1, 0x0, 19, 1, 1, 7, ALL_STARTS_7),
                new MigProfile(g1 + "+me", 0x7, 20, 1, 1, 1, ALL_STARTS_7),
                new MigProfile(g1double, 0x9, 15, 1, 2, 4, List.of(0, 2, 4, 6)),
                new MigProfile(g2, 0x1, 14, 2, 2, 3, List.of(0, 2, 4)),
                new MigProfile(g3, 0x2, 9, 3, 4, 2, List.of(0, 4)),
                new MigProfile(g4, 0x3, 5, 4, 4, 1, List.of(0)),
                new MigProfile(g7, 0x4, 0, 7, 8, 1, List.of(0))), assumed, provenance, productNames);
    }

    /** @return every model */
    public List<GpuModel> models() {
        return models;
    }

    /**
     * Looks a model up by any of its names: the key ({@code A100-40GB}), an NVML product name with or
     * without {@code NVIDIA } ({@code NVIDIA A100-SXM4-40GB}, {@code a100-sxm4-40gb}, GPU feature discovery's
     * {@code NVIDIA-A100-SXM4-40GB}; case-insensitive) or a PCI id as mig-parted writes it
     * ({@code 0x20B010DE}, hex digits in either case, optionally with a {@code :0xSSSSVVVV} subsystem id).
     *
     * @param name the name
     * @return the model, empty when no model has that name
     */
    public Optional<GpuModel> model(String name) {
        return models.stream().filter(m -> m.isNamed(name)).findFirst();
    }

    /**
     * Looks a model up by any of its names (see {@link #model(String)}), failing with the accepted forms.
     *
     * @param name the name
     * @param path the field path or option that gave the name, e.g. {@code nodes[0].gpus[1].model} or
     *             {@code --gpu}; it starts the problem
     * @return the model
     * @throws GpuException {@code UNKNOWN_MODEL} with one problem {@code path: ...} listing the accepted forms
     */
    public GpuModel require(String name, String path) {
        return model(name).orElseThrow(() -> new GpuException(GpuException.Reason.UNKNOWN_MODEL,
                "unknown GPU model", Problems.of(List.of(path + ": " + unknown(name))), null));
    }

    /**
     * The message for a name no model has: what was given and the accepted forms, with the keys and an
     * example of each other form.
     *
     * @param name the name
     * @return e.g. {@code "Z100" is not in the catalog; name a model by its key (A30, A100-40GB, ...), ...}
     */
    public String unknown(String name) {
        // the example is a model's main product name that differs from its key, so that it shows the form
        GpuModel example = models.stream().filter(m -> !m.productNames().isEmpty()
                && !normalizeName(m.productNames().get(0)).equals(normalizeName(m.key()))).findFirst()
                .orElse(models.isEmpty() ? null : models.get(0));
        String name0 = example == null || example.productNames().isEmpty() ? null : example.productNames().get(0);
        String product = name0 == null ? "" : " (e.g. " + name0 + " or " + name0.replaceFirst("^NVIDIA ", "") + ")";
        String pci = example == null || example.pciDeviceIds().isEmpty() ? "" : " (e.g. " + example.deviceFilter() + ")";
        return "\"" + name + "\" is not in the catalog; name a model by its key ("
                + String.join(", ", models.stream().map(GpuModel::key).toList())
                + "), by its NVML product name with or without \"NVIDIA \"" + product
                + " or by its PCI id as mig-parted's device-filter writes it" + pci;
    }

    /**
     * Formats a PCI id as mig-parted's device-filter does ({@code pkg/types/device.go}: {@code 0x%04X%04X}).
     *
     * @param pciDeviceId the combined device and vendor id
     * @return e.g. {@code 0x20B010DE}
     */
    public static String formatPciId(int pciDeviceId) {
        return String.format("0x%08X", pciDeviceId);
    }

    /**
     * Reads a PCI id as mig-parted reads a device-filter entry ({@code NewDeviceIDFromString}): {@code 0x}
     * and up to 8 hex digits, the device id then the vendor id, optionally followed by {@code :0x...}, the
     * subsystem id, which is dropped here.
     *
     * @param s e.g. {@code 0x20B010DE} or {@code 0x233010DE:0x16C010DE}
     * @return the combined device and vendor id; empty when {@code s} is not in that form
     */
    public static java.util.OptionalInt parsePciId(String s) {
        java.util.regex.Matcher m = PCI_ID.matcher(s.trim());
        return m.matches() ? java.util.OptionalInt.of(Integer.parseUnsignedInt(m.group(1), 16))
                : java.util.OptionalInt.empty();
    }

    /** Case, blanks and dashes as GPU feature discovery writes them, and the "NVIDIA" prefix do not count. */
    static String normalizeName(String s) {
        String n = s.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_]+", "-");
        return n.startsWith("nvidia-") ? n.substring("nvidia-".length()) : n;
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
