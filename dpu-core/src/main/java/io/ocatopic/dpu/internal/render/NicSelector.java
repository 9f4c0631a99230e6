package io.ocatopic.dpu.internal.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code SriovNetworkNodePolicy.spec.nicSelector} (k8snetworkplumbingwg/sriov-network-operator
 * {@code api/v1/sriovnetworknodepolicy_types.go}).
 *
 * <pre>{@code
 * new NicSelector("15b3", "a2d6", null, List.of("ens1f0#0-0"), null);
 * }</pre>
 *
 * @param vendor      the PCI vendor id
 * @param deviceID    the PCI device id of the PF
 * @param rootDevices PF PCI addresses
 * @param pfNames     PF netdev names, with an optional {@code #first-last} VF range
 * @param netFilter   a network filter (for example {@code openstack/NetworkID:...})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NicSelector(String vendor, String deviceID, List<String> rootDevices, List<String> pfNames,
                          String netFilter) {
}
