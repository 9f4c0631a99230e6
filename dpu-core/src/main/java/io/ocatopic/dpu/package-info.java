/**
 * BlueField DPUs in the shared-OVN design: {@link io.ocatopic.dpu.DpuOffloadConfig} describes the
 * infrastructure cluster on the DPUs, the tenant cluster on the hosts, the DPU/host pairs, cards,
 * VFs and offloads once; {@code .render} turns it into both clusters' resources and {@code .card}
 * sets up each card.
 *
 * <pre>{@code
 * DpuOffloadConfig cfg = DpuOffloadConfig.builder("infra", "tenant")
 *         .node("dpu-0", "host-0", new Card(CardModel.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
 *         .numVfs(8).offloads(Offload.OVS_HW_OFFLOAD)
 *         .build();
 * }</pre>
 */
package io.ocatopic.dpu;
