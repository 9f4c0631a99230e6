package io.ocatopic.dpu;

/**
 * Which control path runs a DPU node.
 *
 * <pre>{@code
 * builder.node(new DpuNode("dpu-3", Optional.of("host-3"), bf3Card, Optional.of(DpuTarget.DPF)));
 * }</pre>
 */
public enum DpuTarget {
    /**
     * The two-cluster shared-OVN design of openshift/dpu-network-operator (BlueField-2 and BlueField-3):
     * {@link io.ocatopic.dpu.render.DpuRenderer}.
     */
    SHARED_OVN,
    /**
     * NVIDIA's DOCA Platform Framework (NVIDIA/doca-platform): the host cluster provisions the DPU (BFB,
     * DPUFlavor, DPUSet) and a DPU cluster runs OVN-Kubernetes offload as a DPUService. BlueField-3 only
     * ({@code docs/release-notes/v24.10.0.md}: "DPUs are Bluefield-3"); {@link io.ocatopic.dpu.dpf.DpfRenderer}.
     */
    DPF
}
