package io.ocatopic.ztp.workflow;

import io.ocatopic.ztp.internal.Cidr;
import io.ocatopic.ztp.ChassisSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a multi-node cluster moves: new machine network, gateway, API and ingress VIPs, DNS servers and base
 * domain. Each node keeps its host number in the network (192.168.7.12 in /24 becomes 10.20.0.12), so the
 * new addresses follow from the network. {@link #apply(ChassisSpec, String)} gives the relocated spec, which
 * validates like any spec (addresses inside the network, VIPs distinct, ...).
 *
 * <pre>{@code
 * Relocation to = new Relocation("10.20.0.0/24", "10.20.0.1", "10.20.0.5", "10.20.0.6",
 *         List.of("10.20.0.1"), "store-7.example.net");
 * workflow.relocationPlan("edge-1", to).forEach(System.out::println);   // dry run
 * }</pre>
 *
 * @param machineNetwork the new machine network (CIDR)
 * @param gateway        its gateway
 * @param apiVip         the new API VIP
 * @param ingressVip     the new ingress VIP
 * @param dnsServers     the site's DNS servers
 * @param baseDomain     the new base domain
 */
public record Relocation(String machineNetwork, String gateway, String apiVip, String ingressVip,
                         List<String> dnsServers, String baseDomain) {
    /**
     * Copies the list.
     *
     * @param machineNetwork network
     * @param gateway        gateway
     * @param apiVip         API VIP
     * @param ingressVip     ingress VIP
     * @param dnsServers     DNS
     * @param baseDomain     base domain
     */
    public Relocation {
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }

    /**
     * The spec with one cluster moved.
     *
     * @param spec    the factory spec
     * @param cluster the cluster to move
     * @return the relocated spec (validated)
     * @throws io.ocatopic.ztp.ZtpException {@code INVALID_SPEC} naming {@code clusters[i]...} paths
     */
    public ChassisSpec apply(ChassisSpec spec, String cluster) {
        List<ChassisSpec.Cluster> out = new ArrayList<>();
        for (ChassisSpec.Cluster c : spec.clusters()) {
            out.add(c.name().equals(cluster) ? move(c) : c);
        }
        ChassisSpec.Builder b = ChassisSpec.builder().release(spec.release()).mirrors(spec.mirrors())
                .pullSecret(spec.pullSecret()).clusters(out);
        spec.registry().ifPresent(b::registry);
        spec.sshKey().ifPresent(b::sshKey);
        return b.build();
    }

    private ChassisSpec.Cluster move(ChassisSpec.Cluster c) {
        if (c.network().secondary().isPresent() || c.network().machineNetwork().contains(":")) {
            throw io.ocatopic.ztp.ZtpException.invalid(List.of(new io.ocatopic.core.Problem(c.name() + ".network",
                    "relocation renumbers an IPv4 single-stack cluster only; this one is IPv6 or dual-stack")));
        }
        Cidr from = Cidr.parse(c.network().machineNetwork());
        Cidr to = Cidr.parse(machineNetwork);
        List<ChassisSpec.Node> nodes = new ArrayList<>();
        for (ChassisSpec.Node n : c.nodes()) {
            long host = Cidr.ipv4(n.machineIp()) - from.base();
            nodes.add(n.toBuilder().machineIp(to.address(host)).build());
        }
        ChassisSpec.Network net = new ChassisSpec.Network(machineNetwork, gateway, Optional.of(apiVip), Optional.of(ingressVip),
                c.network().clusterNetwork(), c.network().hostPrefix(), c.network().serviceNetwork(), dnsServers);
        return new ChassisSpec.Cluster(c.name(), baseDomain, net, nodes, c.tpm(), c.fips(), c.labels(), c.contrib());
    }
}
