package io.ocatopic.ztp.internal;

import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.SecondaryNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network's per-family lists, primary family first, as install-config, AgentClusterInstall and
 * ClusterInstance take them ({@code machineNetwork[]}, {@code clusterNetwork[]}, {@code serviceNetwork[]},
 * {@code apiVIPs}, {@code ingressVIPs}): one entry single-stack, two dual-stack. Pure.
 *
 * <pre>{@code
 * Stacks.machineNetworks(cluster.network());   // ["192.168.7.0/24", "fd00:7::/64"]
 * }</pre>
 */
public final class Stacks {
    private Stacks() {
    }

    /**
     * The machine networks.
     *
     * @param n the network
     * @return primary then secondary CIDR
     */
    public static List<String> machineNetworks(Network n) {
        List<String> out = new ArrayList<>(List.of(n.machineNetwork()));
        n.secondary().map(SecondaryNetwork::machineNetwork).ifPresent(out::add);
        return out;
    }

    /**
     * The service networks.
     *
     * @param n the network
     * @return primary then secondary CIDR
     */
    public static List<String> serviceNetworks(Network n) {
        List<String> out = new ArrayList<>(List.of(n.serviceNetwork()));
        n.secondary().map(SecondaryNetwork::serviceNetwork).ifPresent(out::add);
        return out;
    }

    /**
     * The cluster (pod) networks with their host prefixes.
     *
     * @param n the network
     * @return primary then secondary, CIDR to host prefix in order
     */
    public static List<Map.Entry<String, Integer>> clusterNetworks(Network n) {
        List<Map.Entry<String, Integer>> out = new ArrayList<>(List.of(Map.entry(n.clusterNetwork(), n.hostPrefix())));
        n.secondary().ifPresent(s -> out.add(Map.entry(s.clusterNetwork(), s.hostPrefix())));
        return out;
    }

    /**
     * The API VIPs.
     *
     * @param n the network
     * @return primary then secondary, empty for single-node
     */
    public static List<String> apiVips(Network n) {
        List<String> out = new ArrayList<>();
        n.apiVip().ifPresent(out::add);
        n.secondary().flatMap(SecondaryNetwork::apiVip).ifPresent(out::add);
        return out;
    }

    /**
     * The ingress VIPs.
     *
     * @param n the network
     * @return primary then secondary, empty for single-node
     */
    public static List<String> ingressVips(Network n) {
        List<String> out = new ArrayList<>();
        n.ingressVip().ifPresent(out::add);
        n.secondary().flatMap(SecondaryNetwork::ingressVip).ifPresent(out::add);
        return out;
    }

    /**
     * Whether an address is IPv6.
     *
     * @param address the address
     * @return {@code true} for IPv6 text
     */
    public static boolean isIpv6(String address) {
        return address != null && address.contains(":");
    }

    /**
     * A node's machine addresses with their prefix lengths, primary first.
     *
     * @param n    the network
     * @param node the node
     * @return address to prefix length
     */
    public static List<Map.Entry<String, Integer>> nodeAddresses(Network n, Node node) {
        List<Map.Entry<String, Integer>> out = new ArrayList<>();
        out.add(Map.entry(node.machineIp(), n.machinePrefix()));
        n.secondary().ifPresent(s -> node.secondaryMachineIp().ifPresent(ip ->
                out.add(Map.entry(ip, IpNet.parse(s.machineNetwork()).prefix()))));
        return out;
    }
}
