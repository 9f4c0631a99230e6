package io.ocatopic.dpu.internal.render;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.dpu.DpuOffloadConfig.SmartNicHost;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.kube.internal.KubeNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the {@link DpuNode.Target#SHARED_OVN} nodes of a {@link DpuOffloadConfig} (and its smart-NIC hosts) into
 * the objects of both clusters; the {@link DpuNode.Target#DPF} nodes are {@link io.ocatopic.dpu.internal.dpf.DpfRenderer}'s.
 * Pure: no I/O.
 *
 * <p>Infrastructure cluster (openshift/dpu-network-operator): {@code DpuClusterConfig} naming the
 * tenant-kubeconfig Secret, the pool and the DPU node selector; ConfigMap {@code env-overrides}
 * mapping each DPU node to {@code TENANT_K8S_NODE=<host>}; DPU node labels
 * {@code network.operator.openshift.io/dpu} and {@code node-role.kubernetes.io/dpu-worker}.
 *
 * <p><b>MachineConfigs: none, by design.</b> dpu-network-operator creates the pool
 * {@code spec.poolName} itself with {@code machineConfigSelector}
 * {@code machineconfiguration.openshift.io/role in (worker, dpu-worker)} and the DpuClusterConfig's
 * {@code nodeSelector}, and on every reconcile it puts that selector back on a pool of that name that
 * differs (openshift/dpu-network-operator {@code controllers/config_controller.go},
 * {@code syncMachineConfigObjs}), so a pool rendered here would be overwritten and a MachineConfig
 * labelled {@code role: <poolName>} would never be applied. The operator also ships MachineConfig
 * {@code 00-<poolName>-bluefield-switchdev} (role {@code dpu-worker}, from its
 * {@code bindata/machine-config}) that already sets the BlueField PFs ({@code 0x15b3}
 * {@code a2d6}/{@code a2dc}, ifname {@code p<N>}) to switchdev before NetworkManager, sets OVS
 * {@code other_config:hw-offload=true} (always: {@link Offload#OVS_HW_OFFLOAD} cannot turn it off) and
 * adds the host-PF representor {@code c1pf<N>hpf} to {@code br-ex}. ocatopic therefore targets the
 * operator's pool and renders none of those: any MachineConfig added for the DPU nodes must carry
 * {@link #DPU_MC_ROLE}, and {@link DpuPoolSelectorRule} flags one that the pool will not select.
 *
 * <p>Tenant cluster (cluster network operator, {@code pkg/network/ovn_kubernetes.go}): ConfigMap
 * {@code hardware-offload-config} in {@code openshift-network-operator} with the three mode labels and
 * {@code mgmt-port-resource-name}; per card model and host PF a {@code SriovNetworkNodePolicy} for the
 * management-port VF and one for the other VFs (node selector: the dpu-host label; no
 * {@code eSwitchMode}, the DPU owns the eswitch); host labels (dpu-host mode, or smart-nic).
 *
 * <p>Smart-NIC hosts: CNO renders ovnkube-node for them too and, as for dpu-host nodes, makes it
 * request one {@code mgmt-port-resource-name} ({@code openshift.io/mgmtvf}) in
 * {@code resources.requests}/{@code limits} (openshift/cluster-network-operator
 * {@code bindata/network/ovn-kubernetes/managed/ovnkube-node.yaml}), so without a device pool of that
 * name on the host the pod stays Pending. Per host PF this renders the pair the OpenShift
 * documentation gives ("Configuring hardware offloading", "Improving network traffic performance using
 * a virtual function"): resourceName {@code mgmtvf} (the configured {@link DpuOffloadConfig#mgmtResourceName()})
 * with {@code pfNames: [<pf>#<mgmtPortVf>-<mgmtPortVf>]} (the docs reserve {@code #0-0}), and the other
 * VFs under the workload resource; both {@code eSwitchMode: switchdev}, {@code deviceType: netdevice},
 * {@code numVfs} the configured {@link DpuOffloadConfig#numVfs()} (the docs' 6 is an example to
 * replace), {@code nodeSelector} the smart-nic label ({@code network.operator.openshift.io/smart-nic: ""}).
 * {@link MgmtPortVfRule} checks that every dpu-host and smart-NIC node gets one.
 *
 * <p>Object names are DNS-1123 subdomains: names from validated input are used as they are, and a
 * host PF name that is not one (upper case, {@code _}, {@code .}) is folded to lower case and
 * {@code -} with a hash of the original appended, so that two PFs never share a name.
 *
 * <pre>{@code
 * DpuResources r = DpuRenderer.render(config);
 * }</pre>
 */
public final class DpuRenderer {
    /** The namespace of the cluster network operator. */
    public static final String CNO_NAMESPACE = "openshift-network-operator";
    /** The namespace of the SR-IOV network operator. */
    public static final String SRIOV_NAMESPACE = "openshift-sriov-network-operator";
    /** The label dpu-network-operator's ovnkube-node DaemonSet selects DPU nodes by. */
    public static final String DPU_NODE_LABEL = "network.operator.openshift.io/dpu";
    /** The role label of DPU worker nodes. */
    public static final String DPU_WORKER_ROLE = "node-role.kubernetes.io/dpu-worker";
    /** The label by which a MachineConfigPool selects its MachineConfigs. */
    public static final String MC_ROLE_LABEL = "machineconfiguration.openshift.io/role";
    /**
     * The {@link #MC_ROLE_LABEL} value of MachineConfigs for the DPU nodes: dpu-network-operator's pool
     * selects {@code worker} and this ({@code dpuMcRole} in {@code controllers/config_controller.go}).
     */
    public static final String DPU_MC_ROLE = "dpu-worker";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private DpuRenderer() {
    }

    /**
     * Renders both clusters' objects.
     *
     * @param c the configuration
     * @return the objects and labels for both clusters
     */
    public static DpuResources render(DpuOffloadConfig c) {
        List<DpuNode> shared = c.nodes(DpuNode.Target.SHARED_OVN);
        if (shared.isEmpty() && c.smartNicHosts().isEmpty()) {
            // a DPF-only fleet: dpu-network-operator has nothing to do
            return new DpuResources(c.infraNamespace(), c.kubeconfigSecretName(), List.of(), List.of(), Map.of(), Map.of());
        }
        List<HasMetadata> infra = new ArrayList<>();
        DpuClusterConfig dcc = new DpuClusterConfig();
        dcc.setMetadata(meta(c.infraCluster(), c.infraNamespace()));
        dcc.setSpec(new DpuClusterConfigSpec(c.kubeconfigSecretName(), c.poolName(),
                new LabelSelectorBuilder().addToMatchLabels(DPU_WORKER_ROLE, "").build()));
        infra.add(dcc);
        Map<String, String> overrides = new TreeMap<>();
        for (DpuNode n : shared) {
            overrides.put(n.name(), "TENANT_K8S_NODE=" + n.host().orElseThrow());
        }
        infra.add(new ConfigMapBuilder().withMetadata(meta("env-overrides", c.infraNamespace()))
                .withData(overrides).build());

        List<HasMetadata> tenant = new ArrayList<>();
        Map<String, String> hw = new LinkedHashMap<>();
        hw.put("dpu-host-mode-label", c.modeLabels().dpuHost());
        hw.put("dpu-mode-label", c.modeLabels().dpu());
        hw.put("smart-nic-mode-label", c.modeLabels().smartNic());
        hw.put("mgmt-port-resource-name", "openshift.io/" + c.mgmtResourceName());
        tenant.add(new ConfigMapBuilder().withMetadata(meta("hardware-offload-config", CNO_NAMESPACE)).withData(hw).build());
        Map<String, Card> groups = new TreeMap<>();
        for (DpuNode n : shared) {
            groups.putIfAbsent(n.card().model().shortName() + "-" + nameSegment(n.card().hostPf()), n.card());
        }
        for (Map.Entry<String, Card> g : groups.entrySet()) {
            Card card = g.getValue();
            tenant.addAll(policies(c, "dpu-", g.getKey(), card.hostPf(), card.model().deviceId(),
                    c.modeLabels().dpuHostLabel(), null));
        }
        Map<String, String> smartNicPfs = new TreeMap<>();
        for (SmartNicHost h : c.smartNicHosts()) {
            smartNicPfs.putIfAbsent(nameSegment(h.hostPf()), h.hostPf());
        }
        for (Map.Entry<String, String> g : smartNicPfs.entrySet()) {
            tenant.addAll(policies(c, "smartnic-", g.getKey(), g.getValue(), null, c.modeLabels().smartNicLabel(), "switchdev"));
        }

        Map<String, Map<String, String>> infraLabels = new TreeMap<>();
        Map<String, Map<String, String>> tenantLabels = new TreeMap<>();
        for (DpuNode n : shared) {
            Map<String, String> l = new LinkedHashMap<>();
            l.put(DPU_NODE_LABEL, "");
            l.put(DPU_WORKER_ROLE, "");
            infraLabels.put(n.name(), l);
            tenantLabels.put(n.host().orElseThrow(), c.modeLabels().dpuHostLabel());
        }
        for (SmartNicHost h : c.smartNicHosts()) {
            tenantLabels.put(h.host(), c.modeLabels().smartNicLabel());
        }
        return new DpuResources(c.infraNamespace(), c.kubeconfigSecretName(), infra, tenant, infraLabels, tenantLabels);
    }

    /**
     * A name segment for user input such as a netdev name: the text itself when it is already a
     * DNS-1123 label, otherwise folded to lower-case letters, digits and {@code -}, with 8 hex digits
     * of the original's SHA-256 appended so that different inputs never fold to the same name.
     *
     * @param text the input
     * @return a DNS-1123 label of at most 63 characters
     */
    static String nameSegment(String text) {
        if (text.length() <= 40 && KubeNames.isLabel(text)) {
            return text;
        }
        String folded = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (folded.length() > 40) {
            folded = folded.substring(0, 40).replaceAll("-+$", "");
        }
        String hash;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        return folded.isEmpty() ? hash : folded + "-" + hash;
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, String ns) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ns).addToLabels(MANAGED_BY, "ocatopic").build();
    }

    private static List<SriovNetworkNodePolicy> policies(DpuOffloadConfig c, String prefix, String group, String pf,
                                                         String deviceId, Map<String, String> nodeSelector,
                                                         String eSwitchMode) {
        List<SriovNetworkNodePolicy> out = new ArrayList<>();
        boolean rdma = c.offloads().contains(Offload.ROCE);
        int m = c.mgmtPortVf();
        out.add(policy(prefix + "mgmt-" + group, c, pf, deviceId, c.mgmtResourceName(), List.of(pf + "#" + m + "-" + m),
                10, rdma, nodeSelector, eSwitchMode));
        List<String> rest = new ArrayList<>();
        if (m > 0) {
            rest.add(pf + "#0-" + (m - 1));
        }
        if (m < c.numVfs() - 1) {
            rest.add(pf + "#" + (m + 1) + "-" + (c.numVfs() - 1));
        }
        if (!rest.isEmpty()) {
            out.add(policy(prefix + "vfs-" + group, c, pf, deviceId, c.workloadResourceName(), rest, 20, rdma,
                    nodeSelector, eSwitchMode));
        }
        return out;
    }

    private static SriovNetworkNodePolicy policy(String name, DpuOffloadConfig c, String pf, String deviceId,
                                                 String resource, List<String> pfNames, int priority, boolean rdma,
                                                 Map<String, String> nodeSelector, String eSwitchMode) {
        SriovNetworkNodePolicy p = new SriovNetworkNodePolicy();
        p.setMetadata(meta(name, SRIOV_NAMESPACE));
        // a dpu-host does not own the eswitch of a BlueField in DPU mode (eSwitchMode null); a smart-NIC host does
        p.setSpec(new SriovNetworkNodePolicySpec(resource, nodeSelector, priority, c.mtu(), c.numVfs(),
                new NicSelector(deviceId == null ? null : Card.Model.VENDOR, deviceId, null, pfNames, null), "netdevice",
                rdma, "eth", eSwitchMode));
        return p;
    }
}
