/**
 * BlueField DPUs from one configuration, two generations: {@link io.ocatopic.dpu.DpuOffloadConfig} describes
 * the DPU/host pairs, cards, VFs and offloads once; each node goes to its control path
 * ({@link io.ocatopic.dpu.DpuNode.Target}): BlueField-2 (and any BlueField-3 so chosen) to the shared-OVN design of
 * openshift/dpu-network-operator ({@code .render()}, {@link io.ocatopic.dpu.render.DpuResources}), BlueField-3 to
 * NVIDIA's DOCA Platform Framework when {@link io.ocatopic.dpu.DpfSettings} are given ({@code .renderDpf()},
 * {@link io.ocatopic.dpu.dpf}). A configuration that would brick a card or cannot work (a flavor too big for the
 * card's memory, DPF on a BlueField-2, two DPUs on one host, a BFB URL DPF cannot download) does not build.
 *
 * <p><b>What of DOCA the SDK covers, and what not.</b> There is no DOCA library on ocatopic's build and test
 * machines and no Java binding of DOCA anywhere, so ocatopic does not link DOCA. It covers: the DPF
 * Kubernetes API (provisioning {@code BFB}/{@code DPUFlavor}/{@code DPUSet}/{@code DPUCluster}, the DPU
 * service objects, {@code DPFOperatorConfig}; checked against DPF's CRDs), DPF's provisioning status, and on
 * the shared-OVN path the card itself through the kernel's devlink (eswitch mode, VF count, port function
 * caps: {@link io.ocatopic.dpu.card.CardPlan}), which is the hardware path for BlueField-2. It does not cover
 * {@code libdoca_flow}, {@code libdoca_dpa}, DOCA Comch/RDMA/DMA or any other DOCA SDK library, DOCA
 * services' own configuration beyond their Helm values, firmware ({@code mlxconfig}/{@code mstflint}:
 * DPF's flavor {@code nvconfig} does that on DPF nodes) or rshim; use NVIDIA's tools for those.
 *
 * <pre>{@code
 * DpuOffloadConfig cfg = DpuOffloadConfig.builder("infra", "tenant")
 *         .node("dpu-0", "host-0", new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
 *         .node("dpu-3", "host-3", new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty())
 *                 .withMemoryGiB(32))
 *         .numVfs(8).offloads(Offload.OVS_HW_OFFLOAD)
 *         .dpf(DpfSettings.builder(bfbUrl, "https://10.0.0.10:6443", "10.0.0.100", "br-dpu").build())
 *         .build();
 * cfg.render().writeTo(Path.of("out"));      // shared OVN (host-0)
 * cfg.renderDpf().writeTo(Path.of("out"));   // DPF (host-3); apply with Applier.serverDryRun() first
 * }</pre>
 */
package io.ocatopic.dpu;
