package io.ocatopic.ztp.internal.render;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisImport;
import static io.ocatopic.ztp.testing.Trees.indexOf;
import static io.ocatopic.ztp.testing.Trees.trees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.Cidr;
import io.ocatopic.ztp.internal.ztpfw.ZtpfwImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * assisted-service's belongs-to-machine-cidr rule as an {@link AdmissionRule}: broken sets are flagged on the
 * host's object, fixed sets and the real renders of the fixtures are clean.
 */
class MachineNetworkRuleTest {
    static final String PULL = "{\"auths\":{\"r.local\":{\"auth\":\"c2VjcmV0\"}}}";
    final MachineNetworkRule rule = new MachineNetworkRule();

    static List<RenderedCluster> render(String fixture) {
        ChassisSpec spec = ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/" + fixture),
                ChassisImport.ztpfw("factory.example.com", Secret.of(PULL)));
        return ChassisRenderer.render(spec, Map.of());
    }

    /** The hub-driven set and agent-based pair of one cluster of the two-cluster fixture, as trees. */
    static List<Map<String, Object>> cluster(String name) {
        return trees(render("two-clusters.yaml").stream().filter(r -> r.name().equals(name)).toList());
    }

    @Test
    void isRegisteredForTheServiceLoader() {
        List<AdmissionRule> found = new ArrayList<>();
        ServiceLoader.load(AdmissionRule.class).forEach(found::add);
        assertTrue(found.stream().anyMatch(MachineNetworkRule.class::isInstance), found.toString());
        assertTrue(rule.source().contains("openshift/assisted-service internal/host/validator.go"));
        assertTrue(rule.guards("extensions.hive.openshift.io/v1beta1", "AgentClusterInstall"));
        assertTrue(rule.guards("agent-install.openshift.io/v1beta1", "NMStateConfig"));
        assertTrue(rule.guards("v1", "InstallConfig"));
        assertTrue(rule.guards("v1beta1", "AgentConfig"));
        assertTrue(!rule.guards("v1", "Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-clusters.yaml", "dhcp-only.yaml"})
    void realRendersOfTheFixturesAreClean(String fixture) {
        List<Map<String, Object>> objects = trees(render(fixture));
        assertTrue(objects.stream().anyMatch(o -> "AgentConfig".equals(o.get("kind"))));
        assertEquals(List.of(), rule.checkSet(objects));
    }

    @Test
    void hubHostWithOnlyAnAddressOutsideTheMachineNetworkIsFlagged() {
        List<Map<String, Object>> objects = cluster("edge-2");
        int nm = indexOf(objects, "NMStateConfig", "edge-2-master0");
        // the broken set: the SNO's only address is outside 192.168.7.0/24, no DHCP to hope on
        ipv4(nmInterfaces(objects.get(nm)).get(0)).putAll(Map.of("dhcp", false,
                "address", List.of(Map.of("ip", "10.19.2.30", "prefix-length", 24L))));
        List<AdmissionRule.Flag> flags = rule.checkSet(objects);
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(nm, flags.get(0).index());
        assertEquals("spec.config", flags.get(0).problem().path());
        String m = flags.get(0).problem().message();
        assertTrue(m.contains("host edge-2-master0 holds no address in the machine network 192.168.7.0/24"), m);
        assertTrue(m.contains("10.19.2.30") && m.contains("belongs-to-machine-cidr")
                && m.contains("AgentClusterInstall edge-2/edge-2"), m);

        // fixed: the machine address beside it, as the renderer writes it
        ipv4(nmInterfaces(objects.get(nm)).get(0)).put("address", List.of(
                Map.of("ip", "10.19.2.30", "prefix-length", 24L), Map.of("ip", "192.168.7.10", "prefix-length", 24L)));
        assertEquals(List.of(), rule.checkSet(objects));
        // or the machine network set to the host's network
        machineNetwork(objects.get(indexOf(objects, "AgentClusterInstall", "edge-2")), "10.19.2.0/24");
        ipv4(nmInterfaces(objects.get(nm)).get(0)).put("address", List.of(Map.of("ip", "10.19.2.30", "prefix-length", 24L)));
        assertEquals(List.of(), rule.checkSet(objects));
    }

    @Test
    void agentPairAsRenderedBeforeTheFixIsFlagged() {
        // issue 13 point 1: rendezvousIP 10.19.2.30 (the DHCP lease), networkConfig DHCP only, machine
        // network 192.168.7.0/24: the one host holds no machine address
        List<Map<String, Object>> objects = cluster("edge-2");
        int ac = indexOf(objects, "AgentConfig", "edge-2");
        Map<String, Object> agent = objects.get(ac);
        agent.put("rendezvousIP", "10.19.2.30");
        Map<String, Object> host = host(agent, 0);
        Map<String, Object> ipv4 = ipv4(interfaces(map(host.get("networkConfig"))).get(0));
        ipv4.remove("address");
        List<AdmissionRule.Flag> flags = rule.checkSet(objects);
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(ac, flags.get(0).index());
        assertEquals("hosts[0].networkConfig", flags.get(0).problem().path());
        assertTrue(flags.get(0).problem().message().contains("host master0 holds no address in the machine network "
                + "192.168.7.0/24 (its addresses: 10.19.2.30)"), flags.get(0).problem().message());

        // as rendered now: the machine address on the NIC, and it is the rendezvous address
        List<Map<String, Object>> fixed = cluster("edge-2");
        Map<String, Object> now = fixed.get(indexOf(fixed, "AgentConfig", "edge-2"));
        assertEquals("192.168.7.10", now.get("rendezvousIP"));
        assertTrue(Cidr.parse("192.168.7.0/24").contains((String) now.get("rendezvousIP")));
        assertEquals(List.of(), rule.checkSet(fixed));
    }

    @Test
    void dhcpHostsAreNotJudged() {
        // a lease may well be in the machine network: DHCP-only hosts are not flagged
        List<Map<String, Object>> objects = cluster("edge-2");
        Map<String, Object> nm = objects.get(indexOf(objects, "NMStateConfig", "edge-2-master0"));
        ipv4(nmInterfaces(nm).get(0)).remove("address");
        assertEquals(List.of(), rule.checkSet(objects));
        // but a host that cannot get one is
        ipv4(nmInterfaces(nm).get(0)).put("dhcp", false);
        assertEquals(1, rule.checkSet(objects).size());
    }

    /** edge-1 with its external NICs off DHCP, so that each host's addresses are all known. */
    static List<Map<String, Object>> edge1Static() {
        List<Map<String, Object>> objects = cluster("edge-1");
        for (Map<String, Object> o : objects) {
            if ("NMStateConfig".equals(o.get("kind"))) {
                nmInterfaces(o).stream().filter(i -> i.containsKey("ipv4")).forEach(i -> ipv4(i).put("dhcp", false));
            }
        }
        return objects;
    }

    @Test
    void multiNodeUserManagedNetworkingIsNotChecked() {
        List<Map<String, Object>> objects = edge1Static();
        machineNetwork(objects.get(indexOf(objects, "AgentClusterInstall", "edge-1")), "10.99.0.0/24");
        int before = rule.checkSet(objects).size();
        assertEquals(4, before, "every edge-1 host is outside 10.99.0.0/24");
        List<Map<String, Object>> dhcp = cluster("edge-1");
        machineNetwork(dhcp.get(indexOf(dhcp, "AgentClusterInstall", "edge-1")), "10.99.0.0/24");
        assertEquals(List.of(), rule.checkSet(dhcp), "as rendered, each host's DHCP lease may lie in 10.99.0.0/24");
        Map<String, Object> aci = objects.get(indexOf(objects, "AgentClusterInstall", "edge-1"));
        map(aci.get("spec")).put("platformType", "None");
        // assisted-service skips multi-node user-managed networking (validator.go)
        assertEquals(0, rule.checkSet(objects).stream().filter(f -> "NMStateConfig".equals(
                objects.get(f.index()).get("kind"))).count());
    }

    @Test
    void onlyTheNmStateConfigsTheInfraEnvSelectsCount() {
        List<Map<String, Object>> objects = edge1Static();
        machineNetwork(objects.get(indexOf(objects, "AgentClusterInstall", "edge-1")), "10.99.0.0/24");
        Map<String, Object> env = objects.get(indexOf(objects, "InfraEnv", "edge-1"));
        map(env.get("spec")).put("nmStateConfigLabelSelector", Map.of("matchLabels", Map.of("other", "x")));
        assertEquals(0, rule.checkSet(objects).stream().filter(f -> "NMStateConfig".equals(
                objects.get(f.index()).get("kind"))).count());
        map(env.get("spec")).put("nmStateConfigLabelSelector", Map.of("matchExpressions", List.of(Map.of(
                "key", "nmstate_config_cluster_name", "operator", "In", "values", List.of("edge-1")))));
        assertEquals(4, rule.checkSet(objects).stream().filter(f -> "NMStateConfig".equals(
                objects.get(f.index()).get("kind"))).count());
    }

    @Test
    void userManagedLoadBalancerNeedsOneMachineNetworkOnly() {
        List<Map<String, Object>> objects = edge1Static();
        Map<String, Object> aci = objects.get(indexOf(objects, "AgentClusterInstall", "edge-1"));
        map(map(aci.get("spec")).get("networking")).put("machineNetwork",
                List.of(Map.of("cidr", "192.168.7.0/24"), Map.of("cidr", "10.99.0.0/24")));
        long hub = rule.checkSet(objects).stream().filter(f -> "NMStateConfig".equals(
                objects.get(f.index()).get("kind"))).count();
        assertEquals(4, hub, "all machine networks by default");
        map(aci.get("spec")).put("loadBalancer", Map.of("type", "UserManaged"));
        assertEquals(0, rule.checkSet(objects).stream().filter(f -> "NMStateConfig".equals(
                objects.get(f.index()).get("kind"))).count());
    }

    static void machineNetwork(Map<String, Object> aci, String cidr) {
        map(map(aci.get("spec")).get("networking")).put("machineNetwork", List.of(Map.of("cidr", cidr)));
    }

    static List<Map<String, Object>> nmInterfaces(Map<String, Object> nmStateConfig) {
        return interfaces(map(map(nmStateConfig.get("spec")).get("config")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> interfaces(Map<String, Object> nmstate) {
        return (List<Map<String, Object>>) nmstate.get("interfaces");
    }

    static Map<String, Object> ipv4(Map<String, Object> iface) {
        return map(iface.get("ipv4"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> host(Map<String, Object> agentConfig, int i) {
        return ((List<Map<String, Object>>) agentConfig.get("hosts")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

}
