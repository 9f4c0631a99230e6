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
 */
public record DpuNode(String name, Optional<String> host, Card card) {
}
