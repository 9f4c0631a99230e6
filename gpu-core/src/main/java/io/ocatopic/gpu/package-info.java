/**
 * GPU partitioning: {@link io.ocatopic.gpu.GpuPartitioner} plans MIG layouts across a fleet, renders them
 * and applies them through NVML; {@link io.ocatopic.gpu.GpuException} is the module's one exception.
 */
package io.ocatopic.gpu;
