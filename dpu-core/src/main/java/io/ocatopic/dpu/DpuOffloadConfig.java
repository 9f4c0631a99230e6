package io.ocatopic.dpu;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ocatopic.dpu.card.CardSpec;
import io.ocatopic.dpu.dpf.DpfRenderer;
import io.ocatopic.dpu.dpf.DpfResources;
import io.ocatopic.dpu.render.DpuRenderer;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.netlink.Devlink;
import io.ocatopic.netlink.PortCaps;
import io.ocatopic.netlink.PortFunction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BlueField DPUs in the shared-OVN design, described once: the infrastructure cluster that runs on the
 * DPUs, the tenant cluster on the hosts, which DPU node sits in which host, each card (model by PCI
 * id, PF address), the mode, the VF count and the management-port VF, the offloads and the MTU.
 * An instance exists only when valid: {@link Builder#build()} collects every problem with its field
 * path and throws {@link DpuException} (INVALID_CONFIG) listing them.
 *
 * <pre>{@code
 * DpuOffloadConfig cfg = DpuOffloadConfig.builder("infra", "tenant")
 *         .node("dpu-0", "host-0", new Card(CardModel.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
 *         .node("dpu-1", "host-1", new Card(CardModel.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0", OptionalInt.empty()))
 *         .numVfs(8).mgmtPortVf(0).mtu(1500)
 *         .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE)
 *         .build();
 * DpuResources resources = cfg.render();                       // both clusters, typed objects
 * resources.applyTo(Applier.auto(infraClient), Applier.auto(tenantClient), Optional.of(tenantKubeconfig));
 * CardSpec card = cfg.cardSpec("dpu-0");                       // for io.ocatopic.dpu.card.CardSetup
 * }</pre>
 */
public final class DpuOffloadConfig {
    /** The default namespace of dpu-network-operator on the infrastructure cluster. */
    public static final String DEFAULT_INFRA_NAMESPACE = "openshift-dpu-network-operator";
    /** Largest MTU of mlx5 netdevs ({@code ip -d link} reports {@code maxmtu 9978}). */
    public static final int MAX_MTU = 9978;
    /** Smallest MTU accepted (the IPv6 minimum, which OVN-Kubernetes needs). */
    public static final int MIN_MTU = 1280;
    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern UPLINK = Pattern.compile("p(\\d+)");
    /** A DNS-1123 label: the names of namespaces (at most 63 characters). */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** A DNS-1123 subdomain: the names of nodes, Secrets, pools and custom resources (at most 253 characters). */
    static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** What the SR-IOV operator's webhook accepts as {@code resourceName} ({@code pkg/webhook/validate.go}). */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9_]+");

    private final Builder b;

    private DpuOffloadConfig(Builder b) {
        this.b = b;
    }

    /**
     * @param infraCluster  the name of the infrastructure cluster (on the DPUs)
     * @param tenantCluster the name of the tenant cluster (on the hosts)
     * @return a builder with the defaults: mode DPU, 8 VFs, management VF 0, MTU 1500, OVS hardware
     *         offload, CNO's default mode labels, pool {@code dpu}, Secret {@code tenant-kubeconfig}
     */
    public static Builder builder(String infraCluster, String tenantCluster) {
        return new Builder(infraCluster, tenantCluster);
    }

    /**
     * Loads a configuration from YAML (the fields of {@link Builder}; see the module README).
     *
     * @param yaml the text
     * @return the valid configuration
     * @throws DpuException INVALID_CONFIG with every problem, including unreadable YAML
     */
    public static DpuOffloadConfig fromYaml(String yaml) {
        return ConfigFile.parse(yaml);
    }

    /** @return the infrastructure cluster's name */
    public String infraCluster() {
        return b.infraCluster;
    }

    /** @return the tenant cluster's name */
    public String tenantCluster() {
        return b.tenantCluster;
    }

    /** @return the namespace of dpu-network-operator on the infrastructure cluster */
    public String infraNamespace() {
        return b.infraNamespace;
    }

    /** @return the Secret (in {@link #infraNamespace()}) holding the tenant kubeconfig under key {@code config} */
    public String kubeconfigSecretName() {
        return b.kubeconfigSecretName;
    }

    /** @return the MachineConfigPool of the DPU nodes */
    public String poolName() {
        return b.poolName;
    }

    /** @return the BlueField mode */
    public DpuMode mode() {
        return b.mode;
    }

    /** @return the DPU nodes, each with its host and card */
    public List<DpuNode> nodes() {
        return List.copyOf(b.nodes);
    }

    /** @return tenant hosts in smart-NIC mode (no DPU of their own), each with the PF of its management VF */
    public List<SmartNicHost> smartNicHosts() {
        return List.copyOf(b.smartNicHosts);
    }

    /** @return VFs per host PF */
    public int numVfs() {
        return b.numVfs;
    }

    /** @return the VF index used as the OVN management port */
    public int mgmtPortVf() {
        return b.mgmtPortVf;
    }

    /** @return the requested offloads */
    public Set<Offload> offloads() {
        return b.offloads.isEmpty() ? EnumSet.noneOf(Offload.class) : EnumSet.copyOf(b.offloads);
    }

    /** @return the MTU */
    public int mtu() {
        return b.mtu;
    }

    /** @return the tenant cluster's mode labels */
    public ModeLabels modeLabels() {
        return b.modeLabels;
    }

    /** @return the SR-IOV resource name of the management VF (without {@code openshift.io/}) */
    public String mgmtResourceName() {
        return b.mgmtResourceName;
    }

    /** @return the SR-IOV resource name of the other VFs (without {@code openshift.io/}) */
    public String workloadResourceName() {
        return b.workloadResourceName;
    }

    /**
     * @param dpuNode a DPU node name
     * @return that node's entry
     * @throws IllegalArgumentException when there is no such node
     */
    public DpuNode node(String dpuNode) {
        return b.nodes.stream().filter(n -> n.name().equals(dpuNode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no DPU node " + dpuNode));
    }

    /** @return the resources of both clusters of the shared-OVN nodes ({@link DpuRenderer}) */
    public DpuResources render() {
        return DpuRenderer.render(this);
    }

    /** @return the host-cluster DPF objects of the nodes that target DPF ({@link DpfRenderer}); empty when none do */
    public DpfResources renderDpf() {
        return DpfRenderer.render(this);
    }

    /** @return the DPF settings, when the configuration has them */
    public Optional<DpfSettings> dpf() {
        return Optional.ofNullable(b.dpf);
    }

    /**
     * @param node one of {@link #nodes()}
     * @return its control path: its own target, else DPF for a BlueField-3 when {@link #dpf()} is given, else
     *         {@link DpuTarget#SHARED_OVN}
     */
    public DpuTarget targetOf(DpuNode node) {
        return DpfRules.target(node, b.dpf);
    }

    /**
     * @param target a control path
     * @return the nodes on it, in configuration order
     */
    public List<DpuNode> nodes(DpuTarget target) {
        return b.nodes.stream().filter(n -> targetOf(n) == target).toList();
    }

    /**
     * @param node a DPF node
     * @return the card memory (GiB) its flavor is sized and checked for: the card's, or 16 when not given
     */
    public int memoryGiBOf(DpuNode node) {
        return DpfRules.memoryGiB(node.card());
    }

    /** @return GiB of a DPF card kept for the DPU's OS, OVS-DOCA, kubelet and DPF's system pods, outside hugepages */
    public static int dpuOsReserveGiB() {
        return DpfRules.DPU_OS_RESERVE_GIB;
    }

    /**
     * The card setup of one DPU node: switchdev, {@link #numVfs()} VFs, and on every VF the port
     * function caps that the offloads need (RoCE, IPsec crypto, IPsec packet).
     *
     * @param dpuNode the DPU node name
     * @return the card spec
     */
    public CardSpec cardSpec(String dpuNode) {
        Card card = node(dpuNode).card();
        var m = UPLINK.matcher(card.uplink());
        int pf = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        Optional<PortCaps> caps = Optional.empty();
        int[][] map = {{Offload.ROCE.ordinal(), Devlink.CAP_ROCE}, {Offload.IPSEC_CRYPTO.ordinal(), Devlink.CAP_IPSEC_CRYPTO},
                {Offload.IPSEC_PACKET.ordinal(), Devlink.CAP_IPSEC_PACKET}};
        for (int[] e : map) {
            if (b.offloads.contains(Offload.values()[e[0]])) {
                caps = Optional.of(caps.map(c -> c.and(e[1], true)).orElse(PortCaps.set(e[1], true)));
            }
        }
        Map<Integer, PortFunction> fns = new LinkedHashMap<>();
        if (caps.isPresent()) {
            for (int vf = 0; vf < b.numVfs; vf++) {
                fns.put(vf, PortFunction.none().withCaps(caps.get()));
            }
        }
        return new CardSpec(card.pciAddress(), pf, b.numVfs, OptionalInt.empty(), fns);
    }

    @Override
    public String toString() {
        return "DpuOffloadConfig[infra=" + b.infraCluster + ", tenant=" + b.tenantCluster + ", mode=" + b.mode
                + ", nodes=" + b.nodes.size() + ", numVfs=" + b.numVfs + ", offloads=" + b.offloads + "]";
    }

    /**
     * Collects a configuration; {@link #build()} validates it.
     *
     * <pre>{@code
     * DpuOffloadConfig.builder("infra", "tenant").node("dpu-0", "host-0", card).build();
     * }</pre>
     */
    public static final class Builder {
        private String infraCluster;
        private String tenantCluster;
        private String infraNamespace = DEFAULT_INFRA_NAMESPACE;
        private String kubeconfigSecretName = "tenant-kubeconfig";
        private String poolName = "dpu";
        private DpuMode mode = DpuMode.DPU;
        private final List<DpuNode> nodes = new ArrayList<>();
        private final List<SmartNicHost> smartNicHosts = new ArrayList<>();
        private int numVfs = 8;
        private int mgmtPortVf;
        private Set<Offload> offloads = EnumSet.of(Offload.OVS_HW_OFFLOAD);
        private int mtu = 1500;
        private ModeLabels modeLabels = ModeLabels.defaults();
        private String mgmtResourceName = "mgmtvf";
        private String workloadResourceName = "dpuvfs";
        private DpfSettings dpf;

        private Builder(String infraCluster, String tenantCluster) {
            this.infraCluster = infraCluster;
            this.tenantCluster = tenantCluster;
        }

        /**
         * @param ns the namespace of dpu-network-operator
         * @return this builder
         */
        public Builder infraNamespace(String ns) {
            this.infraNamespace = ns;
            return this;
        }

        /**
         * @param name the Secret holding the tenant kubeconfig
         * @return this builder
         */
        public Builder kubeconfigSecretName(String name) {
            this.kubeconfigSecretName = name;
            return this;
        }

        /**
         * @param name the MachineConfigPool of the DPU nodes
         * @return this builder
         */
        public Builder poolName(String name) {
            this.poolName = name;
            return this;
        }

        /**
         * @param m the BlueField mode
         * @return this builder
         */
        public Builder mode(DpuMode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /**
         * @param node a DPU node
         * @return this builder
         */
        public Builder node(DpuNode node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        /**
         * @param dpuNode the DPU node name
         * @param host    the tenant host it sits in
         * @param card    its card
         * @return this builder
         */
        public Builder node(String dpuNode, String host, Card card) {
            return node(new DpuNode(dpuNode, Optional.ofNullable(host), card));
        }

        /**
         * @param host a tenant host in smart-NIC mode
         * @return this builder
         */
        public Builder smartNicHost(SmartNicHost host) {
            smartNicHosts.add(Objects.requireNonNull(host, "host"));
            return this;
        }

        /**
         * @param host   a tenant host in smart-NIC mode
         * @param hostPf the PF's netdev name on that host that provides the management VF
         * @return this builder
         */
        public Builder smartNicHost(String host, String hostPf) {
            return smartNicHost(new SmartNicHost(host, hostPf));
        }

        /**
         * @param n VFs per host PF (including the management VF)
         * @return this builder
         */
        public Builder numVfs(int n) {
            this.numVfs = n;
            return this;
        }

        /**
         * @param vf the VF used as OVN management port
         * @return this builder
         */
        public Builder mgmtPortVf(int vf) {
            this.mgmtPortVf = vf;
            return this;
        }

        /**
         * @param o the offloads (replaces the default)
         * @return this builder
         */
        public Builder offloads(Offload... o) {
            this.offloads = o.length == 0 ? EnumSet.noneOf(Offload.class) : EnumSet.copyOf(List.of(o));
            return this;
        }

        /**
         * @param m the MTU
         * @return this builder
         */
        public Builder mtu(int m) {
            this.mtu = m;
            return this;
        }

        /**
         * @param labels the tenant mode labels
         * @return this builder
         */
        public Builder modeLabels(ModeLabels labels) {
            this.modeLabels = Objects.requireNonNull(labels, "labels");
            return this;
        }

        /**
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
         * @param settings the DOCA Platform Framework settings for the BlueField-3 nodes that target DPF
         * @return this builder
         */
        public Builder dpf(DpfSettings settings) {
            this.dpf = settings;
            return this;
        }

        /**
         * @param dpuNode the DPU node name
         * @param host    the host it sits in
         * @param card    its card
         * @param target  the control path for it
         * @return this builder
         */
        public Builder node(String dpuNode, String host, Card card, DpuTarget target) {
            return node(new DpuNode(dpuNode, Optional.ofNullable(host), card, Optional.ofNullable(target)));
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws DpuException INVALID_CONFIG listing every problem with its field path
         */
        public DpuOffloadConfig build() {
            List<Violation> v = validate();
            if (!v.isEmpty()) {
                throw DpuException.invalid(v);
            }
            Builder copy = new Builder(infraCluster, tenantCluster);
            copy.infraNamespace = infraNamespace;
            copy.kubeconfigSecretName = kubeconfigSecretName;
            copy.poolName = poolName;
            copy.mode = mode;
            copy.nodes.addAll(nodes);
            copy.smartNicHosts.addAll(smartNicHosts);
            copy.numVfs = numVfs;
            copy.mgmtPortVf = mgmtPortVf;
            copy.offloads = offloads.isEmpty() ? EnumSet.noneOf(Offload.class) : EnumSet.copyOf(offloads);
            copy.mtu = mtu;
            copy.modeLabels = modeLabels;
            copy.mgmtResourceName = mgmtResourceName;
            copy.workloadResourceName = workloadResourceName;
            copy.dpf = dpf;
            return new DpuOffloadConfig(copy);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        /** Adds a violation unless {@code value} is a DNS-1123 subdomain, as object and node names must be. */
        private static void subdomain(List<Violation> v, String path, String value, String what) {
            if (blank(value)) {
                v.add(new Violation(path, "required (" + what + ")"));
            } else if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
                v.add(new Violation(path, "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253"
                        + " characters, starting and ending with a letter or digit) as " + what + " must be, got '" + value + "'"));
            }
        }

        /**
         * Adds a violation unless {@code pf} is a netdev name the kernel accepts (at most 15 characters, no
         * {@code /}, {@code :} or white space, not {@code .} or {@code ..}) that can stand in SR-IOV
         * {@code nicSelector.pfNames}, where {@code #} starts the VF range.
         */
        private static void netdev(List<Violation> v, String path, String pf) {
            if (blank(pf)) {
                v.add(new Violation(path, "required (the PF's netdev name on the host, such as ens1f0)"));
            } else if (pf.length() > 15 || pf.equals(".") || pf.equals("..") || !pf.chars().allMatch(ch -> ch > ' '
                    && ch < 127 && ch != '/' && ch != ':' && ch != '#' && ch != ',')) {
                v.add(new Violation(path, "must be a netdev name (at most 15 printable characters, no '/', ':', '#', ','"
                        + " or white space), got '" + pf + "'"));
            }
        }

        private List<Violation> validate() {
            List<Violation> v = new ArrayList<>();
            subdomain(v, "infraCluster", infraCluster, "the name of the DpuClusterConfig");
            if (blank(tenantCluster)) {
                v.add(new Violation("tenantCluster", "required"));
            } else if (tenantCluster.equals(infraCluster)) {
                v.add(new Violation("tenantCluster", "must differ from infraCluster: the design has two clusters"));
            }
            if (blank(infraNamespace) || infraNamespace.length() > 63 || !DNS_LABEL.matcher(infraNamespace).matches()) {
                v.add(new Violation("infraNamespace", "must be a DNS-1123 label (lower-case letters, digits and '-', at most"
                        + " 63 characters) as namespace names are, got '" + infraNamespace + "'"));
            }
            subdomain(v, "kubeconfigSecretName", kubeconfigSecretName, "the name of a Secret");
            subdomain(v, "poolName", poolName, "the name of a MachineConfigPool");
            if ("master".equals(poolName) || "worker".equals(poolName)) {
                v.add(new Violation("poolName", "dpu-network-operator refuses the " + poolName + " pool (it creates the pool"
                        + " itself, controllers/config_controller.go); name a pool of its own, such as dpu"));
            }
            for (String[] f : new String[][] {{"mgmtResourceName", mgmtResourceName}, {"workloadResourceName", workloadResourceName}}) {
                if (blank(f[1]) || !RESOURCE_NAME.matcher(f[1]).matches()) {
                    v.add(new Violation(f[0], "must match ^[a-zA-Z0-9_]+$ as the SR-IOV operator's webhook requires of"
                            + " resourceName, got '" + f[1] + "'"));
                }
            }
            if (!blank(mgmtResourceName) && mgmtResourceName.equals(workloadResourceName)) {
                v.add(new Violation("workloadResourceName", "must differ from mgmtResourceName: the management VF needs a"
                        + " resource pool of its own, or ovnkube-node may be given a workload VF"));
            }
            if (mode == DpuMode.NIC) {
                v.add(new Violation("mode", "NIC mode disables the card's offload engine and gives the eswitch to the host;"
                        + " the shared-OVN design needs DPU (ECPF) mode"));
            } else if (mode == DpuMode.SEPARATED_HOST) {
                v.add(new Violation("mode", "separated-host mode has no ECPF eswitch manager (and is gone from BSP 3.9.5"
                        + " and 4.5.x); the shared-OVN design needs DPU (ECPF) mode"));
            }
            if (nodes.isEmpty()) {
                v.add(new Violation("nodes", "at least one DPU node is required"));
            }
            Map<String, Integer> names = new HashMap<>();
            Map<String, String> hosts = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                DpuNode n = nodes.get(i);
                String p = "nodes[" + i + "]";
                if (blank(n.name())) {
                    v.add(new Violation(p + ".name", "required"));
                } else if (n.name().length() > 253 || !DNS_SUBDOMAIN.matcher(n.name()).matches()) {
                    subdomain(v, p + ".name", n.name(), "node names");
                } else if (names.putIfAbsent(n.name(), i) != null) {
                    v.add(new Violation(p + ".name", "DPU node " + n.name() + " is listed twice (also nodes["
                            + names.get(n.name()) + "])"));
                }
                if (n.host() == null || n.host().filter(h -> !h.isBlank()).isEmpty()) {
                    v.add(new Violation(p + ".host", "DPU node " + n.name() + " is not paired with a tenant host"));
                } else if (n.host().get().length() > 253 || !DNS_SUBDOMAIN.matcher(n.host().get()).matches()) {
                    subdomain(v, p + ".host", n.host().get(), "node names");
                } else {
                    String prev = hosts.putIfAbsent(n.host().get(), n.name());
                    if (prev != null && n.card() != null && n.card().model() != null
                            && DpfRules.target(n, dpf) == DpuTarget.DPF) {
                        v.add(new Violation(p + ".host", "host " + n.host().get() + " already has DPU " + prev
                                + ": OVN-Kubernetes in DPU mode offloads every pod of a host through one DPU, and DPF"
                                + " supports exactly one DPU per worker (prerequisites.md); remove one of them"));
                    } else if (prev != null) {
                        v.add(new Violation(p + ".host", "host " + n.host().get() + " is already paired with DPU node " + prev));
                    }
                }
                Card c = n.card();
                if (c == null || c.model() == null) {
                    v.add(new Violation(p + ".card", "required, with a model"));
                    continue;
                }
                if (c.pciAddress() == null || !PCI.matcher(c.pciAddress()).matches()) {
                    v.add(new Violation(p + ".card.pciAddress", "must look like 0000:03:00.0, got '" + c.pciAddress() + "'"));
                }
                if (c.uplink() == null || !UPLINK.matcher(c.uplink()).matches()) {
                    v.add(new Violation(p + ".card.uplink", "must be an uplink phys_port_name like p0, got '" + c.uplink() + "'"));
                }
                netdev(v, p + ".card.hostPf", c.hostPf());
                if (c.totalVfs() == null) {
                    v.add(new Violation(p + ".card.totalVfs", "must not be null; use OptionalInt.empty() when unknown"));
                } else if (numVfs > c.maxVfs()) {
                    v.add(new Violation("numVfs", numVfs + " VFs exceed the limit of " + c.maxVfs() + " of the "
                            + c.model() + " card of " + n.name()));
                }
                for (Offload o : offloads) {
                    if (!c.model().offloads().contains(o)) {
                        v.add(new Violation("offloads." + o, "the " + c.model() + " card of " + n.name() + " cannot do " + o));
                    }
                }
            }
            if (numVfs < 1) {
                v.add(new Violation("numVfs", "at least 1 VF is needed, for the OVN management port"));
            }
            if (mgmtPortVf < 0 || mgmtPortVf >= Math.max(numVfs, 1)) {
                v.add(new Violation("mgmtPortVf", "VF " + mgmtPortVf + " does not exist with " + numVfs + " VFs"));
            }
            if (mtu < MIN_MTU || mtu > MAX_MTU) {
                v.add(new Violation("mtu", mtu + " is outside " + MIN_MTU + ".." + MAX_MTU));
            }
            if (offloads.contains(Offload.IPSEC_PACKET) && !offloads.contains(Offload.IPSEC_CRYPTO)) {
                v.add(new Violation("offloads.IPSEC_PACKET", "needs IPSEC_CRYPTO as well"));
            }
            String[][] labels = {{"modeLabels.dpuHost", modeLabels.dpuHost()}, {"modeLabels.dpu", modeLabels.dpu()},
                    {"modeLabels.smartNic", modeLabels.smartNic()}};
            Map<String, String> keys = new HashMap<>();
            for (String[] l : labels) {
                String key = blank(l[1]) ? "" : ModeLabels.asMap(l[1]).keySet().iterator().next();
                if (key.isBlank()) {
                    v.add(new Violation(l[0], "must be key=value"));
                } else if (keys.putIfAbsent(key, l[0]) != null) {
                    v.add(new Violation(l[0], "uses the same label key as " + keys.get(key)
                            + ": a node would carry two mode labels, which CNO refuses"));
                }
            }
            DpfRules.check(nodes, dpf, numVfs, v);
            Map<String, Integer> smartNics = new HashMap<>();
            for (int j = 0; j < smartNicHosts.size(); j++) {
                String p = "smartNicHosts[" + j + "]";
                String h = smartNicHosts.get(j).host();
                subdomain(v, p + ".host", h, "node names");
                netdev(v, p + ".hostPf", smartNicHosts.get(j).hostPf());
                if (h == null) {
                    continue;
                }
                if (hosts.containsKey(h)) {
                    v.add(new Violation(p, "host " + h + " would carry both the dpu-host and the"
                            + " smart-nic mode label (DPU node " + hosts.get(h) + "); CNO refuses a node with more than one"));
                } else if (smartNics.putIfAbsent(h, j) != null) {
                    v.add(new Violation(p + ".host", "host " + h + " is listed twice (also smartNicHosts["
                            + smartNics.get(h) + "])"));
                }
            }
            return v;
        }
    }

    /** The YAML file form of the configuration. */
    static final class ConfigFile {
        public String infraCluster;
        public String tenantCluster;
        public String infraNamespace;
        public String kubeconfigSecretName;
        public String poolName;
        public DpuMode mode;
        public List<NodeFile> nodes = List.of();
        public List<SmartNicFile> smartNicHosts = List.of();
        public Integer numVfs;
        public Integer mgmtPortVf;
        public List<Offload> offloads;
        public Integer mtu;
        public ModeLabels modeLabels;
        public String mgmtResourceName;
        public String workloadResourceName;
        public DpfFile dpf;

        /** One node in the file. */
        static final class NodeFile {
            public String name;
            public String host;
            public DpuTarget target;
            public CardFile card;
        }

        /** The dpf block of the file. */
        static final class DpfFile {
            public String namespace;
            public String bfbUrl;
            public String bfbSha256;
            public String bfbPvcName;
            public Integer hugepages;
            public List<String> kernelParameters;
            public String chartVersion;
            public String dpuClusterVersion;
            public String dpuClusterVip;
            public String dpuClusterInterface;
            public Integer virtualRouterId;
            public String apiServer;
            public String podCidr;
            public String serviceCidr;
            public String hostCidr;
            public String vtepCidr;
            public String imagePullSecret;
            public Integer mtu;

            DpfSettings settings() {
                DpfSettings d = DpfSettings.builder(bfbUrl, apiServer, dpuClusterVip, dpuClusterInterface).build();
                return new DpfSettings(namespace == null ? d.namespace() : namespace, bfbUrl, Optional.ofNullable(bfbSha256),
                        bfbPvcName == null ? d.bfbPvcName() : bfbPvcName, hugepages == null ? d.hugepages() : hugepages,
                        kernelParameters == null ? List.of() : kernelParameters.stream().map(k -> k == null ? "" : k).toList(),
                        chartVersion == null ? d.chartVersion() : chartVersion,
                        dpuClusterVersion == null ? d.dpuClusterVersion() : dpuClusterVersion, dpuClusterVip,
                        dpuClusterInterface, virtualRouterId == null ? d.virtualRouterId() : virtualRouterId, apiServer,
                        podCidr == null ? d.podCidr() : podCidr, serviceCidr == null ? d.serviceCidr() : serviceCidr,
                        hostCidr == null ? d.hostCidr() : hostCidr, vtepCidr == null ? d.vtepCidr() : vtepCidr,
                        Optional.ofNullable(imagePullSecret), mtu == null ? d.mtu() : mtu);
            }
        }

        /** One smart-NIC host in the file. */
        static final class SmartNicFile {
            public String host;
            public String hostPf;

            /** Used by the mapper for the object form. */
            SmartNicFile() {
            }

            /**
             * Used by the mapper for a bare host name (the older form), which then lacks its {@code hostPf}.
             *
             * @param host the host name
             */
            public SmartNicFile(String host) {
                this.host = host;
            }
        }

        /** One card in the file. */
        static final class CardFile {
            public CardModel model;
            public String deviceId;
            public String pciAddress;
            public String uplink = "p0";
            public String hostPf;
            public Integer totalVfs;
            public Integer memoryGiB;
        }

        /** @return the violation with each builder index after {@code list} (in path and message) replaced by the file's */
        private static Violation inFile(Violation v, String list, List<Integer> fileIndex) {
            return new Violation(inFile(v.path(), list, fileIndex), inFile(v.message(), list, fileIndex));
        }

        private static String inFile(String text, String list, List<Integer> fileIndex) {
            Matcher m = Pattern.compile(Pattern.quote(list) + "(\\d+)\\]").matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(list + (i < fileIndex.size() ? fileIndex.get(i) : i) + "]"));
            }
            return m.appendTail(sb).toString();
        }

        static DpuOffloadConfig parse(String yaml) {
            ConfigFile f;
            try {
                f = io.ocatopic.kube.UserFiles.yaml().readerFor(ConfigFile.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(yaml);
            } catch (java.io.IOException e) {
                // the one reader for user files: duplicate keys refused with their path, the input never quoted
                io.ocatopic.kube.Problem p = io.ocatopic.kube.UserFiles.problem(e, "(file)");
                throw DpuException.invalid(List.of(new Violation(p.path(), p.message())));
            }
            if (f == null) {
                throw DpuException.invalid(List.of(new Violation("(file)", "empty")));
            }
            Builder b = builder(f.infraCluster, f.tenantCluster);
            if (f.infraNamespace != null) {
                b.infraNamespace(f.infraNamespace);
            }
            if (f.kubeconfigSecretName != null) {
                b.kubeconfigSecretName(f.kubeconfigSecretName);
            }
            if (f.poolName != null) {
                b.poolName(f.poolName);
            }
            if (f.mode != null) {
                b.mode(f.mode);
            }
            List<Violation> early = new ArrayList<>();
            // the file index of each entry handed to the builder, which has no entry for those skipped here
            List<Integer> nodeIndex = new ArrayList<>();
            List<Integer> smartNicIndex = new ArrayList<>();
            List<NodeFile> nodes = f.nodes == null ? List.of() : f.nodes;
            for (int i = 0; i < nodes.size(); i++) {
                NodeFile n = nodes.get(i);
                if (n == null) {
                    early.add(new Violation("nodes[" + i + "]", "empty entry: give name, host and card, or remove it"));
                    continue;
                }
                CardFile c = n.card == null ? new CardFile() : n.card;
                CardModel model = c.model;
                if (model == null && c.deviceId != null) {
                    model = CardModel.byDeviceId(c.deviceId).orElse(null);
                }
                if (model == null) {
                    early.add(new Violation("nodes[" + i + "].card.model", "required: BLUEFIELD_2, BLUEFIELD_3, or a"
                            + " deviceId a2d6/a2dc"));
                    continue;
                }
                nodeIndex.add(i);
                b.node(new DpuNode(n.name, Optional.ofNullable(n.host), new Card(model, c.pciAddress, c.uplink, c.hostPf,
                        c.totalVfs == null ? OptionalInt.empty() : OptionalInt.of(c.totalVfs),
                        c.memoryGiB == null ? OptionalInt.empty() : OptionalInt.of(c.memoryGiB)), Optional.ofNullable(n.target)));
            }
            List<SmartNicFile> smartNics = f.smartNicHosts == null ? List.of() : f.smartNicHosts;
            for (int j = 0; j < smartNics.size(); j++) {
                SmartNicFile s = smartNics.get(j);
                if (s == null) {
                    early.add(new Violation("smartNicHosts[" + j + "]", "empty entry: give host and hostPf, or remove it"));
                } else {
                    smartNicIndex.add(j);
                    b.smartNicHost(s.host, s.hostPf);
                }
            }
            if (f.numVfs != null) {
                b.numVfs(f.numVfs);
            }
            if (f.mgmtPortVf != null) {
                b.mgmtPortVf(f.mgmtPortVf);
            }
            if (f.offloads != null) {
                List<Offload> offloads = new ArrayList<>();
                for (int i = 0; i < f.offloads.size(); i++) {
                    if (f.offloads.get(i) == null) {
                        early.add(new Violation("offloads[" + i + "]", "empty entry: one of " + List.of(Offload.values())
                                + ", or remove it"));
                    } else {
                        offloads.add(f.offloads.get(i));
                    }
                }
                b.offloads(offloads.toArray(new Offload[0]));
            }
            if (f.mtu != null) {
                b.mtu(f.mtu);
            }
            if (f.dpf != null) {
                b.dpf(f.dpf.settings());
            }
            if (f.modeLabels != null) {
                b.modeLabels(f.modeLabels);
            }
            if (f.mgmtResourceName != null || f.workloadResourceName != null) {
                b.resourceNames(f.mgmtResourceName == null ? b.mgmtResourceName : f.mgmtResourceName,
                        f.workloadResourceName == null ? b.workloadResourceName : f.workloadResourceName);
            }
            List<Violation> all = new ArrayList<>(early);
            for (Violation v : b.validate()) {
                all.add(inFile(inFile(v, "nodes[", nodeIndex), "smartNicHosts[", smartNicIndex));
            }
            if (!all.isEmpty()) {
                throw DpuException.invalid(all);
            }
            return b.build();
        }
    }
}
