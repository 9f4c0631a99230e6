package io.ocatopic.gpu.internal.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A GPU model is named by catalog key, NVML product name or mig-parted PCI id, everywhere a model is asked for. */
class ModelNamesTest {
    private final MigCatalog catalog = MigCatalog.builtin();
    private final GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();

    static Stream<Arguments> names() {
        return Stream.of(
                // the case: what nvidia-smi prints, without and with the NVIDIA prefix
                Arguments.of("A100-SXM4-40GB", "A100-40GB"),
                Arguments.of("NVIDIA A100-SXM4-40GB", "A100-40GB"),
                Arguments.of("nvidia a100-sxm4-40gb", "A100-40GB"),
                Arguments.of("NVIDIA-A100-SXM4-40GB", "A100-40GB"), // GPU feature discovery's gpu.product label
                Arguments.of("NVIDIA A100-PCIE-40GB", "A100-40GB"),
                Arguments.of("A100-40GB", "A100-40GB"),
                Arguments.of("a100-40gb", "A100-40GB"),
                Arguments.of("0x20B010DE", "A100-40GB"),
                Arguments.of("0x20b010de", "A100-40GB"),
                Arguments.of("0X20B010DE", "A100-40GB"),
                Arguments.of("0x20B010DE:0x145F10DE", "A100-40GB"), // mig-parted's subsystem form
                Arguments.of("0x20B110DE", "A100-40GB"),
                Arguments.of("0x20F110DE", "A100-40GB"),
                Arguments.of("NVIDIA A100-SXM4-80GB", "A100-80GB"),
                Arguments.of("NVIDIA A100 80GB PCIe", "A100-80GB"),
                Arguments.of("0x20B510DE", "A100-80GB"),
                Arguments.of("NVIDIA H100 80GB HBM3", "H100-80GB"),
                Arguments.of("H100 PCIe", "H100-80GB"),
                Arguments.of("0x233110DE", "H100-80GB"),
                Arguments.of("NVIDIA H200", "H200"),
                Arguments.of("NVIDIA H200 NVL", "H200"),
                Arguments.of("0x233B10DE", "H200"),
                Arguments.of("NVIDIA B200", "B200"),
                Arguments.of("0x290110DE", "B200"),
                Arguments.of("NVIDIA A30", "A30"),
                Arguments.of("0x20B710DE", "A30"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("names")
    void everyFormNamesItsModel(String name, String key) {
        assertEquals(key, catalog.model(name).orElseThrow().key());
        assertEquals(key, catalog.require(name, "--gpu").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Z100", "NVIDIA A100", "A100", "20B010DE", "0x20B010DF", "0x20F610DE", "0x233310DE",
        "0x20B010DE:0x1:0x2", "NVIDIA", ""})
    void otherNamesAreUnknownAndTheErrorListsTheAcceptedForms(String name) {
        assertTrue(catalog.model(name).isEmpty(), name);
        GpuException e = assertThrows(GpuException.class, () -> catalog.require(name, "nodes[0].gpus[1].model"));
        assertEquals(GpuException.Reason.UNKNOWN_MODEL, e.reason());
        assertEquals(List.of("nodes[0].gpus[1].model: \"" + name + "\" is not in the catalog; name a model by its key"
                + " (A30, A100-40GB, A100-80GB, H100-80GB, H200, B200), by its NVML product name with or without"
                + " \"NVIDIA \" (e.g. NVIDIA A100-SXM4-40GB or A100-SXM4-40GB) or by its PCI id as mig-parted's"
                + " device-filter writes it (e.g. 0x20B010DE)"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void pciIdsAreWrittenAndReadAsMigPartedDoes() {
        // mig-parted pkg/types/device.go String(): fmt.Sprintf("0x%04X%04X", device, vendor)
        assertEquals("0x20B010DE", MigCatalog.formatPciId(0x20B010DE));
        assertEquals("0x00010DE0", MigCatalog.formatPciId(0x00010DE0));
        assertEquals(OptionalInt.of(0x233010DE), MigCatalog.parsePciId("0x233010DE:0x16C010DE"));
        assertEquals(OptionalInt.of(0xFFFFFFFF), MigCatalog.parsePciId("0xFFFFFFFF"));
        assertFalse(MigCatalog.parsePciId("0x1FFFFFFFF").isPresent());
        assertFalse(MigCatalog.parsePciId("A100-SXM4-40GB").isPresent());
        for (GpuModel m : catalog.models()) {
            for (String f : m.deviceFilters()) {
                assertTrue(f.matches("0x[0-9A-F]{4}10DE"), m.key() + " " + f + ": device id, then NVIDIA's vendor id");
                assertEquals(m.key(), catalog.model(f).orElseThrow().key(), f);
            }
        }
        // the ids mig-parted's config-default.yaml (bd7160f) and its history give each model
        assertEquals(Map.of("A30", List.of("0x20B710DE"),
                "A100-40GB", List.of("0x20B010DE", "0x20B110DE", "0x20F110DE"),
                "A100-80GB", List.of("0x20B210DE", "0x20B510DE"),
                "H100-80GB", List.of("0x233010DE", "0x233110DE"),
                "H200", List.of("0x233510DE", "0x233B10DE"),
                "B200", List.of("0x290110DE")),
                catalog.models().stream().collect(java.util.stream.Collectors.toMap(GpuModel::key,
                        GpuModel::deviceFilters)));
    }

    @Test
    void fleetFilesAndThePlannerTakeEveryFormAndPlanUnderTheKey() {
        Fleet f = Fleet.fromYaml("""
                nodes:
                - name: w0
                  gpus:
                  - {index: 0, model: "NVIDIA A100-SXM4-40GB"}
                  - {index: 1, model: "0x233010DE"}
                  - {index: 2, model: A100-PCIE-40GB}
                  - {index: 3, model: a100-40gb}
                """);
        MigPlan plan = gp.plan(f, List.of(Demand.fleetWide("3g.20gb", 2), Demand.fleetWide("3g.40gb", 2)));
        assertEquals(4, plan.satisfiedTotal());
        assertEquals(List.of("A100-40GB", "H100-80GB", "A100-40GB", "A100-40GB"),
                plan.nodes().get(0).gpus().stream().map(MigPlan.Gpu::model).toList());
        String yaml = gp.migPartedConfig(plan.nodes().get(0));
        assertEquals(List.of(), gp.validateMigPartedConfig(yaml, "").stream().map(Object::toString).toList(), yaml);

        Fleet unknown = Fleet.fromYaml("nodes: [{name: w0, gpus: [{index: 0, model: NVIDIA A100}]}]");
        GpuException e = assertThrows(GpuException.class, () -> gp.plan(unknown, List.of(Demand.fleetWide("1g.5gb", 1))));
        assertEquals(GpuException.Reason.INVALID, e.reason());
        assertTrue(e.problems().get(0).toString().startsWith("nodes[0].gpus[0].model: \"NVIDIA A100\" is not in the catalog;"
                + " name a model by its key (A30, "), e.problems().toString());
    }

    @Test
    void renderedDeviceFilterNamesEveryIdOfTheModel() {
        // mig-parted skips a GPU its filter does not name: an A100-PCIE-40GB (0x20F110DE) must match too
        MigPlan.Node node = new MigPlan.Node("w0", List.of(new MigPlan.Gpu(0, "A100-40GB", List.of(),
                List.of(new MigPlan.Instance("7g.40gb", 0)), true), new MigPlan.Gpu(1, "A30", List.of(), List.of(), false)),
                List.of());
        assertEquals("""
                version: v1
                mig-configs:
                  ocatopic-w0:
                  - devices:
                    - 0
                    device-filter:
                    - "0x20B010DE"
                    - "0x20B110DE"
                    - "0x20F110DE"
                    mig-enabled: true
                    mig-devices:
                      "7g.40gb": 1
                  - devices:
                    - 1
                    device-filter: "0x20B710DE"
                    mig-enabled: false
                """, gp.migPartedConfig(node));
        GpuException empty = assertThrows(GpuException.class,
                () -> gp.migPartedConfig(new MigPlan.Node("w1", List.of(), List.of())));
        assertEquals(List.of("mig-configs.ocatopic-w1: node w1 has no GPU to configure; mig-parted needs at least"
                + " one entry per config, so leave the node out"), empty.problems().stream().map(Object::toString).toList());
        assertThrows(GpuException.class, () -> gp.migPartedConfig(new MigPlan.Node("w2", List.of(new MigPlan.Gpu(0, "Z100",
                List.of(), List.of(), false)), List.of())));
    }

    @Test
    void validateTakesEveryFormOfTheModel() {
        String yaml = """
                version: v1
                mig-configs:
                  tight:
                    - devices: all
                      mig-enabled: true
                      mig-devices: {"1g.10gb": 4, "1g.5gb": 3}
                """;
        List<String> expected = List.of("mig-configs.tight[0] [A100-40GB]: memory slices: 11 needed, 8 on A100-40GB");
        for (String name : List.of("A100-40GB", "A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB", "0x20B010DE")) {
            assertEquals(expected, gp.validateMigPartedConfig(yaml, name).stream().map(Object::toString).toList(), name);
        }
        GpuException e = assertThrows(GpuException.class, () -> gp.validateMigPartedConfig(yaml, "A100-SXM4-41GB").stream().map(Object::toString).toList());
        assertEquals(GpuException.Reason.UNKNOWN_MODEL, e.reason());
        assertTrue(e.problems().get(0).toString().startsWith("model: \"A100-SXM4-41GB\" is not in the catalog; "), e.problems().toString());
    }

    @Test
    void validateReportsDeviceFiltersMigPartedCannotRead() {
        String yaml = """
                version: v1
                mig-configs:
                  by-name:
                    - device-filter: "A100-SXM4-40GB"
                      devices: all
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 7}
                  no-prefix:
                    - device-filter: ["20B010DE"]
                      devices: all
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 7}
                  subsystem:
                    - device-filter: "0x20B010DE:0x145F10DE"
                      devices: [0, 1]
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 8}
                  odd:
                    - devices: ["0"]
                      mig-enabled: false
                      placement: 0
                """;
        assertEquals(List.of(
                "mig-configs.by-name[0].device-filter: \"A100-SXM4-40GB\" is not a PCI id mig-parted can read, so the"
                        + " entry matches no GPU (mig-parted matches device-filter by PCI id only); write the PCI ids of"
                        + " A100-40GB: 0x20B010DE, 0x20B110DE, 0x20F110DE",
                "mig-configs.no-prefix[0].device-filter: \"20B010DE\" is not a PCI id mig-parted can read, so the"
                        + " entry matches no GPU (mig-parted matches device-filter by PCI id only); write it as 0x then"
                        + " the device and vendor ids, e.g. 0x20B010DE",
                "mig-configs.subsystem[0] [A100-40GB]: 1g.5gb: 8 instances, at most 7 on A100-40GB",
                "mig-configs.subsystem[0] [A100-40GB]: compute slices: 8 used, 7 on A100-40GB",
                "mig-configs.odd[0].placement: unexpected field (mig-parted knows device-filter, devices, mig-enabled,"
                        + " mig-devices)",
                "mig-configs.odd[0].devices: required, 'all' or a list of GPU indexes such as [0, 1]"),
                gp.validateMigPartedConfig(yaml, "").stream().map(Object::toString).toList());
        assertEquals(List.of("mig-config: unexpected field (mig-parted knows version and mig-configs)",
                "mig-configs: missing"), gp.validateMigPartedConfig("version: v1\nmig-config: {}\n", "").stream().map(Object::toString).toList());
        assertEquals(List.of("mig-configs: needs at least one config"),
                gp.validateMigPartedConfig("version: v1\nmig-configs: {}\n", "").stream().map(Object::toString).toList());
    }
}
