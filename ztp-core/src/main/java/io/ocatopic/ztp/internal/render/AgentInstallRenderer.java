package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.internal.ZtpSecrets;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.installer.v1.ClusterNetworkEntryBuilder;
import io.fabric8.openshift.api.model.installer.v1.InstallConfig;
import io.fabric8.openshift.api.model.installer.v1.MachineNetworkEntryBuilder;
import io.fabric8.openshift.api.model.installer.v1.MachinePool;
import io.fabric8.openshift.api.model.installer.v1.MachinePoolBuilder;
import io.fabric8.openshift.api.model.installer.v1.NetworkingBuilder;
import io.fabric8.openshift.api.model.installer.v1.Platform;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the agent-based installer pair of one cluster: {@code install-config.yaml} (fabric8's typed
 * {@link InstallConfig}, with {@code imageDigestSources} for mirrors) and {@code agent-config.yaml}
 * ({@link AgentConfig}: {@code rendezvousIP}, {@code hosts[]} with role, root device hints, interfaces,
 * NMState and BMC). Pure, apart from resolving secrets given by reference.
 *
 * <pre>{@code
 * InstallConfig ic = AgentInstallRenderer.installConfig(spec, spec.cluster("edge-1"));
 * AgentConfig ac = AgentInstallRenderer.agentConfig(spec, spec.cluster("edge-1"));
 * }</pre>
 */
public final class AgentInstallRenderer {
    private AgentInstallRenderer() {
    }

    /**
     * Why the agent-based pair of a cluster cannot be rendered here, if it cannot. The hub-driven set does
     * not depend on it: ZTPFW installed hub-driven, and a pull secret that lives on the hub is referenced
     * there, while {@code install-config.yaml} must carry its value.
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return a one-line reason (never a secret value), empty when {@link #installConfig} and
     *         {@link #agentConfig} can be rendered
     */
    public static Optional<String> unavailable(ChassisSpec spec, Cluster cluster) {
        if (spec.pullSecret().kind() == Secret.Kind.SECRET_REF) {
            return Optional.of("install-config.yaml needs the pull secret's value, and pullSecret is the Secret "
                    + spec.pullSecret().reference().orElseThrow() + " on the hub; give it by value, env or file "
                    + "to render the agent-based pair");
        }
        if (cluster.rendezvousIp().isEmpty()) {
            return Optional.of("agent-config.yaml needs a rendezvousIP, and no control-plane node has an address "
                    + "at install time");
        }
        return Optional.empty();
    }

    /**
     * The install-config.
     *
     * @param spec    the chassis (release, pull secret, SSH key, mirrors)
     * @param cluster the cluster
     * @return the install-config
     * @throws io.ocatopic.ztp.ZtpException {@code SECRET_UNRESOLVED} when the pull secret cannot be read here
     *                                      (see {@link #unavailable})
     */
    public static InstallConfig installConfig(ChassisSpec spec, Cluster cluster) {
        InstallConfig ic = new InstallConfig();
        ic.setApiVersion("v1");
        ic.setMetadata(new ObjectMetaBuilder().withName(cluster.name()).build());
        ic.setBaseDomain(cluster.baseDomain());
        // one entry per IP family, primary first (dual-stack: two)
        ic.setNetworking(new NetworkingBuilder().withNetworkType("OVNKubernetes")
                .withMachineNetwork(io.ocatopic.ztp.internal.Stacks.machineNetworks(cluster.network()).stream()
                        .map(x -> new MachineNetworkEntryBuilder().withCidr(x).build()).toList())
                .withClusterNetwork(io.ocatopic.ztp.internal.Stacks.clusterNetworks(cluster.network()).stream()
                        .map(e -> new ClusterNetworkEntryBuilder().withCidr(e.getKey())
                                .withHostPrefix(e.getValue()).build()).toList())
                .withServiceNetwork(io.ocatopic.ztp.internal.Stacks.serviceNetworks(cluster.network())).build());
        ic.setControlPlane(pool("master", cluster.controlPlane().size()));
        ic.setCompute(List.of(pool("worker", cluster.workers().size())));
        Platform platform = new Platform();
        if (cluster.layout() == Layout.SINGLE_NODE) {
            platform.setNone(new io.fabric8.openshift.api.model.installer.none.v1.Platform());
        } else {
            io.fabric8.openshift.api.model.installer.baremetal.v1.Platform bm =
                    new io.fabric8.openshift.api.model.installer.baremetal.v1.Platform();
            bm.setApiVIPs(io.ocatopic.ztp.internal.Stacks.apiVips(cluster.network()));
            bm.setIngressVIPs(io.ocatopic.ztp.internal.Stacks.ingressVips(cluster.network()));
            platform.setBaremetal(bm);
        }
        ic.setPlatform(platform);
        ic.setFips(cluster.fips() ? Boolean.TRUE : null);
        ic.setPullSecret(ZtpSecrets.reveal(spec.pullSecret()));
        spec.sshKey().ifPresent(ic::setSshKey);
        List<io.fabric8.openshift.api.model.installer.v1.ImageDigestSource> sources = MirrorRenderer.digestSources(spec);
        if (!sources.isEmpty()) {
            ic.setImageDigestSources(sources);
        }
        return ic;
    }

    private static MachinePool pool(String name, int replicas) {
        return new MachinePoolBuilder().withName(name).withReplicas((long) replicas).withHyperthreading("Enabled")
                .build();
    }

    /**
     * The agent-config.
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return the agent-config; BMC passwords given by value or local reference are included. Its
     *         {@code rendezvousIP} is {@link Cluster#rendezvousIp()}: the first control-plane node's
     *         machine address, which its NMState holds from boot (internal NIC, or beside the DHCP lease)
     * @throws io.ocatopic.ztp.ZtpException {@code INVALID_SPEC} when no control-plane node has such an
     *                                      address (a validated spec always has one)
     */
    public static AgentConfig agentConfig(ChassisSpec spec, Cluster cluster) {
        List<AgentConfig.Host> hosts = cluster.nodes().stream().map(n -> host(cluster, n)).toList();
        String rendezvous = cluster.rendezvousIp().orElseThrow(() -> ZtpException.invalid(List.of(
                new Problem("clusters[" + spec.clusters().indexOf(cluster) + "].nodes["
                        + cluster.nodes().indexOf(cluster.controlPlane().get(0)) + "].machineIp",
                        "required: the first control-plane node's machine address is the rendezvousIP"))));
        return new AgentConfig(AgentConfig.API_VERSION, AgentConfig.KIND, Map.of("name", cluster.name()),
                rendezvous, hosts);
    }

    private static AgentConfig.Host host(Cluster cluster, Node n) {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("deviceName", n.rootDisk());
        AgentConfig.Bmc bmc = ZtpSecrets.resolve(n.bmc().password())
                .map(p -> new AgentConfig.Bmc(n.bmc().url(), n.bmc().username(), p, true)).orElse(null);
        return new AgentConfig.Host(n.name(), n.role().installerName(), hints, NmStateRenderer.interfaces(n),
                NmStateRenderer.render(cluster, n), bmc);
    }
}
