package io.ocatopic.gpu.internal.mig;

import java.util.List;

/**
 * One GPU instance profile of one GPU model.
 *
 * @param name          profile name as nvidia-smi and mig-parted print it, e.g. {@code 3g.20gb}
 * @param profileEnum   {@code NVML_GPU_INSTANCE_PROFILE_*} value (what nvmlDeviceGetGpuInstanceProfileInfo takes)
 * @param profileId     the smi profile id (what every other NVML call takes; read from the device at runtime)
 * @param computeSlices compute (SM) slices
 * @param size          memory slices one placement occupies
 * @param maxInstances  {@code instanceCount}: the most instances of this profile on one GPU
 * @param starts        allowed placement starts, in memory slices
 * <pre>{@code
 * MigProfile p = catalog.model("A100-40GB").orElseThrow().profile("3g.20gb").orElseThrow();
 * }</pre>
 */
public record MigProfile(String name, int profileEnum, int profileId, int computeSlices, int size, int maxInstances,
                         List<Integer> starts) {
    /**
     * Validates and copies.
     *
     * @param name see the record component
     * @param profileEnum see the record component
     * @param profileId see the record component
     * @param computeSlices see the record component
     * @param size see the record component
     * @param maxInstances see the record component
     * @param starts see the record component
     */
    public MigProfile {
        starts = List.copyOf(starts);
    }

    /**
     * Whether an instance may start at a slice.
     *
     * @param start memory slice
     * @return whether it is an allowed start
     */
    public boolean allowsStart(int start) {
        return starts.contains(start);
    }

    /** @return the memory-slice mask of an instance at {@code start} */
    int mask(int start) {
        return ((1 << size) - 1) << start;
    }
}
