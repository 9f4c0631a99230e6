/**
 * BlueField-3 through NVIDIA's DOCA Platform Framework (NVIDIA/doca-platform v24.10): the host-cluster
 * objects ({@link io.ocatopic.dpu.dpf.DpfResources}, from {@link io.ocatopic.dpu.DpuOffloadConfig#renderDpf()}),
 * the preflight against the outside world that prevents a failed or bricked provisioning
 * ({@link io.ocatopic.dpu.dpf.DpfPreflight}: PF netdev on each host, BFB URL and checksum), and the provisioning
 * status explained per host with DPF's documented recovery ({@link io.ocatopic.dpu.dpf.DpfStatus}). No DOCA
 * library is used (see {@link io.ocatopic.dpu}).
 *
 * <pre>{@code
 * DpfPreflight.check(config, facts, Optional.empty()).forEach(System.err::println);   // offline first
 * config.renderDpf().writeTo(Path.of("out"));
 * DpfStatus.read(client, "dpf-operator-system", hosts, Instant.now(), Duration.ofMinutes(30));
 * }</pre>
 */
package io.ocatopic.dpu.dpf;
