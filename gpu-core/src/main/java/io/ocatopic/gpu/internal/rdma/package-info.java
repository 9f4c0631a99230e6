/** GPUDirect RDMA readiness: the checks behind {@code GpuPartitioner.rdmaReadiness}. Not API. */
package io.ocatopic.gpu.internal.rdma;
