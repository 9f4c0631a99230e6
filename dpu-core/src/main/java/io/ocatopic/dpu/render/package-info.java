/**
 * Renderers of a {@link io.ocatopic.dpu.DpuOffloadConfig} into typed Kubernetes objects for the two
 * clusters: the infrastructure cluster on the DPUs (dpu-network-operator's {@code DpuClusterConfig},
 * the {@code env-overrides} ConfigMap; no MachineConfigs, the operator ships them, see
 * {@link io.ocatopic.dpu.render.DpuRenderer}) and the tenant cluster on the hosts (CNO's
 * {@code hardware-offload-config}, SR-IOV {@code SriovNetworkNodePolicy} for dpu-host and smart-NIC
 * hosts), plus node labels; and the admission rules of the consuming operators that no CRD schema
 * states ({@link io.ocatopic.dpu.render.DpuPoolSelectorRule}, {@link io.ocatopic.dpu.render.MgmtPortVfRule}).
 *
 * <pre>{@code
 * DpuResources r = DpuRenderer.render(config);
 * r.writeTo(Path.of("out"));
 * }</pre>
 */
package io.ocatopic.dpu.render;
