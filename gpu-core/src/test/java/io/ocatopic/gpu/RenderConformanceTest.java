package io.ocatopic.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ocatopic.gpu.internal.mig.MigManagerConfig;
import io.ocatopic.gpu.internal.vgpu.VgpuDeviceManagerConfig;
import io.ocatopic.gpu.internal.vgpu.VgpuRender;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.kube.internal.KubeNames;
import io.ocatopic.kube.internal.KubeYaml;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every object gpu-core renders is one its consumer accepts: checked with kube-support's {@link SchemaCheck}
 * against the upstream CRDs (HyperConverged: hco00.crd.yaml; ClusterPolicy: nvidia.com_clusterpolicies.yaml,
 * as a merge patch over the operator's own sample) and against mig-parted's and vgpu-device-manager's rules.
 */
class RenderConformanceTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** kube-support's check against the bundled upstream CRDs (verbatim; its crds/SOURCES.md names them). */
    private static final SchemaCheck CHECK = SchemaCheck.bundled();
    private final GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) throws Exception {
        return YAML.readValue(text, Map.class);
    }

    /** The bundled upstream CRD's openAPIV3Schema of one version, read from kube-support's jar. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String crdFile, String version) throws Exception {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("crds/" + crdFile)) {
            assertNotNull(in, "kube-support bundles crds/" + crdFile);
            Map<String, Object> crd = YAML.readValue(in, Map.class);
            for (Object v : (List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions")) {
                Map<String, Object> m = (Map<String, Object>) v;
                if (version.equals(m.get("name"))) {
                    return (Map<String, Object>) ((Map<String, Object>) m.get("schema")).get("openAPIV3Schema");
                }
            }
            throw new AssertionError(crdFile + " has no version " + version);
        }
    }

    /** The schema of a dotted field path ({@code []} steps into list items), null when the schema has none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> schema, String path) {
        Map<String, Object> s = schema;
        for (String step : path.split("\\.")) {
            boolean item = step.endsWith("[]");
            Object props = s.get("properties");
            s = props instanceof Map<?, ?> p ? (Map<String, Object>) p.get(item ? step.substring(0, step.length() - 2)
                    : step) : null;
            if (s != null && item) {
                s = (Map<String, Object>) s.get("items");
            }
            if (s == null) {
                return null;
            }
        }
        return s;
    }

    private static List<String> problems(SchemaCheck.Result r) {
        return r.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void hyperConvergedUsesTheV1MediatedDevicesConfigurationTheCrdServes() throws Exception {
        Map<String, Object> v1 = schema("hco00.crd.yaml", "v1");
        Map<String, Object> v1beta1 = schema("hco00.crd.yaml", "v1beta1");
        // the paths ocatopic renders, as the CRD has them
        assertEquals("boolean", at(v1, "spec.virtualization.mediatedDevicesConfiguration.enabled").get("type"));
        assertEquals("array", at(v1, "spec.virtualization.mediatedDevicesConfiguration.mediatedDeviceTypes")
                .get("type"));
        assertEquals(List.of("nodeSelector"), at(v1,
                "spec.virtualization.mediatedDevicesConfiguration.nodeMediatedDeviceTypes[]").get("required"));
        assertEquals(List.of("mdevNameSelector", "resourceName"), at(v1,
                "spec.virtualization.permittedHostDevices.mediatedDevices[]").get("required"));
        assertEquals("boolean", at(v1,
                "spec.virtualization.permittedHostDevices.mediatedDevices[].externalResourceProvider").get("type"));
        // v1 has neither the v1beta1 paths nor its feature-gate map; v1beta1 deprecates the gate for the v1 field
        assertNull(at(v1, "spec.mediatedDevicesConfiguration"));
        assertNull(at(v1, "spec.permittedHostDevices"));
        assertEquals("array", at(v1, "spec.featureGates").get("type"));
        assertTrue(String.valueOf(at(v1beta1, "spec.featureGates.disableMDevConfiguration").get("description"))
                .contains("Deprecated: use v1's spec.virtualization.mediatedDevicesConfiguration.enabled"));
        assertNull(at(v1beta1, "spec.mediatedDevicesConfiguration.enabled"));

        HyperConverged op = VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C", "GRID A100D-1-10C"));
        assertEquals("hco.kubevirt.io/v1", op.getApiVersion());
        String opYaml = KubeYaml.dump(op);
        assertTrue(opYaml.contains("""
                  virtualization:
                    permittedHostDevices:
                """) && opYaml.contains("""
                    mediatedDevicesConfiguration:
                      enabled: false
                """), opYaml);
        assertEquals(List.of(), problems(CHECK.check(op)), opYaml);
        HyperConverged kv = VgpuRender.hyperConvergedForKubevirt(List.of("NVIDIA A10-24Q"), List.of("nvidia-558"),
                List.of(new HyperConverged.Spec.NodeMediatedDeviceTypes(Map.of("nvidia.com/gpu.product", "NVIDIA-A10"),
                        List.of("nvidia-560"))));
        assertEquals(List.of(), problems(CHECK.check(kv)), KubeYaml.dump(kv));

        // the check fails on what ocatopic rendered before once it says v1: the v1beta1 fields are not in v1
        String old = """
                apiVersion: hco.kubevirt.io/v1
                kind: HyperConverged
                metadata: {name: kubevirt-hyperconverged, namespace: openshift-cnv}
                spec:
                  featureGates: {disableMDevConfiguration: true}
                  permittedHostDevices:
                    mediatedDevices:
                    - {mdevNameSelector: NVIDIA A100-1-5C, resourceName: nvidia.com/NVIDIA_A100-1-5C}
                """;
        List<String> inV1 = problems(CHECK.check(yaml(old)));
        assertTrue(inV1.stream().anyMatch(p -> p.startsWith("spec.permittedHostDevices")), inV1.toString());
        assertTrue(inV1.stream().anyMatch(p -> p.startsWith("spec.featureGates")), inV1.toString());
        // and the list-map key and required fields of the rendered list are enforced
        List<String> dup = problems(CHECK.check(yaml("""
                apiVersion: hco.kubevirt.io/v1
                kind: HyperConverged
                metadata: {name: kubevirt-hyperconverged, namespace: openshift-cnv}
                spec:
                  virtualization:
                    permittedHostDevices:
                      mediatedDevices:
                      - {mdevNameSelector: NVIDIA A100-1-5C, resourceName: nvidia.com/NVIDIA_A100-1-5C}
                      - {mdevNameSelector: NVIDIA A100-1-5C, resourceName: nvidia.com/NVIDIA_A100-1-5C}
                      - {resourceName: nvidia.com/x}
                """)));
        assertTrue(dup.stream().anyMatch(p -> p.startsWith("spec.virtualization.permittedHostDevices.mediatedDevices[2]"
                + ".mdevNameSelector")), dup.toString());
    }

    @Test
    void hyperConvergedInputsTheCrdWouldRejectFailEarlyNamingTheField() {
        GpuException dup = assertThrows(GpuException.class,
                () -> VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C", "NVIDIA A100-1-5C")));
        assertEquals(List.of("spec.virtualization.permittedHostDevices.mediatedDevices[1].mdevNameSelector: \"NVIDIA"
                + " A100-1-5C\" appears twice (the CRD keys this list by mdevNameSelector); give each mdev name once"),
                dup.problems().stream().map(Object::toString).toList());
        GpuException none = assertThrows(GpuException.class,
                () -> VgpuRender.hyperConvergedForKubevirt(List.of("NVIDIA A10-24Q"), List.of(), List.of()));
        assertTrue(none.problems().get(0).toString().startsWith("spec.virtualization.mediatedDevicesConfiguration"
                + ".mediatedDeviceTypes: give at least one mdev type id"), none.problems().toString());
        assertThrows(GpuException.class, () -> new HyperConverged.Spec.NodeMediatedDeviceTypes(Map.of(), List.of()));
        assertThrows(GpuException.class, () -> new HyperConverged.Spec.MediatedDevice("", "nvidia.com/x", null));
        HyperConverged hc = VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C"));
        assertEquals(hc.getSpec(), KubeYaml.load(KubeYaml.dump(hc), HyperConverged.class).getSpec());
    }

    /** RFC 7386 JSON merge patch, as {@code oc patch --type merge} applies it: objects merge, lists are replaced. */
    @SuppressWarnings("unchecked")
    private static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> p)) {
            return patch;
        }
        Map<String, Object> out = target instanceof Map<?, ?> t ? new LinkedHashMap<>((Map<String, Object>) t)
                : new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (v == null) {
                out.remove((String) k);
            } else {
                out.put((String) k, merge(out.get(k), v));
            }
        });
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyClusterPolicyFragmentFitsTheCrdAsAMergePatchOverTheOperatorsSample() throws Exception {
        Map<String, Object> sample = yaml(Files.readString(Path.of("src/test/resources/gpu-operator/v1_clusterpolicy.yaml")));
        assertEquals(List.of(), problems(CHECK.check(sample)));
        ClusterPolicy.Spec mig = ClusterPolicy.Spec.mig(MigStrategy.MIXED, "ocatopic-mig-config");
        ClusterPolicy.Spec sandbox = VgpuRender.clusterPolicy(SandboxWorkload.VM_VGPU, "ocatopic-vgpu-config", "A100-40C");
        ClusterPolicy.Spec rdma = gp.rdmaReadiness(new NodeFacts("w0", NodeFacts.KernelModuleType.OPEN, "12.4",
                NodeFacts.GpuArchitecture.HOPPER, "5.14.0-427.13.1.el9_4.x86_64", NodeFacts.MofedSource.HOST)).clusterPolicy().getSpec();
        for (ClusterPolicy.Spec s : List.of(mig, sandbox, rdma, mig.merge(rdma).merge(sandbox),
                VgpuRender.clusterPolicy(SandboxWorkload.CONTAINER, "", ""))) {
            String patch = KubeYaml.dump(ClusterPolicy.of(s));
            Map<String, Object> patched = (Map<String, Object>) merge(sample, yaml(patch));
            assertEquals(List.of(), problems(CHECK.check(patched)), patch);
            // nothing the patch sets is pruned: the server stores every field of it as given
            Object spec = yaml(patch).get("spec");
            assertEquals(spec, pick(CHECK.check(patched).object().get("spec"), spec), patch);
        }
        // a fragment alone is not a whole policy: it is only ever a patch
        assertTrue(problems(CHECK.check(ClusterPolicy.of(mig))).stream().anyMatch(p -> p.contains("daemonsets")));
    }

    /** The part of {@code stored} that {@code patch} names, for comparing what the server kept. */
    @SuppressWarnings("unchecked")
    private static Object pick(Object stored, Object patch) {
        if (patch instanceof Map<?, ?> p && stored instanceof Map<?, ?> s) {
            Map<String, Object> out = new LinkedHashMap<>();
            p.forEach((k, v) -> out.put((String) k, pick(((Map<String, Object>) s).get(k), v)));
            return out;
        }
        return stored;
    }

    @Test
    void clusterPolicyValuesOutsideTheCrdEnumsAreRefused() {
        GpuException strategy = assertThrows(GpuException.class, () -> new ClusterPolicy.Spec.Mig("Mixed"));
        assertEquals(List.of("spec.mig.strategy: \"Mixed\" is not one of none, single, mixed (the CRD's enum)"),
                strategy.problems().stream().map(Object::toString).toList());
        GpuException def = assertThrows(GpuException.class, () -> new ClusterPolicy.Spec.MigManager(true,
                new ClusterPolicy.Spec.ConfigRef("ocatopic-mig-config", "ocatopic-worker-0")));
        assertEquals(List.of("spec.migManager.config.default: \"ocatopic-worker-0\" is not one of all-disabled, \"\""
                + " (the CRD's enum)"), def.problems().stream().map(Object::toString).toList());
        assertThrows(GpuException.class, () -> new ClusterPolicy.Spec.Driver(null, "Open"));
        assertThrows(GpuException.class, () -> new ClusterPolicy.Spec.SandboxWorkloads(true, "vm"));
        GpuException name = assertThrows(GpuException.class,
                () -> ClusterPolicy.Spec.mig(MigStrategy.SINGLE, "Ocatopic_MIG"));
        assertTrue(name.problems().get(0).toString().startsWith("config.name: \"Ocatopic_MIG\" is not a DNS-1123 subdomain"),
                name.problems().toString());
    }

    @Test
    void migManagerConfigMapHasValidNamesAndLabelValues() throws Exception {
        String longNode = "gpu-worker-" + "a".repeat(60) + ".example.com";
        Fleet f = new Fleet(List.of(new Fleet.Node(longNode, "", List.of(Fleet.Gpu.empty(0, "NVIDIA A100-SXM4-40GB"))),
                new Fleet.Node(longNode.replace(".example.com", ".example.org"), "",
                        List.of(Fleet.Gpu.empty(0, "0x233010DE"))), new Fleet.Node("empty", "", List.of())));
        MigPlan plan = gp.plan(f, List.of(Demand.fleetWide("3g.20gb", 2), Demand.fleetWide("3g.40gb", 2)));
        String a = gp.nodeLabels(plan.nodes().get(0)).get(GpuPartitioner.MIG_CONFIG_LABEL);
        String b = gp.nodeLabels(plan.nodes().get(1)).get(GpuPartitioner.MIG_CONFIG_LABEL);
        assertTrue(KubeNames.isLabelValue(a) && KubeNames.isLabelValue(b), a + " " + b);
        assertTrue(a.startsWith("ocatopic-gpu-worker-aaa") && a.length() <= 63, a);
        assertTrue(!a.equals(b), "distinct nodes keep distinct config names: " + a);
        assertEquals("ocatopic-worker-0", MigManagerConfig.configName("worker-0"));

        ConfigMap cm = gp.migManagerConfigMap("ocatopic-mig-config", "nvidia-gpu-operator", plan);
        assertEquals(List.of(), problems(CHECK.check(cm)));
        String cfg = cm.getData().get(MigManagerConfig.KEY);
        assertTrue(cfg.contains("\n  " + a + ":\n") && cfg.contains("\n  " + b + ":\n"), cfg);
        assertTrue(!cfg.contains("ocatopic-empty"), "a node without GPUs gets no (empty, rejected) config:\n" + cfg);
        assertEquals(List.of(), gp.validateMigPartedConfig(cfg, "").stream().map(Object::toString).toList());

        GpuException name = assertThrows(GpuException.class,
                () -> gp.migManagerConfigMap("Ocatopic MIG", "nvidia-gpu-operator", plan));
        assertTrue(name.problems().get(0).toString().startsWith("metadata.name: \"Ocatopic MIG\" is not a DNS-1123 subdomain"),
                name.problems().toString());
        GpuException ns = assertThrows(GpuException.class,
                () -> gp.migManagerConfigMap("ocatopic-mig-config", "nvidia.gpu.operator", plan));
        assertTrue(ns.problems().get(0).toString().startsWith("metadata.namespace: \"nvidia.gpu.operator\" is not a DNS-1123"
                + " label"), ns.problems().toString());
    }

    @Test
    void vgpuDeviceManagerConfigFollowsTheDeviceManagersRules() {
        VgpuDeviceManagerConfig.Entry ok = new VgpuDeviceManagerConfig.Entry(List.of(0), Optional.of("0x20B010DE"),
                Map.of("A100-1-5C", 7));
        assertEquals("0x20B010DE", ok.deviceFilter().orElseThrow());
        GpuException byName = assertThrows(GpuException.class, () -> new VgpuDeviceManagerConfig.Entry(List.of(0),
                Optional.of("A100-SXM4-40GB"), Map.of("A100-1-5C", 7)));
        assertTrue(byName.getMessage().startsWith("device-filter: \"A100-SXM4-40GB\" is not a PCI id"), byName.getMessage());
        GpuException mixed = assertThrows(GpuException.class, () -> VgpuDeviceManagerConfig.Entry.all(
                Map.of("A100-1-5C", 1, "A100-40C", 1)));
        assertTrue(mixed.getMessage().contains("cannot mix time-sliced and MIG-backed vGPU types in one entry"),
                mixed.getMessage());
        assertThrows(GpuException.class, () -> new VgpuDeviceManagerConfig.Entry(List.of(-1), Optional.empty(),
                Map.of("A100-40C", 1)));
        GpuException none = assertThrows(GpuException.class, () -> VgpuDeviceManagerConfig.render(Map.of()));
        assertEquals("vgpu-configs: needs at least one config", none.getMessage());
        GpuException label = assertThrows(GpuException.class, () -> VgpuDeviceManagerConfig.render(Map.of(
                "a100 mig", List.of(ok))));
        assertTrue(label.getMessage().contains("vgpu-configs.a100 mig: \"a100 mig\" cannot be a label value"),
                label.getMessage());
        assertThrows(GpuException.class, () -> VgpuRender.nodeLabels(SandboxWorkload.VM_VGPU, "-bad-"));
        // what renders reads back under the device manager's own rules
        MigPlan.Node node = new MigPlan.Node("w0", List.of(new MigPlan.Gpu(0, "A100-40GB", List.of(),
                List.of(new MigPlan.Instance("3g.20gb", 0), new MigPlan.Instance("3g.20gb", 4)), true)), List.of());
        String dm = VgpuDeviceManagerConfig.render(Map.of("ocatopic-w0",
                VgpuDeviceManagerConfig.forMigLayout(node, "A100", 'C')));
        assertEquals("""
                version: v1
                vgpu-configs:
                  ocatopic-w0:
                  - devices:
                    - 0
                    vgpu-devices:
                      A100-3-20C: 2
                """, dm);
    }
}
