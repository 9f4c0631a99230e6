package io.ocatopic.dpu;

import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.dpu.dpf.DpfResources;
import io.ocatopic.dpu.internal.card.CardPlanner;
import io.ocatopic.dpu.internal.card.CardSetup;
import io.ocatopic.dpu.internal.card.CardState;
import io.ocatopic.dpu.internal.card.SysfsRoot;
import io.ocatopic.dpu.internal.config.CardSpecs;
import io.ocatopic.dpu.internal.config.ConfigFileReader;
import io.ocatopic.dpu.internal.config.ConfigValidator;
import io.ocatopic.dpu.internal.config.DpfRules;
import io.ocatopic.dpu.internal.config.LabelPairs;
import io.ocatopic.dpu.internal.dpf.DpfRenderer;
import io.ocatopic.dpu.internal.render.DpuRenderer;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.core.Problem;
import io.ocatopic.netlink.DevlinkClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * BlueField DPUs in the shared-OVN design, described once: the infrastructure cluster that runs on the
 * DPUs, the tenant cluster on the hosts, which DPU node sits in which host, each card (model by PCI
 * id, PF address), the mode, the VF count and the management-port VF, the offloads and the MTU, and the
 * DOCA Platform Framework settings for BlueField-3 nodes that target DPF.
 * An instance exists only when valid: the constructor (and so {@link Builder#build()} and {@link #fromYaml})
 * collects every problem with its field path and throws {@link DpuException} (INVALID_CONFIG) listing them.
 *
 * <pre>{@code
 * DpuOffloadConfig cfg = DpuOffloadConfig.builder("infra", "tenant")
 *         .node("dpu-0", "host-0", new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
 *         .node("dpu-1", "host-1", new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0", OptionalInt.empty()))
 *         .numVfs(8).mgmtPortVf(0).mtu(1500)
 *         .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE)
 *         .build();
 * DpuResources resources = cfg.render();                       // both clusters, typed objects; nothing applied
 * resources.files().keySet().forEach(System.out::println);      // what would be applied
 * Applier.auto(infraClient).serverDryRun().applyAll(resources.infra());   // dry run: the servers check,
 * Applier.auto(tenantClient).serverDryRun().applyAll(resources.tenant()); // nothing is stored
 * resources.applyTo(Applier.auto(infraClient), Applier.auto(tenantClient), Optional.of(tenantKubeconfig)); // now
 *
 * CardPlan plan = cfg.planCard("dpu-0", Path.of("/"), devlink); // card setup: the plan changes nothing
 * plan.describe().forEach(System.out::println);
 * if (!plan.isEmpty()) {
 *     CardPlan.Result done = cfg.applyCard(plan, Path.of("/"), devlink); // now the card changes
 *     done.describe().forEach(System.out::println);
 * }
 * }</pre>
 *
 * @param infraCluster         the name of the infrastructure cluster (on the DPUs)
 * @param tenantCluster        the name of the tenant cluster (on the hosts)
 * @param infraNamespace       the namespace of dpu-network-operator on the infrastructure cluster
 * @param kubeconfigSecretName the Secret (in {@code infraNamespace}) holding the tenant kubeconfig under key {@code config}
 * @param poolName             the MachineConfigPool of the DPU nodes
 * @param mode                 the BlueField mode
 * @param nodes                the DPU nodes, each with its host and card
 * @param smartNicHosts        tenant hosts in smart-NIC mode (no DPU of their own), each with the PF of its management VF
 * @param numVfs               VFs per host PF
 * @param mgmtPortVf           the VF index used as the OVN management port
 * @param offloads             the requested offloads
 * @param mtu                  the MTU
 * @param modeLabels           the tenant cluster's mode labels
 * @param mgmtResourceName     the SR-IOV resource name of the management VF (without {@code openshift.io/})
 * @param workloadResourceName the SR-IOV resource name of the other VFs (without {@code openshift.io/})
 * @param dpf                  the DPF settings, when the configuration has them
 */
public record DpuOffloadConfig(String infraCluster, String tenantCluster, String infraNamespace,
                               String kubeconfigSecretName, String poolName, Mode mode, List<DpuNode> nodes,
                               List<SmartNicHost> smartNicHosts, int numVfs, int mgmtPortVf, Set<Offload> offloads,
                               int mtu, ModeLabels modeLabels, String mgmtResourceName, String workloadResourceName,
                               Optional<DpfSettings> dpf) {
    /** The default namespace of dpu-network-operator on the infrastructure cluster. */
    public static final String DEFAULT_INFRA_NAMESPACE = "openshift-dpu-network-operator";
    /** Largest MTU of mlx5 netdevs ({@code ip -d link} reports {@code maxmtu 9978}). */
    public static final int MAX_MTU = 9978;
    /** Smallest MTU accepted (the IPv6 minimum, which OVN-Kubernetes needs). */
    public static final int MIN_MTU = 1280;
    /** The default SR-IOV resource name of the management VF. */
    public static final String DEFAULT_MGMT_RESOURCE_NAME = "mgmtvf";
    /** The default SR-IOV resource name of the other VFs. */
    public static final String DEFAULT_WORKLOAD_RESOURCE_NAME = "dpuvfs";

    /**
     * Offloads a DPU configuration can ask for.
     *
     * <pre>{@code
     * builder.offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE);
     * }</pre>
     */
    public enum Offload {
        /** Open vSwitch datapath offload to the eswitch ({@code other_config:hw-offload=true}). */
        OVS_HW_OFFLOAD,
        /** IPsec crypto offload on the VFs (devlink port function cap {@code ipsec_crypto}). */
        IPSEC_CRYPTO,
        /** IPsec packet (full) offload on the VFs (devlink port function cap {@code ipsec_packet}). */
        IPSEC_PACKET,
        /** RDMA over Converged Ethernet on the VFs (devlink port function cap {@code roce}). */
        ROCE
    }

    /**
     * BlueField modes of operation (NVIDIA BlueField BSP "Modes of Operation"; mstconfig attributes as the
     * SR-IOV network operator reads them, {@code pkg/vendors/mellanox/mellanox.go}).
     *
     * <pre>{@code
     * builder.mode(DpuOffloadConfig.Mode.DPU);
     * }</pre>
     */
    public enum Mode {
        /** DPU / ECPF: INTERNAL_CPU_MODEL=EMBEDDED_CPU, page supplier, eswitch manager and IB vport0 = ECPF, offload engine ENABLED. */
        DPU,
        /** NIC mode: EXT_HOST_PF for all, offload engine DISABLED; the Arm cores do not own the eswitch. */
        NIC,
        /** Separated host (INTERNAL_CPU_MODEL=SEPARATED_HOST): only in old BSPs (dropped from BSP 3.9.5 and 4.5.x). */
        SEPARATED_HOST
    }

    /**
     * A tenant host in smart-NIC mode: no DPU of its own, its NIC's eswitch in switchdev mode, and
     * ovnkube-node in {@code full} mode with its management port on a VF of {@code hostPf}, which
     * ovnkube-node requests as the resource CNO's {@code mgmt-port-resource-name} names
     * ({@code openshift.io/mgmtvf}).
     *
     * <pre>{@code
     * builder.smartNicHost(new SmartNicHost("host-worker-2", "ens8f0"));
     * }</pre>
     *
     * @param host   the node name in the tenant cluster
     * @param hostPf the PF's netdev name on the host whose VF becomes the management port ({@code ens8f0})
     */
    public record SmartNicHost(String host, String hostPf) {
    }

    /**
     * The tenant cluster's node mode labels, as the cluster network operator reads them from ConfigMap
     * {@code hardware-offload-config} (keys {@code dpu-host-mode-label}, {@code dpu-mode-label},
     * {@code smart-nic-mode-label}; CNO {@code pkg/network/ovn_kubernetes.go}). Each is {@code key=value}.
     *
     * <pre>{@code
     * ModeLabels labels = ModeLabels.defaults();
     * Map<String, String> l = labels.dpuHostLabel();   // {network.operator.openshift.io/dpu-host=""}
     * }</pre>
     *
     * @param dpuHost  the label of hosts whose networking a DPU runs (ovnkube mode {@code dpu-host})
     * @param dpu      the label of DPU nodes (ovnkube mode {@code dpu})
     * @param smartNic the label of smart-NIC hosts (ovnkube {@code full} with offload)
     */
    public record ModeLabels(String dpuHost, String dpu, String smartNic) {
        /**
         * Returns the mode labels the cluster network operator uses by default.
         *
         * @return CNO's defaults: {@code network.operator.openshift.io/dpu-host=} and so on
         */
        public static ModeLabels defaults() {
            return new ModeLabels("network.operator.openshift.io/dpu-host=", "network.operator.openshift.io/dpu=",
                    "network.operator.openshift.io/smart-nic=");
        }

        /**
         * Returns the dpu-host label as a map.
         *
         * @return the dpu-host label as a map
         */
        public Map<String, String> dpuHostLabel() {
            return LabelPairs.asMap(dpuHost);
        }

        /**
         * Returns the dpu label as a map.
         *
         * @return the dpu label as a map
         */
        public Map<String, String> dpuLabel() {
            return LabelPairs.asMap(dpu);
        }

        /**
         * Returns the smart-nic label as a map.
         *
         * @return the smart-nic label as a map
         */
        public Map<String, String> smartNicLabel() {
            return LabelPairs.asMap(smartNic);
        }

        /**
         * Counts how many of the three mode labels a node carries; CNO refuses a node with more than one.
         *
         * @param nodeLabels the node's labels
         * @return the number of mode labels present
         */
        public int modeLabelCount(Map<String, String> nodeLabels) {
            int n = 0;
            for (String l : new String[] {dpuHost, dpu, smartNic}) {
                Map.Entry<String, String> e = LabelPairs.asMap(l).entrySet().iterator().next();
                if (nodeLabels.containsKey(e.getKey()) && e.getValue().equals(nodeLabels.get(e.getKey()))) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Copies the collections and validates.
     *
     * @param infraCluster         see the record description
     * @param tenantCluster        see the record description
     * @param infraNamespace       see the record description
     * @param kubeconfigSecretName see the record description
     * @param poolName             see the record description
     * @param mode                 see the record description
     * @param nodes                see the record description
     * @param smartNicHosts        see the record description
     * @param numVfs               see the record description
     * @param mgmtPortVf           see the record description
     * @param offloads             see the record description
     * @param mtu                  see the record description
     * @param modeLabels           see the record description
     * @param mgmtResourceName     see the record description
     * @param workloadResourceName see the record description
     * @param dpf                  see the record description
     * @throws DpuException INVALID_CONFIG listing every problem with its field path
     */
    public DpuOffloadConfig(String infraCluster, String tenantCluster, String infraNamespace,
                            String kubeconfigSecretName, String poolName, Mode mode, List<DpuNode> nodes,
                            List<SmartNicHost> smartNicHosts, int numVfs, int mgmtPortVf, Set<Offload> offloads,
                            int mtu, ModeLabels modeLabels, String mgmtResourceName, String workloadResourceName,
                            Optional<DpfSettings> dpf) {
        this.infraCluster = infraCluster;
        this.tenantCluster = tenantCluster;
        this.infraNamespace = infraNamespace;
        this.kubeconfigSecretName = kubeconfigSecretName;
        this.poolName = poolName;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.nodes = nodes == null ? List.of() : List.copyOf(nodes);
        this.smartNicHosts = smartNicHosts == null ? List.of() : List.copyOf(smartNicHosts);
        this.numVfs = numVfs;
        this.mgmtPortVf = mgmtPortVf;
        Set<Offload> o = EnumSet.noneOf(Offload.class);
        if (offloads != null) {
            o.addAll(offloads);
        }
        this.offloads = Collections.unmodifiableSet(o);
        this.mtu = mtu;
        this.modeLabels = Objects.requireNonNull(modeLabels, "modeLabels");
        this.mgmtResourceName = mgmtResourceName;
        this.workloadResourceName = workloadResourceName;
        this.dpf = dpf == null ? Optional.empty() : dpf;
        List<Problem> problems = ConfigValidator.validate(this);
        if (!problems.isEmpty()) {
            throw DpuException.invalid(problems);
        }
    }

    /**
     * Starts a configuration of the two clusters, with the defaults for everything else.
     *
     * @param infraCluster  the name of the infrastructure cluster (on the DPUs)
     * @param tenantCluster the name of the tenant cluster (on the hosts)
     * @return a builder with the defaults: mode DPU, 8 VFs, management VF 0, MTU 1500, OVS hardware
     *         offload, CNO's default mode labels, pool {@code dpu}, Secret {@code tenant-kubeconfig}
     */
    public static Builder builder(String infraCluster, String tenantCluster) {
        return new Builder(infraCluster, tenantCluster);
    }

    /**
     * Loads a configuration from YAML, the fields of {@link Builder} by name. Required: {@code infraCluster},
     * {@code tenantCluster} and {@code nodes}, each node with {@code name}, {@code host} and a {@code card}
     * ({@code model} {@code BLUEFIELD_2}/{@code BLUEFIELD_3} or a {@code deviceId}, {@code pciAddress},
     * {@code hostPf}; optional {@code uplink}, {@code totalVfs}, {@code memoryGiB}) and optionally a
     * {@code target} ({@code SHARED_OVN} or {@code DPF}). Optional, with the defaults of {@link #builder}:
     * {@code infraNamespace}, {@code kubeconfigSecretName}, {@code poolName}, {@code mode}, {@code smartNicHosts}
     * (each {@code host} and {@code hostPf}), {@code numVfs}, {@code mgmtPortVf}, {@code offloads}, {@code mtu},
     * {@code modeLabels} ({@code dpuHost}, {@code dpu}, {@code smartNic}), {@code mgmtResourceName},
     * {@code workloadResourceName}, and {@code dpf}, the fields of {@link DpfSettings} by name. Unknown fields
     * and duplicate keys are refused.
     *
     * <pre>{@code
     * infraCluster: edge-infra
     * tenantCluster: edge-tenant
     * nodes:
     *   - name: dpu-worker-0
     *     host: host-worker-0
     *     card: {model: BLUEFIELD_2, pciAddress: "0000:03:00.0", hostPf: ens1f0}
     * }</pre>
     *
     * <p>The repository's {@code examples/samples/dpu-offload.yaml} shows every field with its default and
     * allowed values, and {@code examples/samples/README.md} describes the format field by field.
     *
     * @param yaml the text
     * @return the valid configuration
     * @throws DpuException INVALID_CONFIG with every problem, including unreadable YAML
     */
    public static DpuOffloadConfig fromYaml(String yaml) {
        return ConfigFileReader.parse(yaml);
    }

    /**
     * Returns the entry of one DPU node.
     *
     * @param dpuNode a DPU node name
     * @return that node's entry
     * @throws IllegalArgumentException when there is no such node
     */
    public DpuNode node(String dpuNode) {
        return nodes.stream().filter(n -> n.name().equals(dpuNode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no DPU node " + dpuNode));
    }

    /**
     * Renders the Kubernetes objects of both clusters for the shared-OVN nodes and the smart-NIC hosts.
     *
     * @return the resources of both clusters of the shared-OVN nodes (and the smart-NIC hosts)
     */
    public DpuResources render() {
        return DpuRenderer.render(this);
    }

    /**
     * Renders the host-cluster DPF objects of the nodes that target DPF.
     *
     * @return the host-cluster DPF objects of the nodes that target DPF; empty when none do
     */
    public DpfResources renderDpf() {
        return DpfRenderer.render(this);
    }

    /**
     * Returns the control path that manages a node.
     *
     * @param node one of {@link #nodes()}
     * @return its control path: its own target, else DPF for a BlueField-3 when {@link #dpf()} is given, else
     *         {@link DpuNode.Target#SHARED_OVN}
     */
    public DpuNode.Target targetOf(DpuNode node) {
        return DpfRules.target(node, dpf.orElse(null));
    }

    /**
     * Returns the nodes on one control path, in configuration order.
     *
     * @param target a control path
     * @return the nodes on it, in configuration order
     */
    public List<DpuNode> nodes(DpuNode.Target target) {
        return nodes.stream().filter(n -> targetOf(n) == target).toList();
    }

    /**
     * Returns the card memory in GiB that a DPF node's flavor is sized and checked for.
     *
     * @param node a DPF node
     * @return the card memory (GiB) its flavor is sized and checked for: the card's, or 16 when not given
     */
    public int memoryGiBOf(DpuNode node) {
        return DpfRules.memoryGiB(node.card());
    }

    /**
     * Returns the GiB of a DPF card's memory kept outside hugepages for the DPU's OS and system pods.
     *
     * @return GiB of a DPF card kept for the DPU's OS, OVS-DOCA, kubelet and DPF's system pods, outside hugepages
     */
    public static int dpuOsReserveGiB() {
        return DpfRules.DPU_OS_RESERVE_GIB;
    }

    /**
     * The card setup of one DPU node: switchdev, {@link #numVfs()} VFs, and on every VF the port
     * function caps that the offloads need (RoCE, IPsec crypto, IPsec packet).
     *
     * @param dpuNode the DPU node name
     * @return the card spec
     * @throws IllegalArgumentException when there is no such node
     */
    public CardPlan.Spec cardSpec(String dpuNode) {
        return CardSpecs.of(this, node(dpuNode));
    }

    /**
     * Plans the card setup of one DPU node without looking at the card: every step is listed.
     *
     * @param dpuNode the DPU node name
     * @return the plan
     * @throws IllegalArgumentException when there is no such node
     */
    public CardPlan planCard(String dpuNode) {
        return CardPlanner.plan(cardSpec(dpuNode), CardState.unknown());
    }

    /**
     * Plans the card setup of one DPU node from the card's state, read through sysfs and devlink, in the safe
     * order (VFs to 0, eswitch switchdev, VFs back, then port functions); steps already in effect are left out.
     *
     * @param dpuNode   the DPU node name (run on that DPU)
     * @param sysfsRoot the directory holding {@code sys/} ({@code /} on the DPU itself; a prepared tree in tests)
     * @param devlink   the devlink client
     * @return the plan, empty when the card is already set up
     * @throws DpuException CARD_STATE when sysfs or devlink cannot be read, or the card offers fewer VFs
     * @throws IllegalArgumentException when there is no such node
     */
    public CardPlan planCard(String dpuNode, Path sysfsRoot, DevlinkClient devlink) {
        return new CardSetup(SysfsRoot.at(sysfsRoot), devlink).plan(cardSpec(dpuNode));
    }

    /**
     * Applies a card plan step by step, stopping at the first failure.
     *
     * @param plan      the plan ({@link #planCard(String, Path, DevlinkClient)})
     * @param sysfsRoot the directory holding {@code sys/}
     * @param devlink   the devlink client
     * @return what was applied, what failed, what was not attempted, and the representors found
     */
    public CardPlan.Result applyCard(CardPlan plan, Path sysfsRoot, DevlinkClient devlink) {
        return new CardSetup(SysfsRoot.at(sysfsRoot), devlink).apply(plan);
    }

    /**
     * Returns a one-line summary of the configuration.
     *
     * @return a summary: clusters, mode, node count, VFs and offloads
     */
    @Override
    public String toString() {
        return "DpuOffloadConfig[infra=" + infraCluster + ", tenant=" + tenantCluster + ", mode=" + mode
                + ", nodes=" + nodes.size() + ", numVfs=" + numVfs + ", offloads=" + offloads + "]";
    }

    /**
     * Collects a configuration; {@link #build()} validates it.
     *
     * <pre>{@code
     * DpuOffloadConfig.builder("infra", "tenant").node("dpu-0", "host-0", card).build();
     * }</pre>
     */
    public static final class Builder {
        private final String infraCluster;
        private final String tenantCluster;
        private String infraNamespace = DEFAULT_INFRA_NAMESPACE;
        private String kubeconfigSecretName = "tenant-kubeconfig";
        private String poolName = "dpu";
        private Mode mode = Mode.DPU;
        private final List<DpuNode> nodes = new ArrayList<>();
        private final List<SmartNicHost> smartNicHosts = new ArrayList<>();
        private int numVfs = 8;
        private int mgmtPortVf;
        private Set<Offload> offloads = EnumSet.of(Offload.OVS_HW_OFFLOAD);
        private int mtu = 1500;
        private ModeLabels modeLabels = ModeLabels.defaults();
        private String mgmtResourceName = DEFAULT_MGMT_RESOURCE_NAME;
        private String workloadResourceName = DEFAULT_WORKLOAD_RESOURCE_NAME;
        private DpfSettings dpf;

        private Builder(String infraCluster, String tenantCluster) {
            this.infraCluster = infraCluster;
            this.tenantCluster = tenantCluster;
        }

        /**
         * Sets the namespace of dpu-network-operator on the infrastructure cluster.
         *
         * @param ns the namespace of dpu-network-operator
         * @return this builder
         */
        public Builder infraNamespace(String ns) {
            this.infraNamespace = ns;
            return this;
        }

        /**
         * Sets the name of the Secret holding the tenant kubeconfig.
         *
         * @param name the Secret holding the tenant kubeconfig
         * @return this builder
         */
        public Builder kubeconfigSecretName(String name) {
            this.kubeconfigSecretName = name;
            return this;
        }

        /**
         * Sets the MachineConfigPool of the DPU nodes.
         *
         * @param name the MachineConfigPool of the DPU nodes
         * @return this builder
         */
        public Builder poolName(String name) {
            this.poolName = name;
            return this;
        }

        /**
         * Sets the BlueField mode.
         *
         * @param m the BlueField mode
         * @return this builder
         */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /**
         * Adds a DPU node.
         *
         * @param node a DPU node
         * @return this builder
         */
        public Builder node(DpuNode node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        /**
         * Adds a DPU node by its name, the tenant host it sits in and its card.
         *
         * @param dpuNode the DPU node name
         * @param host    the tenant host it sits in
         * @param card    its card
         * @return this builder
         */
        public Builder node(String dpuNode, String host, Card card) {
            return node(new DpuNode(dpuNode, Optional.ofNullable(host), card));
        }

        /**
         * Adds a DPU node with an explicit control path.
         *
         * @param dpuNode the DPU node name
         * @param host    the host it sits in
         * @param card    its card
         * @param target  the control path for it
         * @return this builder
         */
        public Builder node(String dpuNode, String host, Card card, DpuNode.Target target) {
            return node(new DpuNode(dpuNode, Optional.ofNullable(host), card, Optional.ofNullable(target)));
        }

        /**
         * Adds a tenant host in smart-NIC mode.
         *
         * @param host a tenant host in smart-NIC mode
         * @return this builder
         */
        public Builder smartNicHost(SmartNicHost host) {
            smartNicHosts.add(Objects.requireNonNull(host, "host"));
            return this;
        }

        /**
         * Adds a tenant host in smart-NIC mode by its name and the PF of its management VF.
         *
         * @param host   a tenant host in smart-NIC mode
         * @param hostPf the PF's netdev name on that host that provides the management VF
         * @return this builder
         */
        public Builder smartNicHost(String host, String hostPf) {
            return smartNicHost(new SmartNicHost(host, hostPf));
        }

        /**
         * Sets the number of VFs per host PF, the management VF included.
         *
         * @param n VFs per host PF (including the management VF)
         * @return this builder
         */
        public Builder numVfs(int n) {
            this.numVfs = n;
            return this;
        }

        /**
         * Sets the VF index used as the OVN management port.
         *
         * @param vf the VF used as OVN management port
         * @return this builder
         */
        public Builder mgmtPortVf(int vf) {
            this.mgmtPortVf = vf;
            return this;
        }

        /**
         * Sets the requested offloads, replacing the default.
         *
         * @param o the offloads (replaces the default)
         * @return this builder
         */
        public Builder offloads(Offload... o) {
            this.offloads = o.length == 0 ? EnumSet.noneOf(Offload.class) : EnumSet.copyOf(List.of(o));
            return this;
        }

        /**
         * Sets the MTU.
         *
         * @param m the MTU
         * @return this builder
         */
        public Builder mtu(int m) {
            this.mtu = m;
            return this;
        }

        /**
         * Sets the tenant cluster's mode labels.
         *
         * @param labels the tenant mode labels
         * @return this builder
         */
        public Builder modeLabels(ModeLabels labels) {
            this.modeLabels = Objects.requireNonNull(labels, "labels");
            return this;
        }

        /**
         * Sets the SR-IOV resource names of the management VF and of the other VFs.
         *
         * @param mgmt     the management VF's SR-IOV resource name
         * @param workload the other VFs' SR-IOV resource name
         * @return this builder
         */
        public Builder resourceNames(String mgmt, String workload) {
            this.mgmtResourceName = mgmt;
            this.workloadResourceName = workload;
            return this;
        }

        /**
         * Sets the DOCA Platform Framework settings for the BlueField-3 nodes that target DPF.
         *
         * @param settings the DOCA Platform Framework settings for the BlueField-3 nodes that target DPF
         * @return this builder
         */
        public Builder dpf(DpfSettings settings) {
            this.dpf = settings;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws DpuException INVALID_CONFIG listing every problem with its field path
         */
        public DpuOffloadConfig build() {
            return new DpuOffloadConfig(infraCluster, tenantCluster, infraNamespace, kubeconfigSecretName, poolName, mode,
                    nodes, smartNicHosts, numVfs, mgmtPortVf, offloads, mtu, modeLabels, mgmtResourceName,
                    workloadResourceName, Optional.ofNullable(dpf));
        }
    }
}
