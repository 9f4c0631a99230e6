package io.ocatopic.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA interface mapping of the NVML calls that are not hot. Symbols are resolved on first call, so a
 * driver that lacks one function fails only that call ({@code FUNCTION_NOT_FOUND}). Versioned names are
 * the exported ones (nvml.h {@code #define nvmlInit nvmlInit_v2} etc.).
 */
interface NvmlApi extends Library {
    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlDeviceGetHandleByIndex_v2(int index, Pointer device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetPciInfo_v3(Pointer device, Pointer pci);

    int nvmlDeviceSetMigMode(Pointer device, int mode, int[] activationStatus);

    int nvmlDeviceGetGpuInstanceProfileInfo(Pointer device, int profile, Pointer info);

    int nvmlDeviceGetGpuInstancePossiblePlacements_v2(Pointer device, int profileId, Pointer placements, int[] count);

    int nvmlDeviceGetGpuInstanceRemainingCapacity(Pointer device, int profileId, int[] count);

    int nvmlDeviceCreateGpuInstance(Pointer device, int profileId, Pointer gpuInstance);

    int nvmlDeviceCreateGpuInstanceWithPlacement(Pointer device, int profileId, Pointer placement, Pointer gpuInstance);

    int nvmlDeviceGetGpuInstances(Pointer device, int profileId, Pointer gpuInstances, int[] count);

    int nvmlDeviceGetGpuInstanceById(Pointer device, int id, Pointer gpuInstance);

    int nvmlGpuInstanceGetInfo(Pointer gpuInstance, Pointer info);

    int nvmlGpuInstanceGetComputeInstanceProfileInfo(Pointer gpuInstance, int profile, int engProfile, Pointer info);

    int nvmlGpuInstanceCreateComputeInstance(Pointer gpuInstance, int profileId, Pointer computeInstance);

    int nvmlGpuInstanceGetComputeInstances(Pointer gpuInstance, int profileId, Pointer computeInstances, int[] count);

    int nvmlGpuInstanceDestroy(Pointer gpuInstance);

    int nvmlComputeInstanceGetInfo_v2(Pointer computeInstance, Pointer info);

    int nvmlComputeInstanceDestroy(Pointer computeInstance);
}
