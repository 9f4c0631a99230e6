package io.ocatopic.gpu.internal.mig;

import java.nio.file.Path;
import io.ocatopic.testing.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.gpu.StrategyReport;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.KubeYaml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MigOperatorRenderTest {
    private final GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();

    private static MigPlan.Gpu gpu(int index, String model, String... placed) {
        List<MigPlan.Instance> t = Stream.of(placed).map(s -> {
            String[] p = s.split("@");
            return new MigPlan.Instance(p[0], Integer.parseInt(p[1]));
        }).toList();
        return new MigPlan.Gpu(index, model, List.of(), t, true);
    }

    private static MigPlan.Node node(MigPlan.Gpu... gpus) {
        return new MigPlan.Node("worker-0", List.of(gpus), List.of());
    }

    private static final MigPlan.Gpu SEVEN_1G = gpu(0, "A100-40GB", "1g.5gb@0", "1g.5gb@1", "1g.5gb@2", "1g.5gb@3",
            "1g.5gb@4", "1g.5gb@5", "1g.5gb@6");

    static Stream<Arguments> strategyCases() {
        return Stream.of(
                Arguments.of("single, one profile on every GPU", node(SEVEN_1G, gpu(1, "A100-40GB", "1g.5gb@0")),
                        false, MigStrategy.SINGLE, List.of(), Map.of("nvidia.com/gpu", 8)),
                Arguments.of("single, two profiles", node(gpu(0, "A100-40GB", "3g.20gb@4", "1g.5gb@0")), false,
                        MigStrategy.SINGLE, List.of("profiles {1g.5gb=1, 3g.20gb=1} on one node (single: one MIG"
                                + " profile per node; use mixed or one profile)"), Map.of()),
                Arguments.of("single, MIG and full GPUs mixed", node(SEVEN_1G, gpu(1, "A100-40GB")), false,
                        MigStrategy.SINGLE, List.of("gpus [0] have MIG on and gpus [1] have it off (single: a node"
                                + " must not mix MIG and full GPUs)"), Map.of()),
                Arguments.of("single, empty MIG GPU left on by gpu apply", node(SEVEN_1G, gpu(1, "A100-40GB")), true,
                        MigStrategy.SINGLE, List.of("gpu 1: MIG is on but the GPU has no instance (single: at least"
                                + " one MIG device is enabled but empty)"), Map.of()),
                Arguments.of("single, no MIG at all is strategy none", node(gpu(0, "A100-40GB"), gpu(1, "A100-40GB")),
                        false, MigStrategy.SINGLE, List.of(), Map.of("nvidia.com/gpu", 2)),
                Arguments.of("mixed, + written as .", node(gpu(0, "H100-80GB", "1g.10gb+me@0", "3g.40gb@4",
                        "1g.10gb@1"), gpu(1, "H100-80GB")), false, MigStrategy.MIXED, List.of(),
                        Map.of("nvidia.com/mig-1g.10gb.me", 1, "nvidia.com/mig-3g.40gb", 1, "nvidia.com/mig-1g.10gb", 1,
                                "nvidia.com/gpu", 1)),
                Arguments.of("none", node(SEVEN_1G, gpu(1, "A100-40GB")), false, MigStrategy.NONE, List.of(),
                        Map.of("nvidia.com/gpu", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategyCases")
    void strategyRules(String name, MigPlan.Node plan, boolean gpu1WasMig, MigStrategy strategy, List<String> violations,
                       Map<String, Integer> resources) {
        Fleet.Node observed = new Fleet.Node("worker-0", "", List.of(new Fleet.Gpu(0, "A100-40GB", false, List.of()),
                new Fleet.Gpu(1, "A100-40GB", gpu1WasMig, List.of())));
        StrategyReport r = MigStrategyCheck.check(plan, Optional.of(observed), strategy);
        assertEquals(violations, r.violations());
        assertEquals(violations.isEmpty(), r.legal());
        assertEquals(resources, r.resources());
    }

    @Test
    void mixedWarnsAboutAnEmptyMigGpuButStaysLegal() {
        Fleet.Node observed = new Fleet.Node("worker-0", "", List.of(new Fleet.Gpu(0, "A100-40GB", true, List.of())));
        StrategyReport r = MigStrategyCheck.check(node(gpu(0, "A100-40GB")), Optional.of(observed), MigStrategy.MIXED);
        assertTrue(r.legal());
        assertEquals(List.of("gpu 0: MIG is on but the GPU has no instance; mixed ignores it, so it serves nothing"
                + " until instances exist"), r.warnings());
    }

    @Test
    void plannedFleetIsCheckedPerNode() {
        Fleet f = new Fleet(List.of(new Fleet.Node("a", "", List.of(Fleet.Gpu.empty(0, "A100-40GB"))),
                new Fleet.Node("b", "", List.of(Fleet.Gpu.empty(0, "A100-40GB")))));
        MigPlan plan = gp.plan(f, List.of(Demand.fleetWide("3g.20gb", 4)));
        List<StrategyReport> rs = gp.checkStrategy(plan, f, MigStrategy.SINGLE);
        assertEquals(2, rs.size());
        rs.forEach(r -> assertTrue(r.legal(), r.toString()));
        assertEquals(4, rs.stream().mapToInt(r -> r.resources().get("nvidia.com/gpu")).sum());
        Fleet one = new Fleet(List.of(new Fleet.Node("a", "", List.of(Fleet.Gpu.empty(0, "A100-40GB")))));
        assertFalse(gp.checkStrategy(gp.plan(one, List.of(Demand.fleetWide("3g.20gb", 1),
                Demand.fleetWide("1g.5gb", 4))).nodes().get(0), MigStrategy.SINGLE).legal());
    }

    @Test
    void clusterPolicyMigSettingsAndConfigMap() throws Exception {
        ClusterPolicy cp = gp.migClusterPolicy(MigStrategy.MIXED, "ocatopic-mig-config");
        String yaml = KubeYaml.dump(cp);
        Golden.assertMatches(Path.of("src/test/resources/golden", "clusterpolicy-mig-mixed.yaml"), yaml);
        assertEquals(cp.getSpec(), KubeYaml.load(yaml, ClusterPolicy.class).getSpec());

        MigPlan.Node w0 = new MigPlan.Node("worker-0", List.of(SEVEN_1G, gpu(1, "H100-80GB", "3g.40gb@0", "3g.40gb@4")),
                List.of());
        MigPlan.Node w1 = new MigPlan.Node("worker-1", List.of(gpu(0, "A100-40GB")), List.of());
        ConfigMap cm = MigManagerConfig.configMap("ocatopic-mig-config", "nvidia-gpu-operator", List.of(w0, w1),
                MigCatalog.builtin());
        Golden.assertMatches(Path.of("src/test/resources/golden", "mig-manager-configmap.yaml"), KubeYaml.dump(cm));
        assertEquals(List.of(), gp.validateMigPartedConfig(cm.getData().get(MigManagerConfig.KEY), "").stream().map(Object::toString).toList());
        assertEquals(Map.of("nvidia.com/mig.config", "ocatopic-worker-0"), gp.nodeLabels(w0));

        try (EmbeddedApi api = EmbeddedApi.start()) {
            // the fragment alone is not a policy (the CRD requires the operator's own sections) ...
            assertThrows(RuntimeException.class, () -> api.applier().apply(cp));
            // ... it is a merge patch over the operator's policy, here its shipped sample
            api.applier().apply(KubeYaml.load(java.nio.file.Files.readString(java.nio.file.Path.of(
                    "src/test/resources/gpu-operator/v1_clusterpolicy.yaml")),
                    io.fabric8.kubernetes.api.model.GenericKubernetesResource.class));
            api.client().resources(ClusterPolicy.class).withName(ClusterPolicy.DEFAULT_NAME).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    io.fabric8.kubernetes.client.utils.Serialization.asJson(cp));
            ClusterPolicy back = api.client().resources(ClusterPolicy.class).withName(ClusterPolicy.DEFAULT_NAME).get();
            assertEquals("mixed", back.getSpec().mig().strategy());
            assertEquals("all-disabled", back.getSpec().migManager().config().defaultConfig());
        }
    }

    @Test
    void mergeLaysFragmentsOver() {
        ClusterPolicy.Spec a = ClusterPolicy.Spec.mig(MigStrategy.SINGLE, "x");
        ClusterPolicy.Spec b = new ClusterPolicy.Spec(null, null, new ClusterPolicy.Spec.Driver(null, "open"), null, null);
        ClusterPolicy.Spec c = new ClusterPolicy.Spec(new ClusterPolicy.Spec.Mig("mixed"), null,
                new ClusterPolicy.Spec.Driver(new ClusterPolicy.Spec.Rdma(true, false), null), null, null);
        ClusterPolicy.Spec m = a.merge(b).merge(c);
        assertEquals("mixed", m.mig().strategy());
        assertEquals("x", m.migManager().config().name());
        assertEquals(new ClusterPolicy.Spec.Driver(new ClusterPolicy.Spec.Rdma(true, false), "open"), m.driver());
    }

    @Test
    void pciIdsAreQuotedBecauseYamlReadsBareHexAsAnInteger() {
        MigPlan.Node w0 = new MigPlan.Node("worker-0", List.of(SEVEN_1G), List.of());
        String yaml = gp.migPartedConfig(w0);
        assertTrue(yaml.contains("device-filter:\n    - \"0x20B010DE\"\n    - \"0x20B110DE\"\n    - \"0x20F110DE\"\n"), yaml);
        String bare = """
                version: v1
                mig-configs:
                  bare:
                    - device-filter: 0x20B010DE
                      devices: all
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 8}
                """;
        assertEquals(List.of("mig-configs.bare[0].device-filter: 548409566 is not a string or a list of strings"
                + " (quote PCI ids: YAML reads an unquoted 0x... as an integer, which mig-parted rejects)"),
                gp.validateMigPartedConfig(bare, "").stream().map(Object::toString).toList());
        assertEquals(List.of("mig-configs.bare[0] [A100-40GB]: 1g.5gb: 8 instances, at most 7 on A100-40GB",
                "mig-configs.bare[0] [A100-40GB]: compute slices: 8 used, 7 on A100-40GB"),
                gp.validateMigPartedConfig(bare.replace("0x20B010DE", "\"0x20B010DE\""), "").stream().map(Object::toString).toList());
    }
}
