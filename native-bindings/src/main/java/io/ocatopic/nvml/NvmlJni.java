package io.ocatopic.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.internal.HotCalls;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The hot getters through JNI trampolines ({@code src/main/c/ocatopic_nvml_jni.c}, built into this jar
 * for the build machine's platform). JNA still loads the library and resolves each symbol; the
 * trampoline only makes the call, which costs one JNI transition instead of JNA's generic dispatch.
 * When the trampolines cannot be loaded (another platform, a {@code noexec} temporary directory) or
 * the system property {@value Nvml#JNI_PROPERTY} is {@code false}, {@link Nvml} uses
 * {@link NvmlDirect} instead: same results, slower calls.
 */
final class NvmlJni implements HotCalls {
    static final String LIBRARY = "ocatopic-nvml-jni";
    private static final int ABI_VERSION = 1;

    private final long memoryInfo;
    private final long utilizationRates;
    private final long temperature;
    private final long powerUsage;

    private NvmlJni(NativeLibrary lib) {
        memoryInfo = address(lib, "nvmlDeviceGetMemoryInfo");
        utilizationRates = address(lib, "nvmlDeviceGetUtilizationRates");
        temperature = address(lib, "nvmlDeviceGetTemperature");
        powerUsage = address(lib, "nvmlDeviceGetPowerUsage");
    }

    /**
     * The JNI calls into {@code lib}, when the trampolines are loaded.
     *
     * @param lib the NVML library
     * @return the calls, or empty when the trampolines are unavailable (see {@link #loadError()})
     */
    static Optional<HotCalls> bind(NativeLibrary lib) {
        return Shim.ERROR == null ? Optional.of(new NvmlJni(lib)) : Optional.empty();
    }

    /** @return why the trampolines did not load, or null when they did */
    static String loadError() {
        return Shim.ERROR;
    }

    private static long address(NativeLibrary lib, String symbol) {
        return Pointer.nativeValue(lib.getFunction(symbol));
    }

    @Override
    public int memoryInfo(long device, long memory) {
        return callPP(memoryInfo, device, memory);
    }

    @Override
    public int utilizationRates(long device, long utilization) {
        return callPP(utilizationRates, device, utilization);
    }

    @Override
    public int temperature(long device, int sensor, long out) {
        return callPIP(temperature, device, sensor, out);
    }

    @Override
    public int powerUsage(long device, long milliwatts) {
        return callPP(powerUsage, device, milliwatts);
    }

    @Override
    public String binding() {
        return "JNI";
    }

    /** {@code int fn(void *a, void *out)}. */
    private static native int callPP(long fn, long a, long out);

    /** {@code int fn(void *a, int arg, void *out)}. */
    private static native int callPIP(long fn, long a, int arg, long out);

    private static native int abiVersion();

    /** Loads the trampolines once per class loader; holds only the outcome. */
    private static final class Shim {
        static final String ERROR = loadOrExplain();

        private Shim() {
        }

        private static String loadOrExplain() {
            String error = load();
            if (error != null) {
                LoggerFactory.getLogger(NvmlJni.class).info("NVML telemetry getters use JNA direct mapping:"
                        + " JNI trampolines unavailable ({})", error);
            }
            return error;
        }

        private static String load() {
            String resource = Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName(LIBRARY);
            ClassLoader loader = NvmlJni.class.getClassLoader();
            URL url = loader.getResource(resource);
            if (url == null) {
                return "no " + resource + " in this build";
            }
            try {
                File file = Native.extractFromResourcePath(LIBRARY, loader);
                try {
                    System.load(file.getAbsolutePath());
                } finally {
                    if (!"file".equals(url.getProtocol())) {
                        // an extracted copy: once mapped it is no longer needed on disk
                        if (!file.delete()) {
                            file.deleteOnExit();
                        }
                    }
                }
                int abi = abiVersion();
                return abi == ABI_VERSION ? null : resource + " has ABI " + abi + ", expected " + ABI_VERSION;
            } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
                return resource + ": " + e.getMessage();
            }
        }
    }
}
