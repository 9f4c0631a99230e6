package io.ocatopic.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.internal.GetterBuffers;
import io.ocatopic.nvml.internal.NvmlLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One GPU of an {@link Nvml} session: identity, telemetry and the MIG calls. Profile arguments follow
 * nvml.h: {@link #gpuInstanceProfile(int)} takes the profile <em>enum</em>
 * ({@code NVML_GPU_INSTANCE_PROFILE_*}); every other call takes the profile <em>id</em> it returned.
 *
 * <pre>{@code
 * NvmlDevice d = nvml.device(0);
 * ProfileInfo p = d.gpuInstanceProfile(NvmlDevice.PROFILE_3_SLICE).orElseThrow();
 * NvmlGpuInstance gi = d.createGpuInstance(p.id(), 4);
 * }</pre>
 *
 * <p>Not thread-safe: the hot getters reuse this object's native buffers.
 */
public final class NvmlDevice {
    /** {@code NVML_GPU_INSTANCE_PROFILE_1_SLICE}. */
    public static final int PROFILE_1_SLICE = 0x0;
    /** {@code NVML_GPU_INSTANCE_PROFILE_3_SLICE}. */
    public static final int PROFILE_3_SLICE = 0x2;
    /** {@code NVML_GPU_INSTANCE_PROFILE_COUNT}: enums run from 0 to this, exclusive. */
    public static final int PROFILE_COUNT = 0x12;
    /** {@code NVML_TEMPERATURE_GPU}. */
    public static final int TEMPERATURE_GPU = 0;

    private final Nvml nvml;
    private final int index;
    private final Pointer handle;
    private final long address;
    private final GetterBuffers buffers = new GetterBuffers();

    NvmlDevice(Nvml nvml, int index, Pointer handle) {
        this.nvml = nvml;
        this.index = index;
        this.handle = handle;
        this.address = Pointer.nativeValue(handle);
    }

    /** PCI identity ({@code nvmlPciInfo_t}). @param busId domain:bus:device.function @param domain PCI domain
     * @param bus PCI bus @param device PCI device @param pciDeviceId combined device and vendor id, e.g. 0x20B010DE
     * @param pciSubSystemId sub-system id */
    public record PciInfo(String busId, int domain, int bus, int device, int pciDeviceId, int pciSubSystemId) {
    }

    /** Frame-buffer memory in bytes ({@code nvmlMemory_t}). @param totalBytes total @param freeBytes free
     * @param usedBytes used */
    public record MemoryInfo(long totalBytes, long freeBytes, long usedBytes) {
    }

    /** MIG mode. @param current the active mode (1 enabled) @param pending the mode after the next reset */
    public record MigMode(int current, int pending) {
        /**
         * Returns whether MIG is enabled now.
         *
         * @return whether MIG is enabled now
         */
        public boolean enabled() {
            return current == 1;
        }
    }

    /**
     * {@code nvmlGpuInstanceProfileInfo_t}.
     *
     * @param profileEnum         the enum this was read for
     * @param id                  the profile id every other call takes
     * @param sliceCount          compute slices
     * @param instanceCount       maximum number of instances
     * @param multiprocessorCount SMs
     * @param copyEngineCount     copy engines
     * @param decoderCount        decoders
     * @param encoderCount        encoders
     * @param jpegCount           JPEG engines
     * @param ofaCount            OFA engines
     * @param memorySizeMB        memory in MiB
     */
    public record ProfileInfo(int profileEnum, int id, int sliceCount, int instanceCount, int multiprocessorCount,
                              int copyEngineCount, int decoderCount, int encoderCount, int jpegCount, int ofaCount,
                              long memorySizeMB) {
    }

    /** {@code nvmlGpuInstancePlacement_t}. @param start first memory slice @param size memory slices */
    public record Placement(int start, int size) {
    }

    /**
     * Returns the device's NVML index.
     *
     * @return the NVML index
     */
    public int index() {
        return index;
    }

    Pointer handle() {
        return handle;
    }

    Nvml nvml() {
        return nvml;
    }

    /**
     * Returns the device's product name.
     *
     * @return the product name ({@code nvmlDeviceGetName})
     */
    public String name() {
        byte[] buf = new byte[NvmlLayout.NAME_BUFFER_SIZE];
        nvml.check("nvmlDeviceGetName", nvml.api().nvmlDeviceGetName(handle, buf, buf.length));
        return Native.toString(buf, StandardCharsets.US_ASCII.name());
    }

    /**
     * Returns the device's UUID.
     *
     * @return the UUID ({@code nvmlDeviceGetUUID})
     */
    public String uuid() {
        byte[] buf = new byte[NvmlLayout.NAME_BUFFER_SIZE];
        nvml.check("nvmlDeviceGetUUID", nvml.api().nvmlDeviceGetUUID(handle, buf, buf.length));
        return Native.toString(buf, StandardCharsets.US_ASCII.name());
    }

    /**
     * Returns the device's PCI identity.
     *
     * @return PCI identity ({@code nvmlDeviceGetPciInfo_v3})
     */
    public PciInfo pciInfo() {
        try (Memory m = new Memory(NvmlLayout.PCI_INFO_SIZE)) {
            m.clear();
            nvml.check("nvmlDeviceGetPciInfo_v3", nvml.api().nvmlDeviceGetPciInfo_v3(handle, m));
            return new PciInfo(m.getString(36, StandardCharsets.US_ASCII.name()), m.getInt(16), m.getInt(20),
                    m.getInt(24), m.getInt(NvmlLayout.PCI_INFO_DEVICE_ID_OFFSET), m.getInt(32));
        }
    }

    /**
     * Returns the device's memory usage.
     *
     * @return memory usage ({@code nvmlDeviceGetMemoryInfo}, a hot getter)
     */
    public MemoryInfo memory() {
        nvml.check("nvmlDeviceGetMemoryInfo", buffers.memoryInfo(nvml.hot(), address));
        return new MemoryInfo(buffers.memory(0), buffers.memory(8), buffers.memory(16));
    }

    /**
     * Memory used, in bytes, without allocating.
     *
     * @return used bytes
     */
    public long memoryUsedBytes() {
        nvml.check("nvmlDeviceGetMemoryInfo", buffers.memoryInfo(nvml.hot(), address));
        return buffers.memory(16);
    }

    /**
     * GPU utilisation in percent ({@code nvmlDeviceGetUtilizationRates}); not supported on MIG-enabled GPUs.
     *
     * @return the GPU utilisation, empty when the device does not support the query
     */
    public Optional<Integer> gpuUtilization() {
        int rc = buffers.utilizationRates(nvml.hot(), address);
        if (rc == NvmlException.Code.NOT_SUPPORTED.code()) {
            return Optional.empty();
        }
        nvml.check("nvmlDeviceGetUtilizationRates", rc);
        return Optional.of(buffers.scratch());
    }

    /**
     * Returns the GPU core temperature in degrees Celsius.
     *
     * @return GPU core temperature in degrees C ({@code nvmlDeviceGetTemperature}, sensor GPU)
     */
    public int temperatureCelsius() {
        nvml.check("nvmlDeviceGetTemperature", buffers.temperature(nvml.hot(), address));
        return buffers.scratch();
    }

    /**
     * Returns the board power in milliwatts.
     *
     * @return board power in milliwatts ({@code nvmlDeviceGetPowerUsage})
     */
    public int powerMilliwatts() {
        nvml.check("nvmlDeviceGetPowerUsage", buffers.powerUsage(nvml.hot(), address));
        return buffers.scratch();
    }

    /**
     * Returns the current and pending MIG mode.
     *
     * @return current and pending MIG mode ({@code nvmlDeviceGetMigMode})
     */
    public MigMode migMode() {
        int[] cur = new int[1];
        int[] pending = new int[1];
        nvml.check("nvmlDeviceGetMigMode", NvmlDirect.nvmlDeviceGetMigMode(handle, cur, pending));
        return new MigMode(cur[0], pending[0]);
    }

    /**
     * Sets MIG mode ({@code nvmlDeviceSetMigMode}); needs root and may need a GPU reset on Ampere.
     *
     * @param enabled the mode to set
     * @return the activation status the driver reported
     */
    public NvmlException.Code setMigMode(boolean enabled) {
        int[] status = new int[1];
        nvml.check("nvmlDeviceSetMigMode", nvml.api().nvmlDeviceSetMigMode(handle, enabled ? 1 : 0, status));
        return NvmlException.Code.of(status[0]);
    }

    /**
     * Reads one GPU instance profile ({@code nvmlDeviceGetGpuInstanceProfileInfo}).
     *
     * @param profileEnum {@code NVML_GPU_INSTANCE_PROFILE_*} value
     * @return the profile, empty when the device does not have it ({@code NOT_SUPPORTED})
     * @throws NvmlException {@code INVALID_ARGUMENT} past the last enum the driver knows
     */
    public Optional<ProfileInfo> gpuInstanceProfile(int profileEnum) {
        try (Memory m = new Memory(NvmlLayout.GPU_INSTANCE_PROFILE_INFO_SIZE)) {
            m.clear();
            int rc = nvml.api().nvmlDeviceGetGpuInstanceProfileInfo(handle, profileEnum, m);
            if (rc == NvmlException.Code.NOT_SUPPORTED.code()) {
                return Optional.empty();
            }
            nvml.check("nvmlDeviceGetGpuInstanceProfileInfo", rc);
            return Optional.of(new ProfileInfo(profileEnum, m.getInt(0), m.getInt(8), m.getInt(12), m.getInt(16),
                    m.getInt(20), m.getInt(24), m.getInt(28), m.getInt(32), m.getInt(36),
                    m.getLong(NvmlLayout.GPU_INSTANCE_PROFILE_INFO_MEMORY_OFFSET)));
        }
    }

    /**
     * Every GPU instance profile the device has, enum 0 up to {@link #PROFILE_COUNT} or the first
     * {@code INVALID_ARGUMENT}.
     *
     * @return the profiles
     */
    public List<ProfileInfo> gpuInstanceProfiles() {
        List<ProfileInfo> out = new ArrayList<>();
        for (int e = 0; e < PROFILE_COUNT; e++) {
            try {
                gpuInstanceProfile(e).ifPresent(out::add);
            } catch (NvmlException ex) {
                if (ex.code() == NvmlException.Code.INVALID_ARGUMENT) {
                    break;
                }
                throw ex;
            }
        }
        return List.copyOf(out);
    }

    /**
     * Possible placements of a profile ({@code nvmlDeviceGetGpuInstancePossiblePlacements_v2}).
     *
     * @param profileId the profile id ({@link ProfileInfo#id()})
     * @return the placements
     */
    public List<Placement> possiblePlacements(int profileId) {
        int[] count = new int[1];
        nvml.check("nvmlDeviceGetGpuInstancePossiblePlacements_v2",
                nvml.api().nvmlDeviceGetGpuInstancePossiblePlacements_v2(handle, profileId, null, count));
        if (count[0] == 0) {
            return List.of();
        }
        try (Memory m = new Memory((long) NvmlLayout.PLACEMENT_SIZE * count[0])) {
            nvml.check("nvmlDeviceGetGpuInstancePossiblePlacements_v2",
                    nvml.api().nvmlDeviceGetGpuInstancePossiblePlacements_v2(handle, profileId, m, count));
            List<Placement> out = new ArrayList<>(count[0]);
            for (int i = 0; i < count[0]; i++) {
                out.add(new Placement(m.getInt(8L * i), m.getInt(8L * i + 4)));
            }
            return List.copyOf(out);
        }
    }

    /**
     * How many more instances of a profile fit now ({@code nvmlDeviceGetGpuInstanceRemainingCapacity}).
     *
     * @param profileId the profile id
     * @return the count
     */
    public int remainingCapacity(int profileId) {
        int[] count = new int[1];
        nvml.check("nvmlDeviceGetGpuInstanceRemainingCapacity",
                nvml.api().nvmlDeviceGetGpuInstanceRemainingCapacity(handle, profileId, count));
        return count[0];
    }

    /**
     * Creates a GPU instance at an explicit placement ({@code nvmlDeviceCreateGpuInstanceWithPlacement}).
     *
     * @param profileId the profile id
     * @param start     first memory slice
     * @param size      memory slices (the profile's placement size)
     * @return the new instance
     */
    public NvmlGpuInstance createGpuInstance(int profileId, int start, int size) {
        try (Memory placement = new Memory(NvmlLayout.PLACEMENT_SIZE); Memory out = new Memory(8)) {
            placement.setInt(0, start);
            placement.setInt(4, size);
            nvml.check("nvmlDeviceCreateGpuInstanceWithPlacement",
                    nvml.api().nvmlDeviceCreateGpuInstanceWithPlacement(handle, profileId, placement, out));
            return new NvmlGpuInstance(this, out.getPointer(0));
        }
    }

    /**
     * Creates a GPU instance where the driver chooses ({@code nvmlDeviceCreateGpuInstance}).
     *
     * @param profileId the profile id
     * @return the new instance
     */
    public NvmlGpuInstance createGpuInstance(int profileId) {
        try (Memory out = new Memory(8)) {
            nvml.check("nvmlDeviceCreateGpuInstance", nvml.api().nvmlDeviceCreateGpuInstance(handle, profileId, out));
            return new NvmlGpuInstance(this, out.getPointer(0));
        }
    }

    /**
     * The GPU instances of one profile ({@code nvmlDeviceGetGpuInstances}).
     *
     * @param profileId the profile id
     * @param max       the profile's instance count (array size)
     * @return the instances
     */
    public List<NvmlGpuInstance> gpuInstances(int profileId, int max) {
        int[] count = {Math.max(1, max)};
        try (Memory arr = new Memory(8L * count[0])) {
            nvml.check("nvmlDeviceGetGpuInstances", nvml.api().nvmlDeviceGetGpuInstances(handle, profileId, arr, count));
            List<NvmlGpuInstance> out = new ArrayList<>(count[0]);
            for (int i = 0; i < count[0]; i++) {
                out.add(new NvmlGpuInstance(this, arr.getPointer(8L * i)));
            }
            return List.copyOf(out);
        }
    }

    /**
     * Every GPU instance on the device, over all profiles the device has.
     *
     * @return the instances
     */
    public List<NvmlGpuInstance> gpuInstances() {
        List<NvmlGpuInstance> out = new ArrayList<>();
        for (ProfileInfo p : gpuInstanceProfiles()) {
            out.addAll(gpuInstances(p.id(), p.instanceCount()));
        }
        return List.copyOf(out);
    }

    /**
     * A GPU instance by id ({@code nvmlDeviceGetGpuInstanceById}).
     *
     * @param id the instance id
     * @return the instance
     */
    public NvmlGpuInstance gpuInstanceById(int id) {
        try (Memory out = new Memory(8)) {
            nvml.check("nvmlDeviceGetGpuInstanceById", nvml.api().nvmlDeviceGetGpuInstanceById(handle, id, out));
            return new NvmlGpuInstance(this, out.getPointer(0));
        }
    }
}
