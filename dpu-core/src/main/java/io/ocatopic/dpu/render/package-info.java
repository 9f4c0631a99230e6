/**
 * The rendered shared-OVN resources of a {@link io.ocatopic.dpu.DpuOffloadConfig} for the two clusters
 * ({@link io.ocatopic.dpu.render.DpuResources}): the infrastructure cluster on the DPUs (dpu-network-operator's
 * {@code DpuClusterConfig}, the {@code env-overrides} ConfigMap; no MachineConfigs, the operator ships them) and
 * the tenant cluster on the hosts (CNO's {@code hardware-offload-config}, SR-IOV {@code SriovNetworkNodePolicy}
 * for dpu-host and smart-NIC hosts), plus node labels. The consuming operators' rules that no CRD schema states
 * run in {@code SchemaCheck} (found by ServiceLoader).
 *
 * <pre>{@code
 * DpuResources r = config.render();
 * r.writeTo(Path.of("out"));
 * }</pre>
 */
package io.ocatopic.dpu.render;
