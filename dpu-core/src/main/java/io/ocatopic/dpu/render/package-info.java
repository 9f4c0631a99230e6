/**
 * Renderers of a {@link io.ocatopic.dpu.DpuOffloadConfig} into typed Kubernetes objects for the two
 * clusters: the infrastructure cluster on the DPUs (dpu-network-operator's {@code DpuClusterConfig},
 * the {@code env-overrides} ConfigMap, MachineConfigs) and the tenant cluster on the hosts (CNO's
 * {@code hardware-offload-config}, SR-IOV {@code SriovNetworkNodePolicy}), plus node labels.
 *
 * <pre>{@code
 * DpuResources r = DpuRenderer.render(config);
 * r.writeTo(Path.of("out"));
 * }</pre>
 */
package io.ocatopic.dpu.render;
