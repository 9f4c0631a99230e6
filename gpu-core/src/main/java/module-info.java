/**
 * ocatopic gpu-core: {@link io.ocatopic.gpu.GpuPartitioner} plans MIG layouts across a fleet, renders them
 * for the GPU operator, applies a node's part through NVML, renders vGPU settings and checks GPUDirect RDMA
 * readiness. Only {@code io.ocatopic.gpu} is API; {@code io.ocatopic.gpu.internal} and its sub-packages
 * (the planner, the renderers, the NVML and sysfs code) may change in any release.
 *
 * <p>Jackson binds the fleet file and the ClusterPolicy and HyperConverged fragments, and fabric8 reflects
 * on the two custom resources, so {@code io.ocatopic.gpu} is open to them.
 */
module io.ocatopic.gpu {
    requires transitive io.ocatopic.kube;
    requires transitive io.ocatopic.nativebindings;
    requires transitive com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.ocatopic.gpu;

    opens io.ocatopic.gpu to com.fasterxml.jackson.databind, kubernetes.client.api, kubernetes.model.common;
}
