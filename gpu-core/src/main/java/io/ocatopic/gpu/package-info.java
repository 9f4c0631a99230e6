/**
 * GPU partitioning: {@link io.ocatopic.gpu.GpuPartitioner} plans MIG layouts across a
 * {@link io.ocatopic.gpu.Fleet} for {@link io.ocatopic.gpu.Demand}s into a {@link io.ocatopic.gpu.MigPlan}
 * (the dry run), renders it for the GPU operator ({@link io.ocatopic.gpu.ClusterPolicy}, the MIG manager's
 * ConfigMap) and applies a node's part through NVML; it renders vGPU settings
 * ({@link io.ocatopic.gpu.VgpuSetup}, {@link io.ocatopic.gpu.HyperConverged}) and checks GPUDirect RDMA
 * readiness ({@link io.ocatopic.gpu.NodeFacts}, {@link io.ocatopic.gpu.RdmaReport});
 * {@link io.ocatopic.gpu.GpuException} is the module's one exception.
 */
package io.ocatopic.gpu;
