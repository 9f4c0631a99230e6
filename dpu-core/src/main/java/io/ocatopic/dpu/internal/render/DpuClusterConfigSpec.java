package io.ocatopic.dpu.internal.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * {@code DpuClusterConfig.spec} (openshift/dpu-network-operator {@code api/v1alpha1/dpuclusterconfig_types.go}).
 *
 * <pre>{@code
 * new DpuClusterConfigSpec("tenant-kubeconfig", "dpu", selector);
 * }</pre>
 *
 * @param kubeConfigFile the name of the Secret holding the tenant kubeconfig under key {@code config}
 * @param poolName       the MachineConfigPool of the DPU nodes
 * @param nodeSelector   selects the DPU nodes (copied to the pool)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DpuClusterConfigSpec(String kubeConfigFile, String poolName, LabelSelector nodeSelector) {
}
