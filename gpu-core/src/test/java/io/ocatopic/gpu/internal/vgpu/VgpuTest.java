package io.ocatopic.gpu.internal.vgpu;

import io.ocatopic.testing.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.HyperConverged;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VgpuTest {
    private final GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("A100-40C", new VgpuType("A100", 0, 40, 'C', false), ""),
                Arguments.of("A100D-80C", new VgpuType("A100D", 0, 80, 'C', false), ""),
                Arguments.of("M60-0Q", new VgpuType("M60", 0, 0, 'Q', false), ""),
                Arguments.of("A100-1-5C", new VgpuType("A100", 1, 5, 'C', false), "1g.5gb"),
                Arguments.of("A100-1-5CME", new VgpuType("A100", 1, 5, 'C', true), "1g.5gb+me"),
                Arguments.of("A100D-3-40C", new VgpuType("A100D", 3, 40, 'C', false), "3g.40gb"),
                Arguments.of("A100-7-40C", new VgpuType("A100", 7, 40, 'C', false), "7g.40gb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void parsesTypeNames(String name, VgpuType expected, String profile) {
        VgpuType t = VgpuType.parse(name);
        assertEquals(expected, t);
        assertEquals(profile, t.migProfile());
        assertEquals(!profile.isEmpty(), t.isMigBacked());
        assertEquals(name, t.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a100-40c", "A100-40X", "A100-0-5C", "A100-1-5CXX", "A100-10-5C", "A100-05C",
        "GRID A100-40C"})
    void rejectsMalformedNames(String name) {
        GpuException e = assertThrows(GpuException.class, () -> VgpuType.parse(name));
        assertEquals(GpuException.Reason.INVALID, e.reason());
    }

    @Test
    void mdevNamesTakeTheLastToken() {
        assertEquals(VgpuType.parse("A100D-1-10C"), VgpuType.fromMdevName("GRID A100D-1-10C"));
        assertEquals(VgpuType.parse("A100-4C"), VgpuType.fromMdevName("NVIDIA A100-4C\n"));
    }

    private static MigPlan.Gpu gpu(String model, String profile, int n) {
        return new MigPlan.Gpu(0, model, List.of(), IntStream.range(0, n)
                .mapToObj(i -> new MigPlan.Instance(profile, i)).toList(), true);
    }

    static Stream<Arguments> validations() {
        return Stream.of(
                Arguments.of("A100-1-5C", 7, gpu("A100-40GB", "1g.5gb", 7), List.of()),
                Arguments.of("A100-1-5C", 7, gpu("A100-40GB", "1g.5gb", 3),
                        List.of("A100-1-5C: 7 vGPUs need 7 GPU instances of 1g.5gb, the layout has 3")),
                Arguments.of("A100-1-5C", 1, gpu("A100-40GB", "1g.5gb", 0),
                        List.of("A100-1-5C: MIG-backed vGPU types need MIG on; the GPU has MIG off")),
                Arguments.of("A100-1-5C", 1, gpu("A100-80GB", "1g.10gb", 7),
                        List.of("A100-1-5C: needs MIG profile 1g.5gb, which A100-80GB does not have (has [1g.10gb,"
                                + " 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb])")),
                Arguments.of("A100D-1-10C", 7, gpu("A100-80GB", "1g.10gb", 7), List.of()),
                Arguments.of("A100-40C", 1, gpu("A100-40GB", "1g.5gb", 1),
                        List.of("A100-40C: time-sliced vGPU types need MIG off; the GPU has MIG on")),
                Arguments.of("A100-40C", 1, gpu("A100-40GB", "1g.5gb", 0), List.of()),
                Arguments.of("H100-1-10C", 1, gpu("A100-40GB", "1g.5gb", 1),
                        List.of("H100-1-10C: vGPU type is for H100, the GPU is A100-40GB",
                                "H100-1-10C: 1 vGPUs need 1 GPU instances of 1g.10gb, the layout has 0")));
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("validations")
    void validatesAgainstTheMigLayout(String type, int count, MigPlan.Gpu gpu, List<String> problems) {
        assertEquals(problems, gp.validateVgpu(type, count, gpu).stream().map(Problem::toString).toList());
    }

    @Test
    void rendersHyperConvergedDeviceManagerAndSandboxSettings() throws Exception {
        HyperConverged op = VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C", "GRID A100D-1-10C"));
        Golden.assertMatches(Path.of("src/test/resources/golden", "hyperconverged-gpu-operator.yaml"), KubeYaml.dump(op));
        assertEquals(op.getSpec(), KubeYaml.load(KubeYaml.dump(op), HyperConverged.class).getSpec());

        HyperConverged kv = VgpuRender.hyperConvergedForKubevirt(List.of("NVIDIA A10-24Q"), List.of("nvidia-558"),
                List.of(new HyperConverged.Spec.NodeMediatedDeviceTypes(Map.of("nvidia.com/gpu.product", "NVIDIA-A10"),
                        List.of("nvidia-560"))));
        Golden.assertMatches(Path.of("src/test/resources/golden", "hyperconverged-kubevirt.yaml"), KubeYaml.dump(kv));

        MigPlan.Node node = new MigPlan.Node("worker-0", List.of(gpu("A100-40GB", "1g.5gb", 7),
                new MigPlan.Gpu(1, "A100-40GB", List.of(), List.of(new MigPlan.Instance("3g.20gb", 0),
                        new MigPlan.Instance("2g.10gb", 4), new MigPlan.Instance("1g.5gb+me", 6)), true),
                new MigPlan.Gpu(2, "A100-40GB", List.of(), List.of(), false)), List.of());
        String dm = VgpuDeviceManagerConfig.render(Map.of(
                "ocatopic-worker-0", VgpuDeviceManagerConfig.forMigLayout(node, "A100", 'C'),
                "A100-40C", List.of(VgpuDeviceManagerConfig.Entry.all(Map.of("A100-40C", 1))),
                "a100-filtered", List.of(new VgpuDeviceManagerConfig.Entry(List.of(0, 1), Optional.of("0x20B010DE"),
                        Map.of("A100-2-10C", 3)))));
        Golden.assertMatches(Path.of("src/test/resources/golden", "vgpu-device-manager.yaml"), dm);
        // every MIG-backed type the config names fits the GPU it is for
        for (MigPlan.Gpu g : node.gpus()) {
            VgpuDeviceManagerConfig.migBackedDevices(g, "A100", 'C').forEach((t, n) ->
                    assertEquals(List.of(), gp.validateVgpu(t, n, g), t));
        }

        ClusterPolicy cp = ClusterPolicy.of(VgpuRender.clusterPolicy(SandboxWorkload.VM_VGPU, "ocatopic-vgpu-config",
                "A100-40C"));
        Golden.assertMatches(Path.of("src/test/resources/golden", "clusterpolicy-sandbox.yaml"), KubeYaml.dump(cp));
        assertEquals(Map.of("nvidia.com/gpu.workload.config", "vm-vgpu", "nvidia.com/vgpu.config", "ocatopic-worker-0"),
                VgpuRender.nodeLabels(SandboxWorkload.VM_VGPU, "ocatopic-worker-0"));
        assertEquals(Map.of("nvidia.com/gpu.workload.config", "vm-passthrough"),
                VgpuRender.nodeLabels(SandboxWorkload.VM_PASSTHROUGH, "ignored"));
        assertThrows(GpuException.class, () -> VgpuDeviceManagerConfig.Entry.all(Map.of("A100-1-5C", 0)));
    }

    private static void type(Path dev, String id, String name, int available) throws Exception {
        Path t = Files.createDirectories(dev.resolve("mdev_supported_types").resolve(id));
        Files.writeString(t.resolve("name"), name + "\n");
        Files.writeString(t.resolve("available_instances"), available + "\n");
        Files.writeString(t.resolve("device_api"), "vfio-pci\n");
        Files.writeString(t.resolve("create"), "");
    }

    @Test
    void readsAndWritesAFakeSysfsTree(@TempDir Path root) throws Exception {
        Path devices = Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Path pf = Files.createDirectories(devices.resolve("0000:41:00.0"));
        Path vf0 = Files.createDirectories(devices.resolve("0000:41:00.4"));
        Path vf1 = Files.createDirectories(devices.resolve("0000:41:00.5"));
        Files.createDirectories(devices.resolve("0000:00:1f.0"));
        Files.createSymbolicLink(pf.resolve("virtfn0"), Path.of("../0000:41:00.4"));
        Files.createSymbolicLink(pf.resolve("virtfn1"), Path.of("../0000:41:00.5"));
        type(vf0, "nvidia-699", "GRID A100D-1-10C", 1);
        type(vf0, "nvidia-700", "GRID A100D-2-20C", 0);
        type(vf1, "nvidia-699", "GRID A100D-1-10C", 1);

        MdevSysfs sysfs = new MdevSysfs(root);
        assertEquals(List.of("0000:41:00.4", "0000:41:00.5"), sysfs.parents());
        assertEquals(List.of("0000:41:00.4", "0000:41:00.5"), sysfs.virtualFunctions("0000:41:00.0"));
        assertEquals(List.of(new MdevType("0000:41:00.4", "nvidia-699", "GRID A100D-1-10C", 1),
                new MdevType("0000:41:00.4", "nvidia-700", "GRID A100D-2-20C", 0)), sysfs.types("0000:41:00.4"));
        assertEquals(List.of(), sysfs.types("0000:00:1f.0"));

        MdevType t = sysfs.find("0000:41:00.5", VgpuType.parse("A100D-1-10C")).orElseThrow();
        UUID id = UUID.fromString("0b7f3a40-7d6c-4f8e-9a55-1c2d3e4f5a6b");
        sysfs.create(t, id);
        assertEquals(id.toString(), Files.readString(vf1.resolve("mdev_supported_types/nvidia-699/create")));

        MdevType full = sysfs.find("0000:41:00.4", VgpuType.parse("A100D-2-20C")).orElseThrow();
        GpuException e = assertThrows(GpuException.class, () -> sysfs.create(full, id));
        assertTrue(e.getMessage().contains("no available instance"), e.getMessage());
        assertEquals("", Files.readString(vf0.resolve("mdev_supported_types/nvidia-700/create")));
        assertEquals(List.of(), new MdevSysfs(root.resolve("nowhere")).parents());
    }
}
