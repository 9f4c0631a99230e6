/**
 * NVML over JNA: {@link io.ocatopic.nvml.Nvml} opens a session, {@link io.ocatopic.nvml.NvmlDevice} reads
 * identity, telemetry and MIG state and creates GPU instances at explicit placements,
 * {@link io.ocatopic.nvml.TelemetrySampler} samples all devices without per-sample allocation. Every
 * failing call raises {@link io.ocatopic.nvml.NvmlException} with a typed {@link io.ocatopic.nvml.NvmlReturn}.
 */
package io.ocatopic.nvml;
