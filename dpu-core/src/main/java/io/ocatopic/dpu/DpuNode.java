package io.ocatopic.dpu;

import java.util.Optional;

/**
 * A DPU node of the infrastructure cluster, the tenant host it sits in, and its card.
 *
 * <pre>{@code
 * DpuNode n = new DpuNode("dpu-worker-0", Optional.of("host-worker-0"), card);
 * }</pre>
 *
 * @param name the node name in the infrastructure cluster
 * @param host the node name of the host in the tenant cluster (empty: unpaired, which is invalid)
 * @param card the card
 * @param target the control path chosen for it; empty: DPF for a BlueField-3 when the configuration has
 *               {@link DpfSettings}, otherwise {@link Target#SHARED_OVN} ({@link DpuOffloadConfig#targetOf})
 */
public record DpuNode(String name, Optional<String> host, Card card, Optional<Target> target) {
    /**
     * Which control path runs a DPU node.
     *
     * <pre>{@code
     * builder.node(new DpuNode("dpu-3", Optional.of("host-3"), bf3Card, Optional.of(DpuNode.Target.DPF)));
     * }</pre>
     */
    public enum Target {
        /**
         * The two-cluster shared-OVN design of openshift/dpu-network-operator (BlueField-2 and BlueField-3):
         * {@link DpuOffloadConfig#render()}.
         */
        SHARED_OVN,
        /**
         * NVIDIA's DOCA Platform Framework (NVIDIA/doca-platform): the host cluster provisions the DPU (BFB,
         * DPUFlavor, DPUSet) and a DPU cluster runs OVN-Kubernetes offload as a DPUService. BlueField-3 only
         * ({@code docs/release-notes/v24.10.0.md}: "DPUs are Bluefield-3"); {@link DpuOffloadConfig#renderDpf()}.
         */
        DPF
    }

    /**
     * A node whose target follows from its card and the configuration.
     *
     * @param name see the record description
     * @param host see the record description
     * @param card see the record description
     */
    public DpuNode(String name, Optional<String> host, Card card) {
        this(name, host, card, Optional.empty());
    }
}
