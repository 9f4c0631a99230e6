package io.ocatopic.dpu.internal.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code SriovNetworkNodePolicy.spec} (k8snetworkplumbingwg/sriov-network-operator
 * {@code api/v1/sriovnetworknodepolicy_types.go}); fields not used by ocatopic are left out.
 *
 * <pre>{@code
 * new SriovNetworkNodePolicySpec("mgmtvf", Map.of("network.operator.openshift.io/dpu-host", ""), 99, 1500, 8,
 *         selector, "netdevice", false, "eth", null);
 * }</pre>
 *
 * @param resourceName the device-plugin resource name (without the {@code openshift.io/} prefix)
 * @param nodeSelector the nodes the policy applies to
 * @param priority     0 (highest) to 99 (lowest)
 * @param mtu          the VF MTU
 * @param numVfs       the number of VFs on the PF
 * @param nicSelector  which PFs (and VF range)
 * @param deviceType   {@code netdevice} or {@code vfio-pci}
 * @param isRdma       whether to expose RDMA devices
 * @param linkType     {@code eth} or {@code ib}
 * @param eSwitchMode  {@code legacy} or {@code switchdev}; null leaves it to the card's owner
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SriovNetworkNodePolicySpec(String resourceName, Map<String, String> nodeSelector, Integer priority,
                                         Integer mtu, Integer numVfs, NicSelector nicSelector, String deviceType,
                                         Boolean isRdma, String linkType, String eSwitchMode) {
}
