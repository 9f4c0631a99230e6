package io.ocatopic.dpu.internal.render;

import io.ocatopic.testing.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpuRendererTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/dpu-2node.yaml");

    static String concat(Map<String, String> files) {
        StringBuilder sb = new StringBuilder();
        files.forEach((name, text) -> sb.append("# file: ").append(name).append('\n').append(text));
        return sb.toString();
    }

    @Test
    void twoDpuSampleMatchesTheGoldenFile() throws Exception {
        String actual = concat(Samples.twoDpu().render().files());
        Golden.assertMatches(GOLDEN, actual);
    }

    @Test
    void rendersWhatTheOperatorsRead() {
        DpuResources r = Samples.twoDpu().render();
        DpuClusterConfig dcc = (DpuClusterConfig) r.infra().get(0);
        assertEquals("dpu.openshift.io/v1alpha1", dcc.getApiVersion());
        assertEquals("tenant-kubeconfig", dcc.getSpec().kubeConfigFile());
        assertEquals("dpu", dcc.getSpec().poolName());
        ConfigMap env = (ConfigMap) r.infra().get(1);
        assertEquals(Map.of("dpu-worker-0", "TENANT_K8S_NODE=host-worker-0", "dpu-worker-1", "TENANT_K8S_NODE=host-worker-1"),
                env.getData());
        assertEquals(2, r.infra().size(), "no MachineConfig: dpu-network-operator ships switchdev, hw-offload and the"
                + " host-PF port itself; " + r.infra());
        assertTrue(r.infra().stream().noneMatch(o -> o instanceof MachineConfig), r.infra().toString());

        ConfigMap hw = (ConfigMap) r.tenant().get(0);
        assertEquals("openshift-network-operator", hw.getMetadata().getNamespace());
        assertEquals("network.operator.openshift.io/dpu-host=", hw.getData().get("dpu-host-mode-label"));
        assertEquals("openshift.io/mgmtvf", hw.getData().get("mgmt-port-resource-name"));
        List<SriovNetworkNodePolicy> policies = r.tenant().stream().filter(o -> o instanceof SriovNetworkNodePolicy)
                .map(o -> (SriovNetworkNodePolicy) o).toList();
        assertEquals(4, policies.size(), "mgmt + workload policy per (model, host PF)");
        SriovNetworkNodePolicy mgmt = policies.stream().filter(p -> p.getMetadata().getName().equals("dpu-mgmt-bf2-ens1f0"))
                .findFirst().orElseThrow();
        assertEquals(List.of("ens1f0#0-0"), mgmt.getSpec().nicSelector().pfNames());
        assertEquals("a2d6", mgmt.getSpec().nicSelector().deviceID());
        assertEquals(Map.of("host-worker-0", Map.of("network.operator.openshift.io/dpu-host", ""),
                "host-worker-1", Map.of("network.operator.openshift.io/dpu-host", "")), r.tenantNodeLabels());
    }

    @Test
    void smartNicHostsGetTheManagementVfOvnkubeNodeRequests() {
        DpuResources r = Samples.twoDpuBuilder().smartNicHost("host-worker-2", "ens8f0").build().render();
        SriovNetworkNodePolicy mgmt = policy(r, "smartnic-mgmt-ens8f0");
        assertEquals("mgmtvf", mgmt.getSpec().resourceName(), "CNO's mgmt-port-resource-name openshift.io/mgmtvf");
        assertEquals(Map.of("network.operator.openshift.io/smart-nic", ""), mgmt.getSpec().nodeSelector());
        assertEquals(List.of("ens8f0#0-0"), mgmt.getSpec().nicSelector().pfNames());
        assertEquals("switchdev", mgmt.getSpec().eSwitchMode(), "a smart-NIC host owns its eswitch");
        assertEquals(8, mgmt.getSpec().numVfs());
        assertEquals("netdevice", mgmt.getSpec().deviceType());
        assertEquals(List.of("ens8f0#1-7"), policy(r, "smartnic-vfs-ens8f0").getSpec().nicSelector().pfNames());
        assertEquals(null, policy(r, "dpu-mgmt-bf2-ens1f0").getSpec().eSwitchMode(), "the DPU owns a dpu-host's eswitch");
        assertEquals(Map.of("network.operator.openshift.io/smart-nic", ""), r.tenantNodeLabels().get("host-worker-2"));
        assertEquals(List.of("host-worker-0", "host-worker-1", "host-worker-2"),
                r.tenantNodes().stream().map(n -> n.getMetadata().getName()).toList());
    }

    static SriovNetworkNodePolicy policy(DpuResources r, String name) {
        return r.tenant().stream().filter(o -> o instanceof SriovNetworkNodePolicy && o.getMetadata().getName().equals(name))
                .map(o -> (SriovNetworkNodePolicy) o).findFirst()
                .orElseThrow(() -> new AssertionError("no policy " + name + " in " + r.tenant()));
    }

    static final java.util.regex.Pattern SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void everyRenderedNameIsADns1123SubdomainEvenForOddNetdevNames() {
        DpuResources r = DpuOffloadConfig.builder("edge.infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0", new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_2,
                        "0000:03:00.0", "p0", "Ens1F0_a", java.util.OptionalInt.empty()))
                .node("dpu-worker-1", "host-worker-1", new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_2,
                        "0000:03:00.0", "p0", "ens1f0-a", java.util.OptionalInt.empty()))
                .node("dpu-worker-2", "host-worker-2", new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_2,
                        "0000:03:00.0", "p0", "ENS1F0.A", java.util.OptionalInt.empty()))
                .smartNicHost("host-worker-3", "eth0.100").smartNicHost("host-worker-4", "_x_")
                .build().render();
        List<HasMetadata> all = new java.util.ArrayList<>(r.infra());
        all.addAll(r.tenant());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (HasMetadata o : all) {
            String n = o.getMetadata().getName();
            assertTrue(n.length() <= 63 && SUBDOMAIN.matcher(n).matches(), o.getKind() + " name '" + n + "'");
            assertTrue(names.add(o.getKind() + "/" + n), "two objects named " + n);
        }
        assertEquals(List.of("Ens1F0_a#0-0"), policy(r, "dpu-mgmt-bf2-" + DpuRenderer.nameSegment("Ens1F0_a"))
                .getSpec().nicSelector().pfNames(), "pfNames keep the real netdev name");
        assertEquals("ens1f0-a", DpuRenderer.nameSegment("ens1f0-a"), "a valid name is kept as it is");
        assertTrue(DpuRenderer.nameSegment("Ens1F0_a").startsWith("ens1f0-a-"), DpuRenderer.nameSegment("Ens1F0_a"));
        assertEquals(1 + 3 * 2 + 2 * 2, r.tenant().size(), "the ConfigMap, and mgmt + workload policy per distinct PF");
    }

    @Test
    void writesFilesAtomicallyAndReadsBackTyped(@TempDir Path dir) throws Exception {
        DpuResources r = Samples.twoDpu().render();
        List<Path> files = r.writeTo(dir);
        assertEquals(r.files().size(), files.size());
        DpuClusterConfig back = KubeYaml.load(Files.readString(dir.resolve("infra/dpuclusterconfig-edge-infra.yaml")),
                DpuClusterConfig.class);
        assertEquals("dpu", back.getSpec().poolName());
        SriovNetworkNodePolicy p = KubeYaml.load(Files.readString(dir.resolve("tenant/sriovnetworknodepolicy-dpu-vfs-bf3-ens2f0np0.yaml")),
                SriovNetworkNodePolicy.class);
        assertEquals(List.of("ens2f0np0#1-7"), p.getSpec().nicSelector().pfNames());
    }

    /**
     * Issue 16: writing a render into a directory that holds a previous one left the old objects' files (a
     * node removed from the config kept its policies). Each kind (DPU, DPF) now replaces its own previous
     * render; a file put there by hand, and the other kind's files, stay.
     */
    @Test
    void aRerenderReplacesThePreviousRenderOfItsKindOnly(@TempDir Path dir) throws Exception {
        DpuOffloadConfig mixed = Samples.mixedBuilder().build();
        mixed.render().writeTo(dir);
        mixed.renderDpf().writeTo(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
        DpuOffloadConfig smaller = DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0",
                        new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0",
                                java.util.OptionalInt.empty()))
                .node("dpu-host-3", "host-worker-3", new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_3,
                        "0000:03:00.0", "p0", "ens2f0np0", java.util.OptionalInt.empty()).withMemoryGiB(32))
                .numVfs(16).dpf(Samples.dpf()).build();
        DpuResources r = smaller.render();
        r.writeTo(dir);
        java.util.Set<String> expected = new java.util.TreeSet<>(r.files().keySet());
        expected.addAll(mixed.renderDpf().files().keySet());   // the DPF render was not redone: it stays whole
        expected.addAll(List.of("kustomization.yaml", ".ocatopic-render-dpu", ".ocatopic-render-dpf"));
        assertEquals(expected, tree(dir));
        smaller.renderDpf().writeTo(dir);
        expected.removeAll(mixed.renderDpf().files().keySet());
        expected.addAll(smaller.renderDpf().files().keySet());
        assertEquals(expected, tree(dir));
        assertTrue(mixed.renderDpf().files().size() > smaller.renderDpf().files().size(), "a node fewer, files fewer");
    }

    private static java.util.Set<String> tree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    @Test
    void appliesToBothClustersAndLabelsNodes() {
        DpuOffloadConfig cfg = Samples.twoDpu();
        DpuResources r = cfg.render();
        try (EmbeddedApi infra = EmbeddedApi.start(); EmbeddedApi tenant = EmbeddedApi.start()) {
            infra.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("dpu-worker-0").endMetadata().build()).create();
            tenant.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("host-worker-0")
                    .addToLabels("kubernetes.io/hostname", "host-worker-0").endMetadata().build()).create();
            DpuResources.ApplyReport rep = r.applyTo(infra.applier(), tenant.applier(), Optional.of(io.ocatopic.kube.Secret.of("kubeconfig-text")));
            assertEquals(r.infra().size() + 1, rep.infraApplied());
            assertEquals(r.tenant().size(), rep.tenantApplied());
            assertEquals(List.of("infra/dpu-worker-0", "tenant/host-worker-0"), rep.labelledNodes());
            assertEquals(List.of("infra/dpu-worker-1", "tenant/host-worker-1"), rep.missingNodes());
            DpuClusterConfig dcc = infra.client().resources(DpuClusterConfig.class).inNamespace(cfg.infraNamespace())
                    .withName("edge-infra").get();
            assertEquals("tenant-kubeconfig", dcc.getSpec().kubeConfigFile());
            Secret s = infra.client().secrets().inNamespace(cfg.infraNamespace()).withName("tenant-kubeconfig").get();
            assertTrue(s != null, "kubeconfig Secret written");
            assertEquals(4, tenant.client().resources(SriovNetworkNodePolicy.class)
                    .inNamespace(DpuRenderer.SRIOV_NAMESPACE).list().getItems().size());
            Map<String, String> hostLabels = tenant.client().nodes().withName("host-worker-0").get().getMetadata().getLabels();
            assertEquals("", hostLabels.get("network.operator.openshift.io/dpu-host"));
            assertEquals("host-worker-0", hostLabels.get("kubernetes.io/hostname"), "existing labels kept");
            assertEquals("", infra.client().nodes().withName("dpu-worker-0").get().getMetadata().getLabels()
                    .get(DpuRenderer.DPU_NODE_LABEL));
            // re-applying is a no-op that succeeds
            r.applyTo(infra.applier(), tenant.applier(), Optional.empty());
            for (HasMetadata o : r.tenant()) {
                assertTrue(tenant.client().resource(o).get() != null, o.getKind());
            }
        }
    }

    @Test
    void aServerDryRunStoresNothingNotEvenNodeLabels() {
        DpuResources r = Samples.twoDpu().render();
        try (EmbeddedApi infra = EmbeddedApi.start(); EmbeddedApi tenant = EmbeddedApi.start()) {
            infra.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("dpu-worker-0").endMetadata().build()).create();
            tenant.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("host-worker-0")
                    .addToLabels("kubernetes.io/hostname", "host-worker-0").endMetadata().build()).create();
            DpuResources.ApplyReport rep = r.applyTo(infra.applier().serverDryRun(), tenant.applier().serverDryRun(),
                    Optional.empty());
            assertEquals(List.of("infra/dpu-worker-0", "tenant/host-worker-0"), rep.labelledNodes(), "checked");
            assertEquals(Map.of("kubernetes.io/hostname", "host-worker-0"),
                    tenant.client().nodes().withName("host-worker-0").get().getMetadata().getLabels());
            Map<String, String> infraLabels = infra.client().nodes().withName("dpu-worker-0").get().getMetadata().getLabels();
            assertTrue(infraLabels == null || !infraLabels.containsKey(DpuRenderer.DPU_NODE_LABEL), String.valueOf(infraLabels));
            for (HasMetadata o : r.tenant()) {
                assertTrue(tenant.client().resource(o).get() == null, o.getKind() + " stored by a dry run");
            }
        }
    }
}
