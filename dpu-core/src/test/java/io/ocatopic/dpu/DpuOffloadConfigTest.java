package io.ocatopic.dpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.DpuOffloadConfig.ModeLabels;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.dpu.DpuOffloadConfig.SmartNicHost;
import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DpuOffloadConfigTest {
    static Card bf2(String pci) {
        return new Card(Card.Model.BLUEFIELD_2, pci, "p0", "ens1f0", OptionalInt.empty());
    }

    static Stream<Arguments> invalid() {
        return Stream.<Arguments>of(
                Arguments.of("unpaired DPU node", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node(new DpuNode("dpu-worker-2", Optional.empty(), bf2("0000:03:00.0"))), "nodes[2].host", "not paired"),
                Arguments.of("host paired twice", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "host-worker-0", bf2("0000:03:00.0")), "nodes[2].host", "already paired with DPU node dpu-worker-0"),
                Arguments.of("DPU node twice", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-0", "host-worker-9", bf2("0000:03:00.0")), "nodes[2].name", "listed twice"),
                Arguments.of("host in dpu-host and smart-nic mode", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.smartNicHost("host-worker-1", "ens1f0"), "smartNicHosts[0]", "more than one"),
                Arguments.of("smart-NIC host without its PF", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.smartNicHost("host-worker-2", null), "smartNicHosts[0].hostPf", "required"),
                Arguments.of("smart-NIC host twice", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.smartNicHost("host-worker-2", "ens8f0").smartNicHost("host-worker-2", "ens8f1"),
                        "smartNicHosts[1].host", "listed twice"),
                Arguments.of("smart-NIC host name not DNS-1123", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.smartNicHost("Host_2", "ens8f0"), "smartNicHosts[0].host", "DNS-1123"),
                Arguments.of("host name not DNS-1123", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "Host_Worker_2", bf2("0000:03:00.0")), "nodes[2].host", "DNS-1123"),
                Arguments.of("DPU node name not DNS-1123", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu worker 2", "host-worker-2", bf2("0000:03:00.0")), "nodes[2].name", "DNS-1123"),
                Arguments.of("host PF with the pfNames range separator", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "host-worker-2",
                                new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0#0-3", OptionalInt.empty())),
                        "nodes[2].card.hostPf", "netdev name"),
                Arguments.of("host PF longer than IFNAMSIZ", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "host-worker-2",
                                new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "enp1234s0f0np0abc", OptionalInt.empty())),
                        "nodes[2].card.hostPf", "at most 15"),
                Arguments.of("infraCluster not a DpuClusterConfig name", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        DpuOffloadConfig.builder("Edge_Infra", "edge-tenant").node("d", "h", bf2("0000:03:00.0")),
                        "infraCluster", "DNS-1123"),
                Arguments.of("namespace with a dot", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.infraNamespace("openshift.dpu"), "infraNamespace", "DNS-1123 label"),
                Arguments.of("the worker pool", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.poolName("worker"), "poolName", "refuses the worker pool"),
                Arguments.of("resource name the SR-IOV webhook refuses", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.resourceNames("mgmt-vf", "dpuvfs"), "mgmtResourceName", "^[a-zA-Z0-9_]+$"),
                Arguments.of("one resource for management and workload VFs", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.resourceNames("mgmtvf", "mgmtvf"), "workloadResourceName", "must differ"),
                Arguments.of("card with a null totalVfs", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "host-worker-2", new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", null)),
                        "nodes[2].card.totalVfs", "must not be null"),
                Arguments.of("mode labels share a key", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.modeLabels(new ModeLabels("example.com/mode=dpu-host", "example.com/mode=dpu",
                                "network.operator.openshift.io/smart-nic=")), "modeLabels.dpu", "two mode labels"),
                Arguments.of("VFs above the card's sriov_totalvfs", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.numVfs(17), "numVfs", "limit of 16"),
                Arguments.of("VFs above the model's default limit", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.numVfs(200), "numVfs", "limit of 127"),
                Arguments.of("no VF for the management port", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.numVfs(0), "numVfs", "management port"),
                Arguments.of("management VF out of range", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.mgmtPortVf(8), "mgmtPortVf", "does not exist"),
                Arguments.of("IPsec packet offload on BlueField-2", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.offloads(Offload.IPSEC_CRYPTO, Offload.IPSEC_PACKET), "offloads.IPSEC_PACKET", "BLUEFIELD_2"),
                Arguments.of("NIC mode", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.mode(DpuOffloadConfig.Mode.NIC), "mode", "offload engine"),
                Arguments.of("separated host mode", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.mode(DpuOffloadConfig.Mode.SEPARATED_HOST), "mode", "separated-host"),
                Arguments.of("MTU too large", (UnaryOperator<DpuOffloadConfig.Builder>) b -> b.mtu(9999), "mtu", "outside"),
                Arguments.of("same cluster twice", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        DpuOffloadConfig.builder("one", "one").node("d", "h", bf2("0000:03:00.0")), "tenantCluster", "must differ"),
                Arguments.of("bad PCI address", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-2", "host-worker-2", bf2("03:00.0")), "nodes[2].card.pciAddress", "0000:03:00.0"),
                Arguments.of("no nodes", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        DpuOffloadConfig.builder("i", "t"), "nodes", "at least one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, UnaryOperator<DpuOffloadConfig.Builder> breakIt, String path, String words) {
        DpuException e = assertThrows(DpuException.class, () -> breakIt.apply(Samples.twoDpuBuilder()).build());
        assertEquals(DpuException.Reason.INVALID_CONFIG, e.reason());
        assertTrue(e.problems().stream().anyMatch(v -> v.path().equals(path) && v.message().contains(words)),
                "expected " + path + " ~ '" + words + "' in " + e.problems());
        assertTrue(e.getMessage().contains(path + ": "), e.getMessage());
    }

    @Test
    void collectsEveryProblemAtOnce() {
        DpuException e = assertThrows(DpuException.class,
                () -> Samples.twoDpuBuilder().mtu(100).mgmtPortVf(-1).mode(DpuOffloadConfig.Mode.NIC).build());
        assertEquals(List.of("mode", "mgmtPortVf", "mtu"), e.problems().stream().map(Problem::path).toList());
    }

    @Test
    void theSampleIsValidAndDerivesCardSpecs() {
        DpuOffloadConfig c = Samples.twoDpu();
        assertEquals(2, c.nodes().size());
        CardPlan.Spec spec = c.cardSpec("dpu-worker-0");
        assertEquals("0000:03:00.0", spec.pciAddress());
        assertEquals(8, spec.numVfs());
        assertEquals(8, spec.functions().size());
        var caps = spec.functions().get(3).caps().orElseThrow();
        assertTrue(caps.has(PortCaps.CAP_ROCE) && caps.has(PortCaps.CAP_IPSEC_CRYPTO));
        assertFalse(caps.has(PortCaps.CAP_IPSEC_PACKET));
        assertEquals(PortCaps.CAP_ROCE | PortCaps.CAP_IPSEC_CRYPTO, caps.selector(), "other caps are left alone");
    }

    @Test
    void loadsFromYamlAndReportsBadFilesAsViolations() {
        DpuOffloadConfig c = DpuOffloadConfig.fromYaml(String.join("\n",
                "infraCluster: edge-infra",
                "tenantCluster: edge-tenant",
                "numVfs: 4",
                "offloads: [OVS_HW_OFFLOAD]",
                "nodes:",
                "- name: dpu-0",
                "  host: host-0",
                "  card: {deviceId: '0xa2dc', pciAddress: '0000:03:00.0', hostPf: ens1f0}",
                ""));
        assertEquals(Card.Model.BLUEFIELD_3, c.node("dpu-0").card().model());
        assertEquals(4, c.numVfs());

        DpuException e = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml(
                "infraCluster: a\ntenantCluster: b\nnodes:\n- name: d\n  card: {deviceId: 'beef', pciAddress: x}\n"));
        assertEquals(List.of("nodes[0].card.model", "nodes"), e.problems().stream().map(Problem::path).toList());
        DpuException typo = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml("infraClustr: a\n"));
        assertEquals("infraClustr", typo.problems().get(0).path());
        assertTrue(typo.problems().get(0).message().startsWith("unknown field"), typo.problems().toString());
        // issue 16 case 9: a key given twice is refused with its path instead of the last one winning
        DpuException dup = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml(
                "infraCluster: a\ntenantCluster: b\ninfraCluster: c\n"));
        assertEquals("(file)", dup.problems().get(0).path());
        assertTrue(dup.problems().get(0).message().startsWith("duplicate key \"infraCluster\""), dup.problems().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullEntries")
    void nullEntriesInYamlAreFieldPathErrorsNotNullPointers(String yaml, String path, String words) {
        String head = "infraCluster: edge-infra\ntenantCluster: edge-tenant\n";
        String node = "nodes:\n- name: dpu-0\n  host: host-0\n  card: {model: BLUEFIELD_2, pciAddress: '0000:03:00.0', hostPf: ens1f0}\n";
        DpuException e = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml(head + yaml.replace("NODE\n", node)));
        assertEquals(DpuException.Reason.INVALID_CONFIG, e.reason());
        assertTrue(e.problems().stream().anyMatch(v -> v.path().equals(path) && v.message().contains(words)),
                "expected " + path + " ~ '" + words + "' in " + e.problems());
    }

    static Stream<Arguments> nullEntries() {
        return Stream.of(
                Arguments.of("nodes: [null]\n", "nodes[0]", "empty entry"),
                Arguments.of("nodes:\n", "nodes", "at least one"),
                Arguments.of("nodes:\n-\n- name: dpu-1\n  host: host-1\n  card: {model: BLUEFIELD_3, pciAddress: '0000:03:00.0'}\n",
                        "nodes[1].card.hostPf", "required"),
                Arguments.of("NODE\nsmartNicHosts: [null]\n", "smartNicHosts[0]", "empty entry"),
                Arguments.of("NODE\nsmartNicHosts: [host-1]\n", "smartNicHosts[0].hostPf", "required"),
                Arguments.of("NODE\nsmartNicHosts: [{hostPf: ens8f0}]\n", "smartNicHosts[0].host", "required"),
                Arguments.of("NODE\noffloads: [OVS_HW_OFFLOAD, null]\n", "offloads[1]", "empty entry"),
                Arguments.of("NODE\nmodeLabels: {dpuHost: null}\n", "modeLabels.dpuHost", "key=value"));
    }

    @Test
    void loadsSmartNicHostsWithTheirPf() {
        DpuOffloadConfig c = DpuOffloadConfig.fromYaml(String.join("\n",
                "infraCluster: edge-infra",
                "tenantCluster: edge-tenant",
                "nodes:",
                "- {name: dpu-0, host: host-0, card: {model: BLUEFIELD_2, pciAddress: '0000:03:00.0', hostPf: ens1f0}}",
                "smartNicHosts:",
                "- {host: host-9, hostPf: ens8f0}",
                ""));
        assertEquals(List.of(new SmartNicHost("host-9", "ens8f0")), c.smartNicHosts());
    }

    @Test
    void theKubeconfigSecretIsRedacted() {
        assertFalse(Secret.of("apiVersion: v1\ntoken: s3cr3t").toString().contains("s3cr3t"));
    }
}
