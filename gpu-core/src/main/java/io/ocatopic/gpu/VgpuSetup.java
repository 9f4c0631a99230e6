package io.ocatopic.gpu;

import java.util.Map;

/**
 * The cluster side of vGPU with the GPU operator, as {@link GpuPartitioner#renderVgpu} renders it: apply
 * both objects as merge patches and label the GPU nodes.
 *
 * @param hyperConverged the HyperConverged fragment ({@code openshift-cnv/kubevirt-hyperconverged})
 * @param clusterPolicy  the ClusterPolicy sandbox and vGPU device manager settings
 * @param nodeLabels     the labels for each GPU node, in order
 * <pre>{@code
 * VgpuSetup s = gp.renderVgpu(List.of("NVIDIA A100-1-5C"), SandboxWorkload.VM_VGPU, "A100-1-5C", "", "");
 * s.nodeLabels().forEach((k, v) -> System.out.println(k + "=" + v));
 * }</pre>
 */
public record VgpuSetup(HyperConverged hyperConverged, ClusterPolicy clusterPolicy, Map<String, String> nodeLabels) {
    /**
     * Copies the labels, keeping their order.
     *
     * @param hyperConverged see the record component
     * @param clusterPolicy  see the record component
     * @param nodeLabels     see the record component
     */
    public VgpuSetup {
        nodeLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeLabels));
    }
}
