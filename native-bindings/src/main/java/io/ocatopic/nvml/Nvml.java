package io.ocatopic.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.ocatopic.nvml.internal.HotCalls;
import io.ocatopic.nvml.internal.NvmlAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * An initialised NVML session over {@code libnvidia-ml} (JNA). JNA loads the library and makes every
 * call except the hot telemetry getters (memory, utilisation, temperature, power): those go through
 * small JNI trampolines bundled in this jar, about twenty times cheaper per call than JNA, or through
 * JNA direct mapping where the trampolines cannot load (see {@link #getterBinding()} and
 * {@value #JNI_PROPERTY}). The library defaults to {@code nvidia-ml}; the system property
 * {@code ocatopic.nvml.library} or {@link #open(String)} names another (for example the C test double).
 *
 * <pre>{@code
 * try (Nvml nvml = Nvml.open()) {
 *     for (NvmlDevice d : nvml.devices()) {
 *         System.out.println(d.name() + " " + d.memory().usedBytes());
 *     }
 * }
 * }</pre>
 *
 * <p>One session per thread; {@link NvmlDevice} objects reuse their buffers and are not thread-safe.
 * Device handles and their values are nested in {@link NvmlDevice}, {@link NvmlGpuInstance} and
 * {@link NvmlComputeInstance}; every failure is an {@link NvmlException} with an {@link NvmlException.Code}.
 */
public final class Nvml implements AutoCloseable {
    /** System property naming the NVML library (name or absolute path). */
    public static final String LIBRARY_PROPERTY = "ocatopic.nvml.library";
    /** The default library name: {@code libnvidia-ml.so} as installed by the driver. */
    public static final String DEFAULT_LIBRARY = "nvidia-ml";
    /**
     * System property: {@code false} makes sessions opened afterwards call the hot getters through JNA
     * direct mapping instead of the bundled JNI trampolines (default {@code true}).
     */
    public static final String JNI_PROPERTY = "ocatopic.nvml.jni";

    static {
        // the internal packages (the telemetry sampler) reach a session's getter binding and device handles
        // through this bridge instead of through public methods
        NvmlAccess.install(new NvmlAccess() {
            @Override
            public HotCalls hot(Nvml nvml) {
                return nvml.hot();
            }

            @Override
            public long handle(NvmlDevice device) {
                return com.sun.jna.Pointer.nativeValue(device.handle());
            }
        });
    }

    private final NvmlApi api;
    private final String library;
    private final HotCalls hot;
    private boolean closed;

    private Nvml(NvmlApi api, String library, HotCalls hot) {
        this.api = api;
        this.library = library;
        this.hot = hot;
    }

    /**
     * Loads the library named by {@value #LIBRARY_PROPERTY} (default {@value #DEFAULT_LIBRARY}) and calls
     * {@code nvmlInit_v2}.
     *
     * @return an initialised session
     * @throws NvmlException with {@link NvmlException.Code#LIBRARY_NOT_FOUND} when the library cannot be loaded
     */
    public static Nvml open() {
        return open(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
    }

    /**
     * Loads the given library and calls {@code nvmlInit_v2}.
     *
     * @param library a library name ({@code nvidia-ml}) or an absolute path to a shared object
     * @return an initialised session
     * @throws NvmlException when loading or initialisation fails
     */
    public static Nvml open(String library) {
        NvmlApi api;
        HotCalls hot;
        try {
            api = Native.load(library, NvmlApi.class);
            NvmlDirect.bind(library);
            hot = Boolean.parseBoolean(System.getProperty(JNI_PROPERTY, "true"))
                    ? NvmlJni.bind(NativeLibrary.getInstance(library)).orElse(NvmlDirect.CALLS)
                    : NvmlDirect.CALLS;
        } catch (UnsatisfiedLinkError e) {
            throw new NvmlException("dlopen(" + library + ")", NvmlException.Code.LIBRARY_NOT_FOUND, "cannot load library");
        }
        Nvml nvml = new Nvml(api, library, hot);
        nvml.check("nvmlInit_v2", api.nvmlInit_v2());
        return nvml;
    }

    /**
     * How this session calls the hot getters: {@code "JNI"} (the bundled trampolines) or
     * {@code "JNA direct mapping"} (when they are disabled or cannot load on this platform).
     *
     * @return the binding in use
     */
    public String getterBinding() {
        return hot.binding();
    }

    /**
     * Returns the name of the library this session loaded.
     *
     * @return the library this session loaded
     */
    public String library() {
        return library;
    }

    /**
     * The driver's text for a return code ({@code nvmlErrorString}).
     *
     * @param code a return code
     * @return its description
     */
    public String errorString(NvmlException.Code code) {
        return api.nvmlErrorString(code.code());
    }

    /**
     * Returns the number of GPUs.
     *
     * @return the number of GPUs ({@code nvmlDeviceGetCount_v2})
     */
    public int deviceCount() {
        int[] n = new int[1];
        check("nvmlDeviceGetCount_v2", NvmlDirect.nvmlDeviceGetCount_v2(n));
        return n[0];
    }

    /**
     * A device handle ({@code nvmlDeviceGetHandleByIndex_v2}).
     *
     * @param index NVML index
     * @return the device
     */
    public NvmlDevice device(int index) {
        Memory out = new Memory(8);
        check("nvmlDeviceGetHandleByIndex_v2", api.nvmlDeviceGetHandleByIndex_v2(index, out));
        return new NvmlDevice(this, index, out.getPointer(0));
    }

    /**
     * Returns every device, in index order.
     *
     * @return every device, in index order
     */
    public List<NvmlDevice> devices() {
        int n = deviceCount();
        List<NvmlDevice> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(device(i));
        }
        return List.copyOf(list);
    }

    NvmlApi api() {
        return api;
    }

    HotCalls hot() {
        return hot;
    }

    void check(String function, int rc) {
        if (rc != 0) {
            NvmlException.Code code = NvmlException.Code.of(rc);
            String text;
            try {
                text = api.nvmlErrorString(rc);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                text = "no error string";
            }
            throw new NvmlException(function, code, text);
        }
    }

    /** Calls {@code nvmlShutdown}; later calls on this session's objects fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check("nvmlShutdown", api.nvmlShutdown());
        }
    }
}
