/**
 * GPUDirect RDMA readiness: from node facts, recommend DMA-BUF or the legacy nvidia-peermem path and
 * render the GPU operator's ClusterPolicy settings.
 */
package io.ocatopic.gpu.rdma;
