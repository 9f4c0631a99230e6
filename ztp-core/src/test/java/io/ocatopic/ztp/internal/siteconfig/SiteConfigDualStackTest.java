package io.ocatopic.ztp.internal.siteconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.installer.v1.InstallConfig;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.SecondaryNetwork;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.internal.render.AgentInstallRenderer;
import io.ocatopic.ztp.internal.render.ClusterInstanceRenderer;
import io.ocatopic.ztp.internal.render.HubCrRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: SiteConfig v1 beyond IPv4 and one machine network. A dual-stack sample (IPv4 primary, IPv6
 * secondary; plural VIPs of both families) imports into a ChassisSpec holding both families and renders a
 * ClusterInstance, an AgentClusterInstall and an install-config that carry both, accepted by the bundled CRD
 * schemas; an IPv6 single-stack single-node sample (the upstream example-sno.yaml shape) does too.
 */
class SiteConfigDualStackTest {
    static final Path DUAL = Path.of("src/test/resources/siteconfig/dual-stack-3plus1.yaml");
    static final Path SNO6 = Path.of("src/test/resources/siteconfig/sno-ipv6.yaml");

    /** The install-config holds the pull secret by value: the SiteConfig's is a hub Secret reference. */
    static ChassisSpec inline(ChassisSpec spec) {
        return spec.toBuilder().pullSecret(io.ocatopic.kube.Secret.of(ChassisSpec.SAMPLE_PULL_SECRET)).build();
    }

    @Test
    void dualStackImportsBothFamilies() {
        ChassisSpec spec = SiteConfigImporter.load(DUAL, Optional.empty());
        Cluster c = spec.cluster("edge-9");
        assertEquals(Layout.STANDARD, c.layout());
        Network n = c.network();
        assertEquals("192.168.9.0/24", n.machineNetwork());
        assertEquals("192.168.9.1", n.gateway());
        assertEquals("192.168.9.243", n.apiVip().orElseThrow());
        assertEquals("192.168.9.242", n.ingressVip().orElseThrow());
        assertEquals("10.128.0.0/14", n.clusterNetwork());
        assertEquals(23, n.hostPrefix());
        assertEquals("172.30.0.0/16", n.serviceNetwork());
        assertEquals(List.of("192.168.9.1", "fd00:9::1"), n.dnsServers());
        SecondaryNetwork v6 = n.secondary().orElseThrow();
        assertEquals(new SecondaryNetwork("fd00:9::/64", Optional.of("fd00:9::1"), Optional.of("fd00:9::f3"),
                Optional.of("fd00:9::f2"), "fd01::/48", 64, "fd02::/112"), v6);
        for (int i = 0; i < 4; i++) {
            assertEquals("192.168.9." + (10 + i), c.nodes().get(i).machineIp());
            assertEquals("fd00:9::" + (10 + i), c.nodes().get(i).secondaryMachineIp().orElseThrow());
            assertEquals("eno2", c.nodes().get(i).internalNic().orElseThrow().name());
        }
        // the own format keeps both families
        ChassisSpec again = ChassisSpec.parse(spec.toYaml());
        assertEquals(c.network(), again.cluster("edge-9").network());
        assertEquals(c.nodes(), again.cluster("edge-9").nodes());
    }

    @Test
    void dualStackRendersBothFamiliesAndTheCrdsAcceptThem() {
        ChassisSpec spec = SiteConfigImporter.load(DUAL, Optional.empty());
        Cluster c = spec.cluster("edge-9");
        List<HasMetadata> objs = ClusterInstanceRenderer.render(spec, c);
        SchemaCheck.Report r = SchemaCheck.bundled().checkAll(objs);
        assertTrue(r.conforms(), r.toString());
        GenericKubernetesResource ci = (GenericKubernetesResource) objs.stream()
                .filter(o -> o.getKind().equals("ClusterInstance")).findFirst().orElseThrow();
        Map<?, ?> s = (Map<?, ?>) ci.getAdditionalProperties().get("spec");
        assertEquals(List.of(Map.of("cidr", "192.168.9.0/24"), Map.of("cidr", "fd00:9::/64")), s.get("machineNetwork"));
        assertEquals(List.of(Map.of("cidr", "172.30.0.0/16"), Map.of("cidr", "fd02::/112")), s.get("serviceNetwork"));
        assertEquals(List.of(Map.of("cidr", "10.128.0.0/14", "hostPrefix", 23), Map.of("cidr", "fd01::/48", "hostPrefix", 64)),
                s.get("clusterNetwork"));
        assertEquals(List.of("192.168.9.243", "fd00:9::f3"), s.get("apiVIPs"));
        assertEquals(List.of("192.168.9.242", "fd00:9::f2"), s.get("ingressVIPs"));
        // each node's NMState holds both addresses on the internal NIC
        String yaml = KubeYaml.dumpAll(objs);
        assertTrue(yaml.contains("fd00:9::10") && yaml.contains("192.168.9.10"), yaml);
        assertTrue(yaml.contains("autoconf: false"), yaml);

        // the assisted set carries both families too, and its CRDs accept them
        List<HasMetadata> hub = HubCrRenderer.render(spec, c);
        SchemaCheck.Report h = SchemaCheck.bundled().checkAll(hub);
        assertTrue(h.conforms(), h.toString());
        String hubYaml = KubeYaml.dumpAll(hub);
        assertTrue(hubYaml.contains("fd00:9::/64") && hubYaml.contains("fd00:9::f3") && hubYaml.contains("fd02::/112"),
                hubYaml);

        // the agent install-config: machineNetwork and the VIP lists of both families
        InstallConfig ic = AgentInstallRenderer.installConfig(inline(spec), c);
        assertEquals(List.of("192.168.9.0/24", "fd00:9::/64"),
                ic.getNetworking().getMachineNetwork().stream().map(m -> m.getCidr()).toList());
        assertEquals(List.of("10.128.0.0/14", "fd01::/48"),
                ic.getNetworking().getClusterNetwork().stream().map(m -> m.getCidr()).toList());
        assertEquals(List.of("172.30.0.0/16", "fd02::/112"), ic.getNetworking().getServiceNetwork());
        assertEquals(List.of("192.168.9.243", "fd00:9::f3"), ic.getPlatform().getBaremetal().getApiVIPs());
        assertEquals(List.of("192.168.9.242", "fd00:9::f2"), ic.getPlatform().getBaremetal().getIngressVIPs());
    }

    @Test
    void singularDeprecatedVipsAndIpv6PrimaryOrder() {
        // apiVIP/ingressVIP (deprecated singular) still import; the plural wins when both are given
        String text = ZtpFiles.read(DUAL).replace("      apiVIPs:\n        - 192.168.9.243\n        - fd00:9::f3\n",
                "      apiVIP: 192.168.9.243\n").replace("      ingressVIPs:\n        - 192.168.9.242\n        - fd00:9::f2\n",
                "      ingressVIP: 192.168.9.242\n      ingressVIPs:\n        - 192.168.9.242\n        - fd00:9::f2\n");
        Network n = SiteConfigImporter.parse(text, Optional.empty()).cluster("edge-9").network();
        assertEquals("192.168.9.243", n.apiVip().orElseThrow());
        assertTrue(n.secondary().orElseThrow().apiVip().isEmpty(), "one API VIP given");
        assertEquals("fd00:9::f2", n.secondary().orElseThrow().ingressVip().orElseThrow());

        // IPv6 first: IPv6 is the primary family, IPv4 the secondary, in every rendered list
        String v6First = ZtpFiles.read(DUAL).replace("        - cidr: 192.168.9.0/24\n        - cidr: fd00:9::/64\n",
                "        - cidr: fd00:9::/64\n        - cidr: 192.168.9.0/24\n");
        ChassisSpec spec = SiteConfigImporter.parse(v6First, Optional.empty());
        Cluster c = spec.cluster("edge-9");
        assertEquals("fd00:9::/64", c.network().machineNetwork());
        assertEquals("fd00:9::10", c.nodes().get(0).machineIp());
        assertEquals("192.168.9.10", c.nodes().get(0).secondaryMachineIp().orElseThrow());
        Map<?, ?> s = (Map<?, ?>) ClusterInstanceRenderer.clusterInstance(spec, c).getAdditionalProperties().get("spec");
        assertEquals(List.of("fd00:9::f3", "192.168.9.243"), s.get("apiVIPs"));
        assertTrue(SchemaCheck.bundled().checkAll(ClusterInstanceRenderer.render(spec, c)).conforms());
    }

    @Test
    void ipv6SingleStackSingleNode() {
        ChassisSpec spec = SiteConfigImporter.load(SNO6, Optional.empty());
        Cluster c = spec.cluster("sno-6");
        assertEquals(Layout.SINGLE_NODE, c.layout());
        Network n = c.network();
        assertEquals("1111:2222:3333:4444::/64", n.machineNetwork());
        assertEquals("1111:2222:3333:4444::1", n.gateway());
        assertEquals("1001:1::/48", n.clusterNetwork());
        assertEquals(64, n.hostPrefix());
        assertEquals("1001:2::/112", n.serviceNetwork());
        assertTrue(n.secondary().isEmpty());
        assertEquals("1111:2222:3333:4444::aaaa:1", c.nodes().get(0).machineIp());
        assertTrue(c.nodes().get(0).internalNic().isEmpty(), "the address is on the boot NIC");
        assertEquals(Optional.of("1111:2222:3333:4444::aaaa:1"), c.rendezvousIp());
        List<HasMetadata> objs = ClusterInstanceRenderer.render(spec, c);
        assertTrue(SchemaCheck.bundled().checkAll(objs).conforms(), SchemaCheck.bundled().checkAll(objs).toString());
        Map<?, ?> s = (Map<?, ?>) ClusterInstanceRenderer.clusterInstance(spec, c).getAdditionalProperties().get("spec");
        assertEquals(List.of(Map.of("cidr", "1111:2222:3333:4444::/64")), s.get("machineNetwork"));
        assertFalse(s.containsKey("apiVIPs"));
        String yaml = KubeYaml.dumpAll(objs);
        assertTrue(yaml.contains("ip: 1111:2222:3333:4444::aaaa:1") || yaml.contains("ip: \"1111:2222:3333:4444::aaaa:1\""),
                yaml);
        assertTrue(SchemaCheck.bundled().checkAll(HubCrRenderer.render(spec, c)).conforms());
        assertEquals(List.of("1111:2222:3333:4444::/64"), AgentInstallRenderer.installConfig(inline(spec), c).getNetworking()
                .getMachineNetwork().stream().map(m -> m.getCidr()).toList());
    }

    @Test
    void dualStackMistakesNameTheirFields() {
        // a node without an address of the second family
        String noV6 = ZtpFiles.read(DUAL).replace(" ".repeat(20) + "- ip: fd00:9::11\n" + " ".repeat(22)
                + "prefix-length: 64\n", "");
        assertFalse(noV6.contains("fd00:9::11"));
        ZtpException e = assertThrows(ZtpException.class, () -> SiteConfigImporter.parse(noV6, Optional.empty()));
        assertTrue(e.getMessage().contains("clusters[0].nodes[1].secondaryMachineIp"), e.getMessage());
        // an IPv6 VIP outside the IPv6 machine network
        String badVip = ZtpFiles.read(DUAL).replace("- fd00:9::f3", "- fd00:99::f3");
        e = assertThrows(ZtpException.class, () -> SiteConfigImporter.parse(badVip, Optional.empty()));
        assertTrue(e.getMessage().contains("clusters[0].network.secondary.apiVip"), e.getMessage());
        // IPv6 cluster network host prefix other than 64 (openshift/installer)
        String badPrefix = ZtpFiles.read(DUAL).replace("hostPrefix: 64", "hostPrefix: 72");
        e = assertThrows(ZtpException.class, () -> SiteConfigImporter.parse(badPrefix, Optional.empty()));
        assertTrue(e.getMessage().contains("clusters[0].network.secondary.hostPrefix"), e.getMessage());
        // a third machine network, or two of one family
        String three = ZtpFiles.read(DUAL).replace("        - cidr: fd00:9::/64\n",
                "        - cidr: fd00:9::/64\n        - cidr: 10.9.0.0/24\n");
        e = assertThrows(ZtpException.class, () -> SiteConfigImporter.parse(three, Optional.empty()));
        assertTrue(e.getMessage().contains("spec.clusters[0].machineNetwork[2]"), e.getMessage());
        // both families the same
        Network same = Network.ztpfwDefaults().withSecondary(new SecondaryNetwork("10.9.0.0/24", Optional.empty(),
                Optional.empty(), Optional.empty(), "10.200.0.0/14", 23, "172.31.0.0/16"));
        ChassisSpec sample = ChassisSpec.sample("edge", 1);
        Cluster c0 = sample.clusters().get(0);
        Cluster sameFamily = Cluster.builder().name(c0.name()).baseDomain(c0.baseDomain()).network(same)
                .nodes(c0.nodes().stream().map(x -> x.toBuilder().secondaryMachineIp("10.9.0.9").build()).toList()).build();
        var problems = ChassisSpec.builder().release(sample.release()).pullSecret(sample.pullSecret())
                .cluster(sameFamily).problems();
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("clusters[0].network.secondary.machineNetwork")
                && p.message().contains("other IP family")), problems.toString());
    }
}
