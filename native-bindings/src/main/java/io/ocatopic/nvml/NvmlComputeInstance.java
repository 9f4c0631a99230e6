package io.ocatopic.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.internal.NvmlLayout;

/**
 * A MIG compute instance ({@code nvmlComputeInstance_t}).
 *
 * <pre>{@code
 * for (NvmlComputeInstance ci : gi.computeInstances()) { ci.destroy(); }
 * }</pre>
 */
public final class NvmlComputeInstance {
    private final NvmlGpuInstance gpuInstance;
    private final Pointer handle;

    NvmlComputeInstance(NvmlGpuInstance gpuInstance, Pointer handle) {
        this.gpuInstance = gpuInstance;
        this.handle = handle;
    }

    /** {@code nvmlComputeInstanceInfo_t}. @param id instance id @param profileId compute profile id
     * @param start first compute slice @param size compute slices */
    public record ComputeInstanceInfo(int id, int profileId, int start, int size) {
    }

    /**
     * Returns the parent GPU instance.
     *
     * @return the parent GPU instance
     */
    public NvmlGpuInstance gpuInstance() {
        return gpuInstance;
    }

    /**
     * Returns the instance's id, profile and placement.
     *
     * @return id, profile and placement ({@code nvmlComputeInstanceGetInfo_v2})
     */
    public ComputeInstanceInfo info() {
        Nvml nvml = gpuInstance.device().nvml();
        try (Memory m = new Memory(NvmlLayout.COMPUTE_INSTANCE_INFO_SIZE)) {
            nvml.check("nvmlComputeInstanceGetInfo_v2", nvml.api().nvmlComputeInstanceGetInfo_v2(handle, m));
            return new ComputeInstanceInfo(m.getInt(16), m.getInt(20), m.getInt(24), m.getInt(28));
        }
    }

    /** Destroys this compute instance ({@code nvmlComputeInstanceDestroy}); {@code IN_USE} while processes run. */
    public void destroy() {
        Nvml nvml = gpuInstance.device().nvml();
        nvml.check("nvmlComputeInstanceDestroy", nvml.api().nvmlComputeInstanceDestroy(handle));
    }
}
