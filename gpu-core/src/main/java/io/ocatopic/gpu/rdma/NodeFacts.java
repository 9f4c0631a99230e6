package io.ocatopic.gpu.rdma;

/**
 * What RDMA readiness depends on, as observed on a node.
 *
 * @param node          node name
 * @param kernelModule  the NVIDIA kernel module flavour
 * @param cudaVersion   the driver's CUDA version ({@code nvidia-smi} header), e.g. {@code 12.4}
 * @param architecture  the GPU architecture
 * @param kernelVersion {@code uname -r}, e.g. {@code 5.14.0-427.13.1.el9_4.x86_64}
 * @param mofed         where MOFED comes from
 * <pre>{@code
 * new NodeFacts("worker-0", KernelModuleType.OPEN, "12.4", GpuArchitecture.HOPPER, "5.14.0-427.el9.x86_64", MofedSource.NONE)
 * }</pre>
 */
public record NodeFacts(String node, KernelModuleType kernelModule, String cudaVersion, GpuArchitecture architecture,
                        String kernelVersion, MofedSource mofed) {
}
