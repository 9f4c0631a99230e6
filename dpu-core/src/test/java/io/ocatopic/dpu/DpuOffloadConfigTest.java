package io.ocatopic.dpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.card.CardSpec;
import io.ocatopic.netlink.Devlink;
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
        return new Card(CardModel.BLUEFIELD_2, pci, "p0", "ens1f0", OptionalInt.empty());
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
                        b.smartNicHost("host-worker-1"), "smartNicHosts[0]", "more than one"),
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
                        b.mode(DpuMode.NIC), "mode", "offload engine"),
                Arguments.of("separated host mode", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.mode(DpuMode.SEPARATED_HOST), "mode", "separated-host"),
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
        assertTrue(e.violations().stream().anyMatch(v -> v.path().equals(path) && v.message().contains(words)),
                "expected " + path + " ~ '" + words + "' in " + e.violations());
        assertTrue(e.getMessage().contains(path + ": "), e.getMessage());
    }

    @Test
    void collectsEveryProblemAtOnce() {
        DpuException e = assertThrows(DpuException.class,
                () -> Samples.twoDpuBuilder().mtu(100).mgmtPortVf(-1).mode(DpuMode.NIC).build());
        assertEquals(List.of("mode", "mgmtPortVf", "mtu"), e.violations().stream().map(Violation::path).toList());
    }

    @Test
    void theSampleIsValidAndDerivesCardSpecs() {
        DpuOffloadConfig c = Samples.twoDpu();
        assertEquals(2, c.nodes().size());
        CardSpec spec = c.cardSpec("dpu-worker-0");
        assertEquals("0000:03:00.0", spec.pciAddress());
        assertEquals(8, spec.numVfs());
        assertEquals(8, spec.functions().size());
        var caps = spec.functions().get(3).caps().orElseThrow();
        assertTrue(caps.has(Devlink.CAP_ROCE) && caps.has(Devlink.CAP_IPSEC_CRYPTO));
        assertFalse(caps.has(Devlink.CAP_IPSEC_PACKET));
        assertEquals(Devlink.CAP_ROCE | Devlink.CAP_IPSEC_CRYPTO, caps.selector(), "other caps are left alone");
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
        assertEquals(CardModel.BLUEFIELD_3, c.node("dpu-0").card().model());
        assertEquals(4, c.numVfs());

        DpuException e = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml(
                "infraCluster: a\ntenantCluster: b\nnodes:\n- name: d\n  card: {deviceId: 'beef', pciAddress: x}\n"));
        assertEquals(List.of("nodes[0].card.model", "nodes"), e.violations().stream().map(Violation::path).toList());
        DpuException typo = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml("infraClustr: a\n"));
        assertEquals("(file)", typo.violations().get(0).path());
    }

    @Test
    void secretTextIsRedacted() {
        assertFalse(SecretText.of("apiVersion: v1\ntoken: s3cr3t").toString().contains("s3cr3t"));
    }
}
