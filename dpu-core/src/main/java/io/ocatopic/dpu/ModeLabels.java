package io.ocatopic.dpu;

import java.util.LinkedHashMap;
import java.util.Map;

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
    /** @return CNO's defaults: {@code network.operator.openshift.io/dpu-host=} and so on */
    public static ModeLabels defaults() {
        return new ModeLabels("network.operator.openshift.io/dpu-host=", "network.operator.openshift.io/dpu=",
                "network.operator.openshift.io/smart-nic=");
    }

    /** @return the dpu-host label as a map */
    public Map<String, String> dpuHostLabel() {
        return asMap(dpuHost);
    }

    /** @return the dpu label as a map */
    public Map<String, String> dpuLabel() {
        return asMap(dpu);
    }

    /** @return the smart-nic label as a map */
    public Map<String, String> smartNicLabel() {
        return asMap(smartNic);
    }

    /**
     * @param keyValue {@code key=value} or {@code key}
     * @return a one-entry map
     */
    static Map<String, String> asMap(String keyValue) {
        int i = keyValue.indexOf('=');
        Map<String, String> m = new LinkedHashMap<>();
        m.put(i < 0 ? keyValue : keyValue.substring(0, i), i < 0 ? "" : keyValue.substring(i + 1));
        return m;
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
            Map.Entry<String, String> e = asMap(l).entrySet().iterator().next();
            if (nodeLabels.containsKey(e.getKey()) && e.getValue().equals(nodeLabels.get(e.getKey()))) {
                n++;
            }
        }
        return n;
    }
}
