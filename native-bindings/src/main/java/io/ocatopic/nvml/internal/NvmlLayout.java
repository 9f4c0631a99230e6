package io.ocatopic.nvml.internal;

/**
 * Byte layouts of the NVML structs this binding reads and writes, on LP64 Linux. Source: nvml.h
 * (NVIDIA/go-nvml gen/nvml/nvml.h): {@code nvmlGpuInstanceProfileInfo_t} is ten {@code unsigned int}
 * then {@code unsigned long long memorySizeMB}; {@code nvmlGpuInstanceInfo_t} starts with the device
 * pointer; {@code nvmlPciInfo_t} (v3) is {@code char busIdLegacy[16]}, five {@code unsigned int},
 * {@code char busId[32]}. Tests compare these numbers with what gcc lays out in the C test double.
 *
 * <pre>{@code
 * Memory info = new Memory(NvmlLayout.GPU_INSTANCE_PROFILE_INFO_SIZE);
 * }</pre>
 */
public final class NvmlLayout {
    /** sizeof(nvmlGpuInstanceProfileInfo_t). */
    public static final int GPU_INSTANCE_PROFILE_INFO_SIZE = 48;
    /** offsetof(nvmlGpuInstanceProfileInfo_t, memorySizeMB). */
    public static final int GPU_INSTANCE_PROFILE_INFO_MEMORY_OFFSET = 40;
    /** sizeof(nvmlGpuInstancePlacement_t). */
    public static final int PLACEMENT_SIZE = 8;
    /** sizeof(nvmlGpuInstanceInfo_t). */
    public static final int GPU_INSTANCE_INFO_SIZE = 24;
    /** offsetof(nvmlGpuInstanceInfo_t, placement). */
    public static final int GPU_INSTANCE_INFO_PLACEMENT_OFFSET = 16;
    /** sizeof(nvmlComputeInstanceInfo_t). */
    public static final int COMPUTE_INSTANCE_INFO_SIZE = 32;
    /** sizeof(nvmlMemory_t). */
    public static final int MEMORY_SIZE = 24;
    /** sizeof(nvmlPciInfo_t). */
    public static final int PCI_INFO_SIZE = 68;
    /** offsetof(nvmlPciInfo_t, pciDeviceId). */
    public static final int PCI_INFO_DEVICE_ID_OFFSET = 28;
    /** sizeof(nvmlComputeInstanceProfileInfo_t). */
    public static final int COMPUTE_INSTANCE_PROFILE_INFO_SIZE = 36;
    /** NVML_DEVICE_NAME_V2_BUFFER_SIZE / NVML_DEVICE_UUID_V2_BUFFER_SIZE. */
    public static final int NAME_BUFFER_SIZE = 96;

    private NvmlLayout() {
    }
}
