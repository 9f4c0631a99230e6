package io.ocatopic.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of the hot getters (no reflection, no per-call allocation when callers reuse their
 * buffers). Out-parameters of the hot getters are preallocated native buffers ({@link Pointer}), not Java
 * arrays: JNA copies an array in and out on every call, which costs about half again the call itself. Direct mapping binds static methods once per class loader, so the library path is fixed by
 * the first {@link #bind(String)}; it is the one piece of static state in this package and only holds
 * which library is bound.
 */
final class NvmlDirect {
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

    static native int nvmlDeviceGetCount_v2(int[] count);

    static native int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

    static native int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

    static native int nvmlDeviceGetTemperature(Pointer device, int sensor, Pointer temperature);

    static native int nvmlDeviceGetPowerUsage(Pointer device, Pointer milliwatts);

    static native int nvmlDeviceGetMigMode(Pointer device, int[] current, int[] pending);
}
