package io.ocatopic.ztp;

import java.util.List;
import java.util.Optional;

/**
 * A cluster's networks. {@link #ztpfwDefaults()} gives the fixed ZTPFW layout: machine network
 * 192.168.7.0/24 (gateway .1, API VIP .243, ingress VIP .242), cluster network 10.128.0.0/14 with /23 per
 * host, service network 172.30.0.0/16 (ztp/internal/enricher.go).
 *
 * @param machineNetwork the nodes' internal network (CIDR)
 * @param gateway        the internal network's gateway
 * @param apiVip         the API virtual IP (empty for single-node)
 * @param ingressVip     the ingress virtual IP (empty for single-node)
 * @param clusterNetwork the pod network (CIDR)
 * @param hostPrefix     the pod subnet prefix per node
 * @param serviceNetwork the service network (CIDR)
 * @param dnsServers     DNS servers for the internal NIC, may be empty
 */
public record NetworkSpec(String machineNetwork, String gateway, Optional<String> apiVip,
                          Optional<String> ingressVip, String clusterNetwork, int hostPrefix,
                          String serviceNetwork, List<String> dnsServers) {
    /**
     * Normalises empty values.
     *
     * @param machineNetwork machine network CIDR
     * @param gateway        gateway
     * @param apiVip         API VIP
     * @param ingressVip     ingress VIP
     * @param clusterNetwork cluster network CIDR
     * @param hostPrefix     host prefix
     * @param serviceNetwork service network CIDR
     * @param dnsServers     DNS servers
     */
    public NetworkSpec {
        apiVip = apiVip == null ? Optional.empty() : apiVip;
        ingressVip = ingressVip == null ? Optional.empty() : ingressVip;
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }

    /**
     * ZTPFW's fixed networks, with VIPs (drop them for single-node with {@link #withoutVips()}).
     *
     * @return the networks
     */
    public static NetworkSpec ztpfwDefaults() {
        return new NetworkSpec("192.168.7.0/24", "192.168.7.1", Optional.of("192.168.7.243"),
                Optional.of("192.168.7.242"), "10.128.0.0/14", 23, "172.30.0.0/16", List.of());
    }

    /** @return this spec without API and ingress VIPs (single-node clusters have none) */
    public NetworkSpec withoutVips() {
        return new NetworkSpec(machineNetwork, gateway, Optional.empty(), Optional.empty(), clusterNetwork,
                hostPrefix, serviceNetwork, dnsServers);
    }

    /**
     * The address {@code .index} of the machine network (ZTPFW numbers nodes from .10).
     *
     * @param hostIndex host number within the network
     * @return the address
     */
    public String machineAddress(int hostIndex) {
        return Cidr.parse(machineNetwork).address(hostIndex);
    }

    /** @return the machine network's prefix length */
    public int machinePrefix() {
        return Cidr.parse(machineNetwork).prefix();
    }
}
