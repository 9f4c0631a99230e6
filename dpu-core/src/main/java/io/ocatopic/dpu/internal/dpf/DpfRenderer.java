package io.ocatopic.dpu.internal.dpf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.dpf.DpfResources;
import io.ocatopic.dpu.internal.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the {@link DpuNode.Target#DPF} nodes of a {@link DpuOffloadConfig} into the host cluster's DOCA Platform
 * Framework objects. Pure: no I/O. The shapes follow NVIDIA/doca-platform v24.10.0-rc.6 (commit 1f6a80c0):
 * {@code docs/guides/usecases/hbn_ovn/manifests/03-dpf-system-installation/} (DPFOperatorConfig, DPUCluster),
 * {@code .../05.1-dpuservice-installation/} (BFB, DPUSet, DPUService for OVN-Kubernetes, its
 * DPUServiceCredentialRequest, DPUServiceIPAM, DPUServiceInterfaces, DPUServiceChain) and
 * {@code config/provisioning/default/flavor-hbn-ovn.yaml} (the flavor's kernel and nvconfig parameters).
 *
 * <p>What ocatopic decides: one DPUFlavor and one DPUSet per card memory size (16 or 32 GiB), so that each
 * flavor's {@code dpuResources.memory} is the card's and {@code systemReservedResources.memory} is the
 * hugepages plus {@link DpuOffloadConfig#dpuOsReserveGiB()} (DPF's flavor webhook requires reserved within
 * dpuResources, {@code internal/provisioning/webhooks/dpuflavor_webhook.go}). Each DPUSet selects its hosts
 * by {@code kubernetes.io/hostname In [...]}, so a BlueField-2 host of a mixed fleet is never selected;
 * DPF's DPUSet controller creates one DPU per selected node and PCI label
 * ({@code internal/provisioning/controllers/dpuset/dpuset_controller.go}). Without HBN the chain joins the
 * physical uplink {@code p0} to OVN-Kubernetes' {@code ovn} interface (the br-ovn port; in the guide it
 * joins HBN instead); host pods reach OVN through their VF representors, which ovnkube-node-dpu plugs into
 * br-int.
 *
 * <pre>{@code
 * DpfResources r = DpfRenderer.render(config);   // or config.renderDpf()
 * r.writeTo(Path.of("out"));                     // dpf/*.yaml; apply with Applier.serverDryRun() first
 * }</pre>
 */
public final class DpfRenderer {
    /** The API group/version of the provisioning objects. */
    public static final String PROVISIONING = "provisioning.dpu.nvidia.com/v1alpha1";
    /** The API group/version of the DPU service objects. */
    public static final String SVC = "svc.dpu.nvidia.com/v1alpha1";
    /** The API group/version of the operator configuration. */
    public static final String OPERATOR = "operator.dpu.nvidia.com/v1alpha1";
    /** The name of the rendered BFB. */
    public static final String BFB_NAME = "bf-bundle";
    /** The name of the DPU cluster. */
    public static final String DPU_CLUSTER_NAME = "dpu-cplane";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private DpfRenderer() {
    }

    /**
     * @param c the configuration
     * @return the DPF objects, in apply order; empty when no node targets DPF
     */
    public static DpfResources render(DpuOffloadConfig c) {
        List<DpuNode> nodes = c.nodes(DpuNode.Target.DPF);
        if (nodes.isEmpty() || c.dpf().isEmpty()) {
            return new DpfResources(List.of());
        }
        DpfSettings d = c.dpf().get();
        String ns = d.namespace();
        List<HasMetadata> out = new ArrayList<>();

        Map<String, Object> pc = new LinkedHashMap<>();
        pc.put("bfbPVCName", d.bfbPvcName());
        pc.put("dmsTimeout", 900);
        Map<String, Object> opSpec = new LinkedHashMap<>();
        d.imagePullSecret().ifPresent(s -> opSpec.put("imagePullSecrets", List.of(s)));
        opSpec.put("networking", Map.of("highSpeedMTU", d.mtu()));
        opSpec.put("provisioningController", pc);
        opSpec.put("kamajiClusterManager", Map.of("disable", false));
        out.add(obj(OPERATOR, "DPFOperatorConfig", "dpfoperatorconfig", ns, opSpec));

        Map<String, Object> keepalived = new LinkedHashMap<>();
        keepalived.put("interface", d.dpuClusterInterface());
        keepalived.put("vip", d.dpuClusterVip());
        keepalived.put("virtualRouterID", d.virtualRouterId());
        keepalived.put("nodeSelector", Map.of("node-role.kubernetes.io/control-plane", ""));
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("type", "kamaji");
        cluster.put("maxNodes", Math.min(1000, Math.max(10, nodes.size())));
        cluster.put("version", d.dpuClusterVersion());
        cluster.put("clusterEndpoint", Map.of("keepalived", keepalived));
        out.add(obj(PROVISIONING, "DPUCluster", DPU_CLUSTER_NAME, ns, cluster));

        out.add(obj(PROVISIONING, "BFB", BFB_NAME, ns, Map.of("url", d.bfbUrl())));

        Map<Integer, List<String>> byMemory = new TreeMap<>();
        for (DpuNode n : nodes) {
            byMemory.computeIfAbsent(c.memoryGiBOf(n), k -> new ArrayList<>()).add(n.host().orElseThrow());
        }
        for (Map.Entry<Integer, List<String>> e : byMemory.entrySet()) {
            String name = "ovn-offload-" + e.getKey() + "g";
            out.add(obj(PROVISIONING, "DPUFlavor", name, ns, flavor(c, d, e.getKey())));
            out.add(obj(PROVISIONING, "DPUSet", name, ns, dpuSet(name, e.getValue().stream().sorted().toList())));
        }

        Map<String, Object> cred = new LinkedHashMap<>();
        cred.put("serviceAccount", Map.of("name", "ovn-dpu", "namespace", ns));
        cred.put("duration", "24h");
        cred.put("type", "tokenFile");
        cred.put("secret", Map.of("name", "ovn-dpu", "namespace", ns));
        out.add(obj(SVC, "DPUServiceCredentialRequest", "ovn-dpu", ns, cred));

        Map<String, Object> ipv4 = new LinkedHashMap<>();
        ipv4.put("network", d.vtepCidr());
        ipv4.put("gatewayIndex", 3);
        ipv4.put("prefixSize", 29);
        out.add(obj(SVC, "DPUServiceIPAM", "vtep-pool", ns, Map.of("ipv4Network", ipv4)));

        out.add(obj(SVC, "DPUServiceInterface", "p0", ns, iface(Map.of("uplink", "p0"),
                Map.of("interfaceType", "physical", "physical", Map.of("interfaceName", "p0")))));
        out.add(obj(SVC, "DPUServiceInterface", "ovn", ns, iface(Map.of("port", "ovn"), Map.of("interfaceType", "ovn"))));

        out.add(obj(SVC, "DPUService", "ovn-dpu", ns, ovnService(c, d)));

        Map<String, Object> sw = Map.of("ports", List.of(
                Map.of("serviceInterface", Map.of("matchLabels", Map.of("uplink", "p0"))),
                Map.of("serviceInterface", Map.of("matchLabels", Map.of("port", "ovn")))));
        out.add(obj(SVC, "DPUServiceChain", "ovn-to-fabric", ns,
                Map.of("template", Map.of("spec", Map.of("template", Map.of("spec", Map.of("switches", List.of(sw))))))));
        return new DpfResources(out);
    }

    private static Map<String, Object> flavor(DpuOffloadConfig c, DpfSettings d, int memGiB) {
        List<String> kernel = new ArrayList<>(List.of("console=hvc0", "console=ttyAMA0", "earlycon=pl011,0x13010000",
                "fixrttc", "net.ifnames=0", "biosdevname=0", "iommu.passthrough=1", "cgroup_no_v1=net_prio,net_cls",
                "hugepagesz=2048kB", "hugepages=" + d.hugepages()));
        kernel.addAll(d.kernelParameters());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("grub", Map.of("kernelParameters", kernel));
        spec.put("nvconfig", List.of(Map.of("device", "*", "parameters", List.of("PF_BAR2_ENABLE=0", "PER_PF_NUM_SF=1",
                "PF_TOTAL_SF=20", "PF_SF_BAR_SIZE=10", "NUM_PF_MSIX_VALID=0", "PF_NUM_PF_MSIX_VALID=1", "PF_NUM_PF_MSIX=228",
                "INTERNAL_CPU_MODEL=1", "INTERNAL_CPU_OFFLOAD_ENGINE=0", "SRIOV_EN=1", "NUM_OF_VFS=" + c.numVfs(),
                "LAG_RESOURCE_ALLOCATION=1"))));
        spec.put("ovs", Map.of("rawConfigScript", String.join("\n",
                "vs() { ovs-vsctl --no-wait --timeout 15 \"$@\"; }",
                "vs set Open_vSwitch . other_config:doca-init=true",
                "vs set Open_vSwitch . other_config:hw-offload=true",
                "vs set Open_vSwitch . external-ids:ovn-bridge-datapath-type=netdev",
                "vs --may-exist add-br br-sfc -- set bridge br-sfc datapath_type=netdev fail_mode=secure",
                "vs --may-exist add-port br-sfc p0 -- set Interface p0 type=dpdk -- set Port p0 external_ids:dpf-type=physical",
                "vs --may-exist add-br br-ovn -- set bridge br-ovn datapath_type=netdev",
                "vs --may-exist add-port br-ovn pf0hpf -- set Interface pf0hpf type=dpdk", "")));
        spec.put("bfcfgParameters", List.of("UPDATE_ATF_UEFI=yes", "UPDATE_DPU_OS=yes", "WITH_NIC_FW_UPDATE=yes"));
        spec.put("configFiles", List.of(
                Map.of("path", "/etc/mellanox/mlnx-bf.conf", "operation", "override", "permissions", "0644",
                        "raw", "ALLOW_SHARED_RQ=\"no\"\nIPSEC_FULL_OFFLOAD=\"no\"\nENABLE_ESWITCH_MULTIPORT=\"yes\"\n"),
                Map.of("path", "/etc/mellanox/mlnx-ovs.conf", "operation", "override", "permissions", "0644",
                        "raw", "CREATE_OVS_BRIDGES=\"no\"\n")));
        long reservedMiB = 2L * d.hugepages() + DpuOffloadConfig.dpuOsReserveGiB() * 1024L;
        spec.put("dpuResources", Map.of("memory", memGiB + "Gi"));
        spec.put("systemReservedResources", Map.of("memory", reservedMiB + "Mi"));
        return spec;
    }

    private static Map<String, Object> dpuSet(String flavor, List<String> hosts) {
        Map<String, Object> expr = new LinkedHashMap<>();
        expr.put("key", "kubernetes.io/hostname");
        expr.put("operator", "In");
        expr.put("values", hosts);
        Map<String, Object> tmpl = new LinkedHashMap<>();
        tmpl.put("dpuFlavor", flavor);
        tmpl.put("bfb", Map.of("name", BFB_NAME));
        tmpl.put("nodeEffect", Map.of("taint", Map.of("key", "dpu", "value", "provisioning", "effect", "NoSchedule")));
        tmpl.put("automaticNodeReboot", true);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeSelector", Map.of("matchExpressions", List.of(expr)));
        spec.put("strategy", Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxUnavailable", "10%")));
        spec.put("dpuTemplate", Map.of("spec", tmpl));
        return spec;
    }

    private static Map<String, Object> iface(Map<String, String> labels, Map<String, Object> spec) {
        return Map.of("template", Map.of("spec", Map.of("template", Map.of("metadata", Map.of("labels", labels), "spec", spec))));
    }

    private static Map<String, Object> ovnService(DpuOffloadConfig c, DpfSettings d) {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("ovn-kubernetes-resource-injector", false);
        tags.put("ovnkube-node-dpu", true);
        tags.put("ovnkube-node-dpu-host", false);
        tags.put("ovnkube-single-node-zone", false);
        tags.put("ovnkube-control-plane", false);
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("gatewayOpts", "--gateway-interface=br-ovn --gateway-uplink-port=puplinkbrovn");
        d.imagePullSecret().ifPresent(s -> global.put("imagePullSecretName", s));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("kubernetesSecretName", "ovn-dpu");
        node.put("vtepCIDR", d.vtepCidr());
        node.put("hostCIDR", d.hostCidr());
        node.put("ipamPool", "vtep-pool");
        node.put("ipamPoolType", "cidrpool");
        node.put("ipamVTEPIPIndex", 0);
        node.put("ipamPFIPIndex", 1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("tags", tags);
        values.put("k8sAPIServer", d.apiServer());
        values.put("podNetwork", d.podCidr().split("/")[0] + "/" + d.podCidr().split("/")[1] + "/24");
        values.put("serviceNetwork", d.serviceCidr());
        values.put("mtu", d.mtu());
        values.put("global", global);
        values.put("ovnkube-node-dpu", node);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", "oci://ghcr.io/nvidia");
        source.put("chart", "ovn-kubernetes-chart");
        source.put("version", d.chartVersion());
        return Map.of("helmChart", Map.of("source", source, "values", values));
    }

    private static GenericKubernetesResource obj(String apiVersion, String kind, String name, String ns, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels(MANAGED_BY, "ocatopic").endMetadata()
                .addToAdditionalProperties("spec", Trees.sorted(spec)).build();
    }
}
