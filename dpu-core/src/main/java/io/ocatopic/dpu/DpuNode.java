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
 *               {@link DpfSettings}, otherwise {@link DpuTarget#SHARED_OVN} ({@link DpuOffloadConfig#targetOf})
 */
public record DpuNode(String name, Optional<String> host, Card card, Optional<DpuTarget> target) {
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
