package io.ocatopic.dpu.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfigBuilder;
import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.CardModel;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.Offload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link DpuOffloadConfig} into the objects of both clusters. Pure: no I/O.
 *
 * <p>Infrastructure cluster (openshift/dpu-network-operator): {@code DpuClusterConfig} naming the
 * tenant-kubeconfig Secret, the pool and the DPU node selector; ConfigMap {@code env-overrides}
 * mapping each DPU node to {@code TENANT_K8S_NODE=<host>}; MachineConfigs for the pool that set the
 * eswitch of Mellanox 0x15b3 a2d6/a2dc PFs to switchdev in the safe order, enable OVS
 * {@code hw-offload=true} (when asked), and add the host-PF representor ({@code pf0hpf},
 * {@code c1pf0hpf}) to {@code br-ex}; DPU node labels {@code network.operator.openshift.io/dpu} and
 * {@code node-role.kubernetes.io/dpu-worker}.
 *
 * <p>Tenant cluster (cluster network operator, {@code pkg/network/ovn_kubernetes.go}): ConfigMap
 * {@code hardware-offload-config} in {@code openshift-network-operator} with the three mode labels and
 * {@code mgmt-port-resource-name}; per card model and host PF a {@code SriovNetworkNodePolicy} for the
 * management-port VF and one for the other VFs; host labels (dpu-host mode, or smart-nic).
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
    private static final String MC_ROLE = "machineconfiguration.openshift.io/role";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private DpuRenderer() {
    }

    /**
     * @param c the configuration
     * @return the objects and labels for both clusters
     */
    public static DpuResources render(DpuOffloadConfig c) {
        List<HasMetadata> infra = new ArrayList<>();
        DpuClusterConfig dcc = new DpuClusterConfig();
        dcc.setMetadata(meta(c.infraCluster(), c.infraNamespace()));
        dcc.setSpec(new DpuClusterConfigSpec(c.kubeconfigSecretName(), c.poolName(),
                new LabelSelectorBuilder().addToMatchLabels(DPU_WORKER_ROLE, "").build()));
        infra.add(dcc);
        Map<String, String> overrides = new TreeMap<>();
        for (DpuNode n : c.nodes()) {
            overrides.put(n.name(), "TENANT_K8S_NODE=" + n.host().orElseThrow());
        }
        infra.add(new ConfigMapBuilder().withMetadata(meta("env-overrides", c.infraNamespace()))
                .withData(overrides).build());
        infra.add(machineConfig(c, "switchdev",
                List.of(file("/usr/local/bin/configure-switchdev.sh", switchdevScript(c))),
                List.of(unit("configure-switchdev.service", "ocatopic: BlueField eswitch to switchdev (VFs to 0, switchdev, VFs back)",
                        "After=systemd-udev-settle.service\nBefore=ovs-vswitchd.service kubelet.service",
                        "/usr/local/bin/configure-switchdev.sh"))));
        if (c.offloads().contains(Offload.OVS_HW_OFFLOAD)) {
            infra.add(machineConfig(c, "ovs-hw-offload", List.of(),
                    List.of(unit("ovs-hw-offload.service", "ocatopic: Open vSwitch hardware offload",
                            "After=ovsdb-server.service\nBefore=ovs-vswitchd.service\nRequires=ovsdb-server.service",
                            "/usr/bin/ovs-vsctl set Open_vSwitch . other_config:hw-offload=true"))));
        }
        infra.add(machineConfig(c, "ovs-add-host-pf",
                List.of(file("/usr/local/bin/ovs-add-host-pf.sh", addHostPfScript())),
                List.of(unit("ovs-add-host-pf.service", "ocatopic: add the host-PF representor to br-ex",
                        "After=ovs-configuration.service\nRequires=ovs-configuration.service",
                        "/usr/local/bin/ovs-add-host-pf.sh"))));

        List<HasMetadata> tenant = new ArrayList<>();
        Map<String, String> hw = new LinkedHashMap<>();
        hw.put("dpu-host-mode-label", c.modeLabels().dpuHost());
        hw.put("dpu-mode-label", c.modeLabels().dpu());
        hw.put("smart-nic-mode-label", c.modeLabels().smartNic());
        hw.put("mgmt-port-resource-name", "openshift.io/" + c.mgmtResourceName());
        tenant.add(new ConfigMapBuilder().withMetadata(meta("hardware-offload-config", CNO_NAMESPACE)).withData(hw).build());
        Map<String, Card> groups = new TreeMap<>();
        for (DpuNode n : c.nodes()) {
            groups.putIfAbsent(n.card().model().shortName() + "-" + n.card().hostPf(), n.card());
        }
        for (Map.Entry<String, Card> g : groups.entrySet()) {
            tenant.addAll(policies(c, g.getKey(), g.getValue()));
        }

        Map<String, Map<String, String>> infraLabels = new TreeMap<>();
        Map<String, Map<String, String>> tenantLabels = new TreeMap<>();
        for (DpuNode n : c.nodes()) {
            Map<String, String> l = new LinkedHashMap<>();
            l.put(DPU_NODE_LABEL, "");
            l.put(DPU_WORKER_ROLE, "");
            infraLabels.put(n.name(), l);
            tenantLabels.put(n.host().orElseThrow(), c.modeLabels().dpuHostLabel());
        }
        for (String h : c.smartNicHosts()) {
            tenantLabels.put(h, c.modeLabels().smartNicLabel());
        }
        return new DpuResources(c.infraNamespace(), c.kubeconfigSecretName(), infra, tenant, infraLabels, tenantLabels);
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, String ns) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ns).addToLabels(MANAGED_BY, "ocatopic").build();
    }

    private static List<SriovNetworkNodePolicy> policies(DpuOffloadConfig c, String group, Card card) {
        List<SriovNetworkNodePolicy> out = new ArrayList<>();
        boolean rdma = c.offloads().contains(Offload.ROCE);
        int m = c.mgmtPortVf();
        out.add(policy("dpu-mgmt-" + group, c, card, c.mgmtResourceName(), List.of(card.hostPf() + "#" + m + "-" + m), 10, rdma));
        List<String> rest = new ArrayList<>();
        if (m > 0) {
            rest.add(card.hostPf() + "#0-" + (m - 1));
        }
        if (m < c.numVfs() - 1) {
            rest.add(card.hostPf() + "#" + (m + 1) + "-" + (c.numVfs() - 1));
        }
        if (!rest.isEmpty()) {
            out.add(policy("dpu-vfs-" + group, c, card, c.workloadResourceName(), rest, 20, rdma));
        }
        return out;
    }

    private static SriovNetworkNodePolicy policy(String name, DpuOffloadConfig c, Card card, String resource,
                                                 List<String> pfNames, int priority, boolean rdma) {
        SriovNetworkNodePolicy p = new SriovNetworkNodePolicy();
        p.setMetadata(meta(name, SRIOV_NAMESPACE));
        // the host does not own the eswitch of a BlueField in DPU mode: no eSwitchMode here
        p.setSpec(new SriovNetworkNodePolicySpec(resource, c.modeLabels().dpuHostLabel(), priority, c.mtu(), c.numVfs(),
                new NicSelector(CardModel.VENDOR, card.model().deviceId(), null, pfNames, null), "netdevice",
                rdma, "eth", null));
        return p;
    }

    private static MachineConfig machineConfig(DpuOffloadConfig c, String what, List<Map<String, Object>> files,
                                               List<Map<String, Object>> units) {
        Map<String, Object> ignition = new LinkedHashMap<>();
        ignition.put("ignition", Map.of("version", "3.2.0"));
        if (!files.isEmpty()) {
            ignition.put("storage", Map.of("files", files));
        }
        ignition.put("systemd", Map.of("units", units));
        return new MachineConfigBuilder()
                .withNewMetadata().withName("99-" + c.poolName() + "-" + what)
                .addToLabels(MC_ROLE, c.poolName()).addToLabels(MANAGED_BY, "ocatopic").endMetadata()
                .withNewSpec().withConfig(ignition).endSpec().build();
    }

    private static Map<String, Object> file(String path, String content) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", path);
        f.put("mode", 0755);
        f.put("overwrite", true);
        f.put("contents", Map.of("source", "data:text/plain;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))));
        return f;
    }

    private static Map<String, Object> unit(String name, String description, String ordering, String exec) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("name", name);
        u.put("enabled", true);
        u.put("contents", "[Unit]\nDescription=" + description + "\n" + ordering + "\n\n[Service]\nType=oneshot\n"
                + "RemainAfterExit=yes\nExecStart=" + exec + "\n\n[Install]\nWantedBy=multi-user.target\n");
        return u;
    }

    static String switchdevScript(DpuOffloadConfig c) {
        StringBuilder ids = new StringBuilder();
        for (CardModel m : CardModel.values()) {
            ids.append(ids.length() == 0 ? "" : "|").append("0x").append(m.deviceId());
        }
        return "#!/bin/bash\n"
                + "# ocatopic: eswitch of BlueField PFs (vendor 0x" + CardModel.VENDOR + ") to switchdev.\n"
                + "# Safe order: some NICs refuse switchdev while VFs exist, so VFs to 0, switchdev, VFs back.\n"
                + "set -euo pipefail\n"
                + "for dev in /sys/bus/pci/devices/*; do\n"
                + "  [ \"$(cat \"$dev/vendor\")\" = 0x" + CardModel.VENDOR + " ] || continue\n"
                + "  case \"$(cat \"$dev/device\")\" in " + ids + ") ;; *) continue ;; esac\n"
                + "  [ -e \"$dev/sriov_numvfs\" ] || continue\n"
                + "  bdf=$(basename \"$dev\")\n"
                + "  if devlink dev eswitch show \"pci/$bdf\" | grep -q 'mode switchdev'; then continue; fi\n"
                + "  vfs=$(cat \"$dev/sriov_numvfs\")\n"
                + "  echo 0 > \"$dev/sriov_numvfs\"\n"
                + "  devlink dev eswitch set \"pci/$bdf\" mode switchdev\n"
                + "  if [ \"$vfs\" -gt 0 ]; then echo \"$vfs\" > \"$dev/sriov_numvfs\"; fi\n"
                + "done\n";
    }

    static String addHostPfScript() {
        return "#!/bin/bash\n"
                + "# ocatopic: add the host-PF representor (phys_port_name pf<N>hpf or c1pf<N>hpf) to br-ex.\n"
                + "set -euo pipefail\n"
                + "for d in /sys/class/net/*; do\n"
                + "  ppn=$(cat \"$d/phys_port_name\" 2>/dev/null || true)\n"
                + "  if [[ \"$ppn\" =~ ^(c[0-9]+)?pf[0-9]+hpf$ ]]; then\n"
                + "    ovs-vsctl --may-exist add-port br-ex \"$(basename \"$d\")\"\n"
                + "  fi\n"
                + "done\n";
    }
}
