/**
 * NVML over JNA: {@link io.ocatopic.nvml.Nvml} opens a session, {@link io.ocatopic.nvml.NvmlDevice} reads
 * identity, telemetry and MIG state and creates GPU instances ({@link io.ocatopic.nvml.NvmlGpuInstance},
 * {@link io.ocatopic.nvml.NvmlComputeInstance}) at explicit placements. Every failing call raises
 * {@link io.ocatopic.nvml.NvmlException} with a typed {@link io.ocatopic.nvml.NvmlException.Code}.
 *
 * <p>JNA loads the library and makes every call but the four hot telemetry getters (memory, utilisation,
 * temperature, power), which go through JNI trampolines compiled into this jar for the build platform:
 * a JNA call costs about 200 ns, a JNI call about 10 ns. Where the trampolines cannot load (another
 * platform, a {@code noexec} temporary directory) or {@value io.ocatopic.nvml.Nvml#JNI_PROPERTY} is
 * {@code false}, those getters use JNA direct mapping instead; {@link io.ocatopic.nvml.Nvml#getterBinding()}
 * says which.
 */
package io.ocatopic.nvml;
