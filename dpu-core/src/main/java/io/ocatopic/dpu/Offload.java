package io.ocatopic.dpu;

/**
 * Offloads a DPU configuration can ask for.
 *
 * <pre>{@code
 * builder.offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE);
 * }</pre>
 */
public enum Offload {
    /** Open vSwitch datapath offload to the eswitch ({@code other_config:hw-offload=true}). */
    OVS_HW_OFFLOAD,
    /** IPsec crypto offload on the VFs (devlink port function cap {@code ipsec_crypto}). */
    IPSEC_CRYPTO,
    /** IPsec packet (full) offload on the VFs (devlink port function cap {@code ipsec_packet}). */
    IPSEC_PACKET,
    /** RDMA over Converged Ethernet on the VFs (devlink port function cap {@code roce}). */
    ROCE
}
