package io.ocatopic.dpu;

/**
 * BlueField modes of operation (NVIDIA BlueField BSP "Modes of Operation"; mstconfig attributes as the
 * SR-IOV network operator reads them, {@code pkg/vendors/mellanox/mellanox.go}).
 *
 * <pre>{@code
 * builder.mode(DpuMode.DPU);
 * }</pre>
 */
public enum DpuMode {
    /** DPU / ECPF: INTERNAL_CPU_MODEL=EMBEDDED_CPU, page supplier, eswitch manager and IB vport0 = ECPF, offload engine ENABLED. */
    DPU,
    /** NIC mode: EXT_HOST_PF for all, offload engine DISABLED; the Arm cores do not own the eswitch. */
    NIC,
    /** Separated host (INTERNAL_CPU_MODEL=SEPARATED_HOST): only in old BSPs (dropped from BSP 3.9.5 and 4.5.x). */
    SEPARATED_HOST
}
