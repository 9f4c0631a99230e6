package io.ocatopic.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.internal.HotCalls;

/**
 * JNA direct mapping of the hot getters (no reflection, no per-call allocation: callers pass the
 * addresses of their own native buffers), and of the two small calls {@link Nvml} makes itself. It is
 * the fallback {@link HotCalls} when the JNI trampolines of {@link NvmlJni} are unavailable. Direct
 * mapping binds static methods once per class loader, so the library path is fixed by the first
 * {@link #bind(String)}; it is the one piece of static state in this package and only holds which
 * library is bound.
 */
final class NvmlDirect implements HotCalls {
    /** The direct-mapped calls; stateless. */
    static final HotCalls CALLS = new NvmlDirect();

    private static String boundPath;

    private NvmlDirect() {
    }

    static synchronized void bind(String path) {
        if (boundPath == null) {
            Native.register(NvmlDirect.class, NativeLibrary.getInstance(path));
            boundPath = path;
        } else if (!boundPath.equals(path)) {
            throw new IllegalStateException("NVML already bound to another library in this JVM");
        }
    }

    @Override
    public int memoryInfo(long device, long memory) {
        return nvmlDeviceGetMemoryInfo(device, memory);
    }

    @Override
    public int utilizationRates(long device, long utilization) {
        return nvmlDeviceGetUtilizationRates(device, utilization);
    }

    @Override
    public int temperature(long device, int sensor, long temperature) {
        return nvmlDeviceGetTemperature(device, sensor, temperature);
    }

    @Override
    public int powerUsage(long device, long milliwatts) {
        return nvmlDeviceGetPowerUsage(device, milliwatts);
    }

    @Override
    public String binding() {
        return "JNA direct mapping";
    }

    static native int nvmlDeviceGetCount_v2(int[] count);

    static native int nvmlDeviceGetMemoryInfo(long device, long memory);

    static native int nvmlDeviceGetUtilizationRates(long device, long utilization);

    static native int nvmlDeviceGetTemperature(long device, int sensor, long temperature);

    static native int nvmlDeviceGetPowerUsage(long device, long milliwatts);

    static native int nvmlDeviceGetMigMode(Pointer device, int[] current, int[] pending);
}
