package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.internal.Stacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a node's NMState: the external NIC on DHCP, the internal NIC with its static machine address,
 * ignored NICs {@code state: absent} (ZTPFW NMStateConfig template), DNS servers when given. Pure.
 *
 * <p>A node without an internal NIC (ZTPFW single-NIC mode: no {@code nic_int_static}) holds its machine
 * address as a static address on the external NIC, beside the DHCP lease, so that it is on the machine
 * network from the discovery boot on, as ZTPFW arranged it: {@code deploy-edgecluster/render_edgeclusters.sh}
 * wrote that address into the external NIC of the NMStateConfig, and {@code ztp/internal/cmd/cluster/templates/
 * files/add-internal-ip-infraenv.sh} (discovery ISO) and {@code add-internal-ip-bmh.sh} (installed host) add it
 * with {@code nmcli +ipv4.addresses}. Without it assisted-service fails the host's {@code belongs-to-machine-cidr}
 * validation ({@code internal/host/validator.go}). A static address beside {@code dhcp: true} needs nmstate
 * 2.2.10 or later ({@code tests/integration/dynamic_ip_test.py}, {@code test_static_ip_with_auto_ip_enabled}),
 * which RHCOS 4.14 carries.
 *
 * <p>IPv6 machine addresses (single-stack IPv6, or the second family of a dual-stack cluster) are static on
 * the same NIC as the IPv4 one, in its {@code ipv6} block ({@code dhcp: false, autoconf: false}); the
 * external NIC keeps DHCPv4 on the factory network.
 *
 * <pre>{@code
 * Map<String, Object> nmstate = NmStateRenderer.render(cluster, node);
 * }</pre>
 */
public final class NmStateRenderer {
    private NmStateRenderer() {
    }

    /**
     * The node's NMState document.
     *
     * @param cluster the cluster (for the machine prefix and DNS)
     * @param node    the node
     * @return the document as ordered maps and lists
     */
    public static Map<String, Object> render(Cluster cluster, Node node) {
        List<Object> v4 = new ArrayList<>();
        List<Object> v6 = new ArrayList<>();
        for (Map.Entry<String, Integer> a : Stacks.nodeAddresses(cluster.network(), node)) {
            (Stacks.isIpv6(a.getKey()) ? v6 : v4).add(ordered("ip", a.getKey(), "prefix-length", a.getValue()));
        }
        List<Object> ifaces = new ArrayList<>();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("name", node.externalNic().name());
        ext.put("type", "ethernet");
        ext.put("state", "up");
        ext.put("mac-address", node.externalNic().mac());
        Map<String, Object> extIpv4 = ordered("enabled", true, "dhcp", true);
        if (node.internalNic().isEmpty() && !v4.isEmpty()) {
            extIpv4.put("address", v4);
        }
        ext.put("ipv4", extIpv4);
        ext.put("ipv6", node.internalNic().isEmpty() ? ipv6(v6) : ordered("enabled", false));
        ifaces.add(ext);
        node.internalNic().ifPresent(nic -> {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("name", nic.name());
            in.put("type", "ethernet");
            in.put("state", "up");
            in.put("mac-address", nic.mac());
            Map<String, Object> ipv4 = v4.isEmpty() ? ordered("enabled", false) : ordered("enabled", true, "dhcp", false);
            if (!v4.isEmpty()) {
                ipv4.put("address", v4);
            }
            in.put("ipv4", ipv4);
            in.put("ipv6", ipv6(v6));
            ifaces.add(in);
        });
        for (String ignored : node.ignoredInterfaces()) {
            ifaces.add(ordered("name", ignored, "type", "ethernet", "state", "absent"));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("interfaces", ifaces);
        if (!cluster.network().dnsServers().isEmpty()) {
            doc.put("dns-resolver", Map.of("config", Map.of("server", cluster.network().dnsServers())));
        }
        return doc;
    }

    /**
     * The interface list (name and MAC) the installer maps NMState names with.
     *
     * @param node the node
     * @return external first, then internal
     */
    public static List<NMStateConfig.Interface> interfaces(Node node) {
        List<NMStateConfig.Interface> out = new ArrayList<>();
        out.add(new NMStateConfig.Interface(node.externalNic().name(), node.externalNic().mac()));
        node.internalNic().ifPresent(n -> out.add(new NMStateConfig.Interface(n.name(), n.mac())));
        return out;
    }

    /** Static IPv6 addresses (no DHCPv6, no router-advertised autoconfiguration), or IPv6 off. */
    private static Map<String, Object> ipv6(List<Object> addresses) {
        if (addresses.isEmpty()) {
            return ordered("enabled", false);
        }
        Map<String, Object> m = ordered("enabled", true, "dhcp", false, "autoconf", false);
        m.put("address", addresses);
        return m;
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
