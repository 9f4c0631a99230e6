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
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("^v?\\d+(\\.\\d+)*([-+_.~].*)?$");

    /**
     * Validates every field; a fact set that exists can be checked.
     *
     * @param node          see the record component
     * @param kernelModule  see the record component
     * @param cudaVersion   see the record component
     * @param architecture  see the record component
     * @param kernelVersion see the record component
     * @param mofed         see the record component
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public NodeFacts {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (node == null || node.isBlank()) {
            problems.add("node: must not be empty");
        }
        if (kernelModule == null) {
            problems.add("kernelModule: required (open or proprietary)");
        }
        if (architecture == null) {
            problems.add("architecture: required");
        }
        if (mofed == null) {
            problems.add("mofed: required (none, host or network-operator)");
        }
        if (cudaVersion == null || !VERSION.matcher(cudaVersion.trim()).matches()) {
            problems.add("cudaVersion: \"" + cudaVersion + "\" is not a version such as 12.4");
        }
        if (kernelVersion == null || !VERSION.matcher(kernelVersion.trim()).matches()) {
            problems.add("kernelVersion: \"" + kernelVersion + "\" is not a kernel release such as 5.14.0-427.13.1.el9_4.x86_64");
        }
        if (!problems.isEmpty()) {
            throw new io.ocatopic.gpu.GpuException(io.ocatopic.gpu.GpuException.Reason.INVALID, "invalid node facts", problems, null);
        }
    }
}
