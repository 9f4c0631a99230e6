package io.ocatopic.dpu;

/**
 * A tenant host in smart-NIC mode: no DPU of its own, its NIC's eswitch in switchdev mode, and
 * ovnkube-node in {@code full} mode with its management port on a VF of {@code hostPf}, which
 * ovnkube-node requests as the resource CNO's {@code mgmt-port-resource-name} names
 * ({@code openshift.io/mgmtvf}).
 *
 * <pre>{@code
 * builder.smartNicHost(new SmartNicHost("host-worker-2", "ens8f0"));
 * }</pre>
 *
 * @param host   the node name in the tenant cluster
 * @param hostPf the PF's netdev name on the host whose VF becomes the management port ({@code ens8f0})
 */
public record SmartNicHost(String host, String hostPf) {
}
