package io.ocatopic.gpu;


/**
 * What a GPU node serves: {@code ClusterPolicy.spec.sandboxWorkloads.defaultWorkload} and the node label
 * {@code nvidia.com/gpu.workload.config} (NVIDIA/gpu-operator {@code clusterpolicy_types.go}
 * {@code SandboxWorkloadsSpec}: {@code container|vm-passthrough|vm-vgpu}).
 *
 * <pre>{@code
 * VgpuSetup s = gp.renderVgpu(mdevNames, SandboxWorkload.VM_VGPU, "A100-1-5C", "", "");
 * }</pre>
 */
public enum SandboxWorkload {
    /** Containers (the default). */
    CONTAINER("container"),
    /** Whole GPUs passed through to VMs. */
    VM_PASSTHROUGH("vm-passthrough"),
    /** vGPUs (mediated devices) for VMs. */
    VM_VGPU("vm-vgpu");

    private final String value;

    SandboxWorkload(String value) {
        this.value = value;
    }

    /**
     * Returns the value as the ClusterPolicy and the node label write it.
     *
     * @return the value as the ClusterPolicy and the node label write it
     */
    public String value() {
        return value;
    }
}
