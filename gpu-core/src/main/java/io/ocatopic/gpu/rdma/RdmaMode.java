package io.ocatopic.gpu.rdma;

/**
 * How GPUDirect RDMA registers GPU memory with the NIC.
 *
 * <pre>{@code
 * if (report.recommended() == RdmaMode.DMA_BUF) { ... }
 * }</pre>
 */
public enum RdmaMode {
    /** The Linux kernel's DMA-BUF (recommended by NVIDIA). */
    DMA_BUF,
    /** The legacy nvidia-peermem kernel module with MOFED. */
    PEERMEM,
    /** Neither path is ready on this node. */
    NOT_READY
}
