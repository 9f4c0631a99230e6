package io.ocatopic.dpu.internal.render;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * dpu-network-operator's {@code DpuClusterConfig} ({@code dpu.openshift.io/v1alpha1}, namespaced;
 * formerly {@code OVNKubeConfig}) on the infrastructure cluster.
 *
 * <pre>{@code
 * DpuClusterConfig c = new DpuClusterConfig();
 * c.setSpec(new DpuClusterConfigSpec("tenant-kubeconfig", "dpu", selector));
 * }</pre>
 */
@Group("dpu.openshift.io")
@Version("v1alpha1")
@Kind("DpuClusterConfig")
@Plural("dpuclusterconfigs")
public class DpuClusterConfig extends CustomResource<DpuClusterConfigSpec, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public DpuClusterConfig() {
    }
}
