package io.ocatopic.dpu.internal.render;

import io.ocatopic.dpu.DpuOffloadConfig.ModeLabels;
import io.ocatopic.dpu.internal.Trees;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ovnkube-node's management VF: every node a set puts in dpu-host or smart-NIC mode must be offered
 * the management-port resource by a SriovNetworkNodePolicy whose {@code nodeSelector} matches it, or
 * ovnkube-node stays Pending there.
 *
 * <p>Upstream: openshift/cluster-network-operator
 * {@code bindata/network/ovn-kubernetes/managed/ovnkube-node.yaml}: in {@code smart-nic} and
 * {@code dpu-host} mode, when {@code mgmt-port-resource-name} is set, the ovnkube-node container gets
 * {@code OVNKUBE_NODE_MGMT_PORT_DP_RESOURCE_NAME} and requests (and limits) one of that resource; CNO
 * reads the name and the mode labels from ConfigMap {@code openshift-network-operator/hardware-offload-config}
 * and lists the nodes of a mode by {@code key=value} ({@code pkg/network/ovn_kubernetes.go},
 * {@code bootstrapOVNConfig}). Without the resource name, ovnkube-node in {@code dpu-host} mode does not
 * start either: it needs {@code --ovnkube-node-mgmt-port-netdev} or
 * {@code --ovnkube-node-mgmt-port-dp-resource-name} (ovn-org/ovn-kubernetes
 * {@code go-controller/pkg/config/config.go}). The SR-IOV operator offers a policy's
 * {@code resourceName} as {@code openshift.io/<resourceName>} (its {@code RESOURCE_PREFIX} in OpenShift)
 * on the nodes whose labels hold every {@code nodeSelector} entry (k8snetworkplumbingwg/sriov-network-operator
 * {@code api/v1/helper.go}, {@code Selected}).
 *
 * <p>Over a set ({@link #checkSet}): the hosts are the set's Nodes; the labels and the resource come
 * from the set's {@code hardware-offload-config}, and without one CNO's default labels and
 * {@code openshift.io/mgmtvf} (the value of CNO's {@code hack/hardware-offload-config.yaml} and the
 * OpenShift documentation) are assumed. Each flag is on the Node that would wait.
 */
public final class MgmtPortVfRule implements AdmissionRule {
    /** The resource assumed when the set has no {@code hardware-offload-config}. */
    public static final String DEFAULT_RESOURCE = "openshift.io/mgmtvf";
    private static final String SRIOV_API = "sriovnetwork.openshift.io/v1";
    private static final String PREFIX = "openshift.io/";

    /** Creates the rule; {@link java.util.ServiceLoader} uses this. */
    public MgmtPortVfRule() {
    }

    /** @return the upstream file this rule follows */
    @Override
    public String source() {
        return "openshift/cluster-network-operator bindata/network/ovn-kubernetes/managed/ovnkube-node.yaml"
                + " (mgmt-port resource request in smart-nic and dpu-host mode)";
    }

    /**
     * @param apiVersion the object's apiVersion
     * @param kind       the object's kind
     * @return true for Node, ConfigMap and SriovNetworkNodePolicy
     */
    @Override
    public boolean guards(String apiVersion, String kind) {
        return "v1".equals(apiVersion) && ("Node".equals(kind) || "ConfigMap".equals(kind))
                || SRIOV_API.equals(apiVersion) && "SriovNetworkNodePolicy".equals(kind);
    }

    /**
     * The hosts in dpu-host or smart-NIC mode whose management-port request no policy of the set meets.
     *
     * @param objects every object of the set
     * @return the flags, on the Nodes
     */
    @Override
    public List<Flag> checkSet(List<Map<String, Object>> objects) {
        Map<String, Object> cm = null;
        for (Map<String, Object> o : objects) {
            if (Trees.is(o, "v1", "ConfigMap") && "hardware-offload-config".equals(Trees.str(o, "metadata", "name"))
                    && DpuRenderer.CNO_NAMESPACE.equals(Trees.str(o, "metadata", "namespace"))) {
                cm = o;
                break;
            }
        }
        Map<String, String> data = Trees.strings(Trees.map(cm, "data"));
        ModeLabels defaults = ModeLabels.defaults();
        String[][] modes = {{"dpu-host", label(data.get("dpu-host-mode-label"), defaults.dpuHost())},
                {"smart-nic", label(data.get("smart-nic-mode-label"), defaults.smartNic())}};
        String resource = cm == null ? DEFAULT_RESOURCE : data.get("mgmt-port-resource-name");
        if (resource != null && resource.isEmpty()) {
            resource = null;
        }
        List<Flag> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> node = objects.get(i);
            if (!Trees.is(node, "v1", "Node")) {
                continue;
            }
            Map<String, String> labels = Trees.labels(node);
            for (String[] m : modes) {
                int eq = m[1].indexOf('=');
                String key = m[1].substring(0, eq);
                if (!m[1].substring(eq + 1).equals(labels.get(key))) {
                    continue;
                }
                String path = "metadata.labels[" + key + "]";
                String name = Trees.str(node, "metadata", "name");
                if (resource == null) {
                    if (m[0].equals("dpu-host")) {
                        out.add(new Flag(i, new Problem(path, "node " + name + " is in dpu-host mode, where ovnkube-node needs its"
                                + " management port from a device-plugin resource, and ConfigMap " + DpuRenderer.CNO_NAMESPACE
                                + "/hardware-offload-config names none; set data.mgmt-port-resource-name: " + DEFAULT_RESOURCE
                                + " there and offer it with a SriovNetworkNodePolicy (resourceName mgmtvf)")));
                    }
                    continue;
                }
                if (!offered(objects, resource, labels)) {
                    String want = resource.startsWith(PREFIX) ? resource.substring(PREFIX.length()) : resource;
                    out.add(new Flag(i, new Problem(path, "node " + name + " is in " + m[0] + " mode, so ovnkube-node requests "
                            + resource + ": 1 there, and no SriovNetworkNodePolicy of the set offers it (resourceName " + want
                            + ") with a nodeSelector that matches the node: ovnkube-node stays Pending. Add one with"
                            + " resourceName: " + want + ", nodeSelector {" + key + ": \"" + labels.get(key) + "\"} and"
                            + " nicSelector.pfNames [<pf>#0-0] (DpuOffloadConfig: nodes[].card.hostPf or"
                            + " smartNicHosts[].hostPf)")));
                }
            }
        }
        return out;
    }

    /** @return whether a policy of the set offers {@code resource} on a node with these labels */
    private static boolean offered(List<Map<String, Object>> objects, String resource, Map<String, String> labels) {
        for (Map<String, Object> o : objects) {
            if (!Trees.is(o, SRIOV_API, "SriovNetworkNodePolicy")) {
                continue;
            }
            String name = Trees.str(o, "spec", "resourceName");
            Object numVfs = Trees.map(o, "spec") == null ? null : Trees.map(o, "spec").get("numVfs");
            if (name == null || !resource.equals(PREFIX + name)
                    || !(numVfs instanceof Number n && n.longValue() > 0)) {
                continue;
            }
            boolean selected = true;
            for (Map.Entry<String, String> e : Trees.strings(Trees.map(o, "spec", "nodeSelector")).entrySet()) {
                selected &= e.getValue().equals(labels.get(e.getKey()));
            }
            if (selected) {
                return true;
            }
        }
        return false;
    }

    /** @return the configured label when CNO would accept it ({@code key=} or {@code key=value}), else the default */
    private static String label(String configured, String fallback) {
        return configured != null && configured.indexOf('=') > 0 ? configured : fallback;
    }
}
