package io.ocatopic.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.internal.NvmlLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A MIG GPU instance ({@code nvmlGpuInstance_t}).
 *
 * <pre>{@code
 * GpuInstanceInfo info = gi.info();   // id, profile id, placement
 * gi.createComputeInstance(gi.computeInstanceProfile(NvmlGpuInstance.CI_PROFILE_FULL_3).id());
 * }</pre>
 */
public final class NvmlGpuInstance {
    /** Compute-instance profile ids are below this (nvml.h: NVML_COMPUTE_INSTANCE_PROFILE_COUNT is 10 today). */
    private static final int MAX_COMPUTE_PROFILE_ID = 16;

    /** {@code NVML_COMPUTE_INSTANCE_PROFILE_3_SLICE}; 1,2,3,4,7 slices are enums 0,1,2,3,4. */
    public static final int CI_PROFILE_FULL_3 = 0x2;

    private final NvmlDevice device;
    private final Pointer handle;

    NvmlGpuInstance(NvmlDevice device, Pointer handle) {
        this.device = device;
        this.handle = handle;
    }

    /** {@code nvmlGpuInstanceInfo_t}. @param id instance id @param profileId profile id
     * @param start first memory slice @param size memory slices */
    public record GpuInstanceInfo(int id, int profileId, int start, int size) {
    }

    /** {@code nvmlComputeInstanceProfileInfo_t} (first fields). @param id profile id @param sliceCount
     * compute slices @param instanceCount max instances @param multiprocessorCount SMs */
    public record ComputeProfileInfo(int id, int sliceCount, int instanceCount, int multiprocessorCount) {
    }

    /**
     * Returns the device this instance is on.
     *
     * @return the device this instance is on
     */
    public NvmlDevice device() {
        return device;
    }

    /**
     * Returns the instance's id, profile and placement.
     *
     * @return id, profile and placement ({@code nvmlGpuInstanceGetInfo})
     */
    public GpuInstanceInfo info() {
        try (Memory m = new Memory(NvmlLayout.GPU_INSTANCE_INFO_SIZE)) {
            device.nvml().check("nvmlGpuInstanceGetInfo", device.nvml().api().nvmlGpuInstanceGetInfo(handle, m));
            int p = NvmlLayout.GPU_INSTANCE_INFO_PLACEMENT_OFFSET;
            return new GpuInstanceInfo(m.getInt(8), m.getInt(12), m.getInt(p), m.getInt(p + 4));
        }
    }

    /**
     * A compute instance profile ({@code nvmlGpuInstanceGetComputeInstanceProfileInfo}, engine profile
     * shared).
     *
     * @param profileEnum {@code NVML_COMPUTE_INSTANCE_PROFILE_*}
     * @return the profile
     */
    public ComputeProfileInfo computeInstanceProfile(int profileEnum) {
        try (Memory m = new Memory(NvmlLayout.COMPUTE_INSTANCE_PROFILE_INFO_SIZE)) {
            m.clear();
            device.nvml().check("nvmlGpuInstanceGetComputeInstanceProfileInfo",
                    device.nvml().api().nvmlGpuInstanceGetComputeInstanceProfileInfo(handle, profileEnum, 0, m));
            return new ComputeProfileInfo(m.getInt(0), m.getInt(4), m.getInt(8), m.getInt(12));
        }
    }

    /**
     * Creates a compute instance ({@code nvmlGpuInstanceCreateComputeInstance}).
     *
     * @param profileId the compute profile id
     * @return the compute instance
     */
    public NvmlComputeInstance createComputeInstance(int profileId) {
        try (Memory out = new Memory(8)) {
            device.nvml().check("nvmlGpuInstanceCreateComputeInstance",
                    device.nvml().api().nvmlGpuInstanceCreateComputeInstance(handle, profileId, out));
            return new NvmlComputeInstance(this, out.getPointer(0));
        }
    }

    /**
     * The compute instances of one profile ({@code nvmlGpuInstanceGetComputeInstances}).
     *
     * @param profileId the compute profile id
     * @param max       array size
     * @return the compute instances
     */
    public List<NvmlComputeInstance> computeInstances(int profileId, int max) {
        int[] count = {Math.max(1, max)};
        try (Memory arr = new Memory(8L * count[0])) {
            device.nvml().check("nvmlGpuInstanceGetComputeInstances",
                    device.nvml().api().nvmlGpuInstanceGetComputeInstances(handle, profileId, arr, count));
            List<NvmlComputeInstance> out = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                out.add(new NvmlComputeInstance(this, arr.getPointer(8L * i)));
            }
            return List.copyOf(out);
        }
    }

    /**
     * Every compute instance of this GPU instance, over all compute-instance profile ids the driver may
     * use (nvml.h defines 1, 2, 3, 4, 7, 8 and 6 slices and the REV1/REV2 variants, below 16); ids a
     * driver does not know answer NOT_SUPPORTED or INVALID_ARGUMENT and are skipped.
     *
     * @return the compute instances
     */
    public List<NvmlComputeInstance> computeInstances() {
        List<NvmlComputeInstance> out = new ArrayList<>();
        for (int p = 0; p < MAX_COMPUTE_PROFILE_ID; p++) {
            try {
                out.addAll(computeInstances(p, 8));
            } catch (NvmlException e) {
                if (e.code() != NvmlException.Code.NOT_SUPPORTED && e.code() != NvmlException.Code.INVALID_ARGUMENT) {
                    throw e;
                }
            }
        }
        return List.copyOf(out);
    }

    /** Destroys this instance ({@code nvmlGpuInstanceDestroy}); {@code IN_USE} while compute instances exist. */
    public void destroy() {
        device.nvml().check("nvmlGpuInstanceDestroy", device.nvml().api().nvmlGpuInstanceDestroy(handle));
    }
}
