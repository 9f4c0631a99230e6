package io.ocatopic.ztp.internal.ztpfw;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.Cidr;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.render.AgentConfig;
import io.ocatopic.ztp.internal.render.AgentInstallRenderer;
import io.ocatopic.ztp.internal.render.ChassisRenderer;
import io.ocatopic.ztp.internal.render.MachineNetworkRule;
import io.ocatopic.ztp.internal.render.NMStateConfig;
import io.ocatopic.ztp.internal.render.NmStateRenderer;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import io.ocatopic.ztp.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZTPFW's own example shape: nodes with only an external DHCP NIC (no {@code nic_int_static}, no
 * {@code ip_ext_dhcp}). It validates and renders the hub-driven set, with every node on the machine network
 * from the discovery boot on; the agent-based pair is rendered too, or skipped with a reason when the pull
 * secret lives on the hub.
 */
class ZtpfwDhcpOnlyTest {
    static final String PULL = "{\"auths\":{\"registry.factory.local:5000\":{\"auth\":\"ZGhjcDpkaGNw\"}}}";
    static final Path FIXTURE = Path.of("src/test/resources/ztpfw/dhcp-only.yaml");

    static ChassisSpec load(Secret pull) {
        return ZtpfwImporter.load(FIXTURE, ChassisImport.ztpfw("factory.example.com", pull));
    }

    @Test
    void validatesWithoutInternalNicsOrRendezvousAddress() {
        ChassisSpec spec = load(Secret.of(PULL));
        Cluster c1 = spec.cluster("edgecluster1-name");
        Cluster c2 = spec.cluster("edgecluster2-name");
        assertEquals(Layout.STANDARD, c1.layout());
        assertEquals(Layout.SINGLE_NODE, c2.layout());
        for (Cluster c : spec.clusters()) {
            assertEquals("192.168.7.0/24", c.network().machineNetwork());
            assertTrue(c.nodes().stream().allMatch(n -> n.internalNic().isEmpty() && n.externalIp().isEmpty()));
            assertEquals(Optional.of("192.168.7.10"), c.rendezvousIp());
        }
        assertEquals("4.14.10-x86_64", spec.release().tag());
        assertEquals("openshift-v4.14.10", spec.release().clusterImageSet());
        assertEquals(List.of("192.168.7.10", "192.168.7.11", "192.168.7.12", "192.168.7.13"),
                c1.nodes().stream().map(Node::machineIp).toList());
    }

    @Test
    void theTwoClusterFixtureValidatesWithoutItsIpExtDhcpExtension() throws Exception {
        // before: "edgeclusters[1].edge-2.master0.ip_ext_dhcp: required ... rendezvousIP"
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("src/test/resources/ztpfw/two-clusters.yaml")));
        ((ObjectNode) root.get("edgeclusters").get(1).get("edge-2").get("master0")).remove(ZtpfwImporter.IP_EXT_DHCP);
        ChassisSpec spec = ZtpfwImporter.parse(yaml.writeValueAsString(root),
                ChassisImport.ztpfw("factory.example.com", Secret.of(PULL)));
        assertEquals(Optional.of("192.168.7.10"), spec.cluster("edge-2").rendezvousIp());
        assertEquals(spec.cluster("edge-2").rendezvousIp(), ChassisSpec.parse(spec.toJson()).cluster("edge-2").rendezvousIp());
    }

    @Test
    void rendersTheHubDrivenSetWithEveryNodeOnTheMachineNetwork(@TempDir Path out) throws Exception {
        ChassisSpec spec = load(Secret.of(PULL));
        List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
        for (RenderedCluster r : rendered) {
            Cluster c = spec.cluster(r.name());
            Map<String, Long> kinds = r.hubObjects().stream()
                    .collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
            int n = c.nodes().size();
            assertEquals(Map.of("Namespace", 1L, "Secret", 1L + n, "AgentClusterInstall", 1L, "ClusterDeployment", 1L,
                    "InfraEnv", 1L, "NMStateConfig", (long) n, "BareMetalHost", (long) n, "ManagedCluster", 1L,
                    "KlusterletAddonConfig", 1L), kinds);
            // each node: DHCP on the external NIC, and its machine address beside the lease (ZTPFW's
            // add-internal-ip-infraenv.sh did the same on the discovery image)
            List<NMStateConfig> nms = r.hubObjects().stream().filter(NMStateConfig.class::isInstance)
                    .map(NMStateConfig.class::cast).toList();
            for (int i = 0; i < n; i++) {
                Node node = c.nodes().get(i);
                Map<String, Object> ext = firstInterface(nms.get(i).getSpec().config());
                assertEquals(node.externalNic().name(), ext.get("name"));
                Map<?, ?> ipv4 = (Map<?, ?>) ext.get("ipv4");
                assertEquals(true, ipv4.get("dhcp"));
                assertEquals(List.of(Map.of("ip", node.machineIp(), "prefix-length", 24)), ipv4.get("address"));
                assertEquals(nms.get(i).getSpec().config(), NmStateRenderer.render(c, node));
            }
            // the agent-based pair is there too, its rendezvous address inside the machine network
            AgentConfig ac = r.agentConfig().orElseThrow();
            assertTrue(Cidr.parse(c.network().machineNetwork()).contains(ac.rendezvousIP()), ac.rendezvousIP());
            assertTrue(r.installConfig().isPresent());
            assertEquals(Optional.empty(), r.agentInstallSkipped());
        }
        // assisted-service's belongs-to-machine-cidr holds for the whole set
        List<AdmissionRule.Flag> flags = new MachineNetworkRule().checkSet(Trees.trees(rendered));
        assertEquals(List.of(), flags);

        Set<String> files = ChassisRenderer.write(rendered, out).stream().map(Path::toString).collect(Collectors.toSet());
        assertTrue(files.contains("edgecluster2-name/hub-crs.yaml") && files.contains("edgecluster2-name/agent-config.yaml"),
                files.toString());
    }

    @Test
    void agentPairIsSkippedWithAReasonWhenThePullSecretLivesOnTheHub(@TempDir Path out) {
        ChassisSpec spec = load(Secret.fromSecret("pull-secret", ".dockerconfigjson"));
        List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
        for (RenderedCluster r : rendered) {
            assertTrue(r.installConfig().isEmpty() && r.agentConfig().isEmpty());
            String why = r.agentInstallSkipped().orElseThrow();
            assertTrue(why.contains("pull secret") && why.contains("pull-secret/.dockerconfigjson"), why);
            assertFalse(why.contains("\n"), "one line: " + why);
            assertTrue(r.hubObjects().stream().anyMatch(o -> o.getKind().equals("AgentClusterInstall")));
        }
        Set<String> files = ChassisRenderer.write(rendered, out).stream().map(Path::toString).collect(Collectors.toSet());
        assertTrue(files.contains("edgecluster1-name/hub-crs.yaml"), files.toString());
        assertFalse(files.stream().anyMatch(f -> f.endsWith("install-config.yaml") || f.endsWith("agent-config.yaml")),
                files.toString());
        assertFalse(Files.exists(out.resolve("edgecluster1-name/install-config.yaml")));
        // asked for explicitly, it is an error
        ZtpException e = assertThrows(ZtpException.class,
                () -> AgentInstallRenderer.installConfig(spec, spec.cluster("edgecluster1-name")));
        assertEquals(ZtpException.Reason.SECRET_UNRESOLVED, e.reason());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstInterface(Map<String, Object> nmstate) {
        return ((List<Map<String, Object>>) nmstate.get("interfaces")).get(0);
    }
}
