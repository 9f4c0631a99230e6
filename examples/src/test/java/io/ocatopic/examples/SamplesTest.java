package io.ocatopic.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The annotated samples in {@code examples/samples/} load through the public readers and say what their
 * comments say, so that they cannot rot: a field renamed or a rule tightened fails here.
 */
class SamplesTest {
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void theDpuOffloadSampleLoads() throws IOException {
        DpuOffloadConfig c = DpuOffloadConfig.fromYaml(Files.readString(SAMPLES.resolve("dpu-offload.yaml")));
        assertEquals("edge-infra", c.infraCluster());
        assertEquals("edge-tenant", c.tenantCluster());
        assertEquals(DpuOffloadConfig.DEFAULT_INFRA_NAMESPACE, c.infraNamespace());
        assertEquals(DpuOffloadConfig.Mode.DPU, c.mode());
        assertEquals(8, c.numVfs());
        assertEquals(1500, c.mtu());
        assertEquals(EnumSet.of(DpuOffloadConfig.Offload.OVS_HW_OFFLOAD, DpuOffloadConfig.Offload.ROCE), c.offloads());
        assertEquals(DpuOffloadConfig.ModeLabels.defaults(), c.modeLabels());
        assertEquals(List.of("dpu-worker-0", "dpu-worker-1"), c.nodes().stream().map(DpuNode::name).toList());
        DpuNode bf3 = c.node("dpu-worker-1");
        assertEquals(Card.Model.BLUEFIELD_3, bf3.card().model(), "deviceId a2dc reads as a BlueField-3");
        assertEquals("p0", bf3.card().uplink());
        assertEquals(32, bf3.card().memoryGiB().getAsInt());
        assertEquals(DpuNode.Target.SHARED_OVN, c.targetOf(c.node("dpu-worker-0")));
        assertEquals(DpuNode.Target.DPF, c.targetOf(bf3), "a BlueField-3 without target goes to DPF");
        assertEquals(List.of(new DpuOffloadConfig.SmartNicHost("host-worker-2", "ens8f0")), c.smartNicHosts());
        DpfSettings dpf = c.dpf().orElseThrow();
        assertEquals("https://api.edge-tenant.example.com:6443", dpf.apiServer());
        assertEquals(3072, dpf.hugepages());
        assertEquals(1450, dpf.mtu());
        assertTrue(dpf.bfbSha256().isEmpty());
        assertFalse(c.render().files().isEmpty(), "the sample renders");
    }

    @Test
    void theDpuSampleStatesTheDefaults() throws IOException {
        // the optional fields of the sample are set to their defaults: leaving them out changes nothing
        DpuOffloadConfig minimal = DpuOffloadConfig.fromYaml("""
                infraCluster: edge-infra
                tenantCluster: edge-tenant
                nodes:
                  - {name: dpu-worker-0, host: host-worker-0, card: {model: BLUEFIELD_2, pciAddress: "0000:03:00.0", hostPf: ens1f0}}
                """);
        DpuOffloadConfig sample = DpuOffloadConfig.fromYaml(Files.readString(SAMPLES.resolve("dpu-offload.yaml")));
        assertEquals(minimal.kubeconfigSecretName(), sample.kubeconfigSecretName());
        assertEquals(minimal.poolName(), sample.poolName());
        assertEquals(minimal.numVfs(), sample.numVfs());
        assertEquals(minimal.mgmtPortVf(), sample.mgmtPortVf());
        assertEquals(minimal.mtu(), sample.mtu());
        assertEquals(minimal.mgmtResourceName(), sample.mgmtResourceName());
        assertEquals(minimal.workloadResourceName(), sample.workloadResourceName());
        DpfSettings defaults = DpfSettings.builder("http://x/bf-bundle-2.9.1-40.bfb", "https://x:6443", "10.0.0.1", "br0").build();
        DpfSettings dpf = sample.dpf().orElseThrow();
        assertEquals(defaults.namespace(), dpf.namespace());
        assertEquals(defaults.bfbPvcName(), dpf.bfbPvcName());
        assertEquals(defaults.chartVersion(), dpf.chartVersion());
        assertEquals(defaults.dpuClusterVersion(), dpf.dpuClusterVersion());
        assertEquals(defaults.virtualRouterId(), dpf.virtualRouterId());
        assertEquals(List.of(defaults.podCidr(), defaults.serviceCidr(), defaults.hostCidr(), defaults.vtepCidr()),
                List.of(dpf.podCidr(), dpf.serviceCidr(), dpf.hostCidr(), dpf.vtepCidr()));
    }

    @Test
    void theGpuFleetSampleLoads() throws IOException {
        Fleet fleet = Fleet.fromYaml(Files.readString(SAMPLES.resolve("gpu-fleet.yaml")));
        assertEquals(List.of("worker-0", "worker-1"), fleet.nodes().stream().map(Fleet.Node::name).toList());
        assertEquals(4, fleet.gpuCount());
        Fleet.Node w0 = fleet.nodes().get(0);
        assertEquals("training", w0.group());
        Fleet.Gpu g0 = w0.gpus().get(0);
        assertEquals("A100-40GB", g0.model());
        assertTrue(g0.migEnabled());
        assertEquals(List.of(new Fleet.Instance("3g.20gb", 0, true), new Fleet.Instance("2g.10gb", 4, false)), g0.instances());
        Fleet.Gpu g1 = w0.gpus().get(1);
        assertFalse(g1.migEnabled());
        assertTrue(g1.instances().isEmpty());
        assertEquals(Map.of("worker-0", "training", "worker-1", "inference"),
                Map.of(w0.name(), w0.group(), fleet.nodes().get(1).name(), fleet.nodes().get(1).group()));
        assertEquals("0x233010DE", fleet.nodes().get(1).gpus().get(1).model());
        // every model spelling of the sample is one the catalog knows, and the existing layouts fit it
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        assertEquals(List.of("A100-40GB", "A100-40GB", "H100-80GB", "H100-80GB"), fleet.nodes().stream()
                .flatMap(n -> n.gpus().stream()).map(g -> gp.modelKey(g.model()).orElseThrow()).toList());
        assertEquals(2, gp.plan(fleet, List.of()).nodes().size());
    }
}
