package io.ocatopic.nvml.internal;

import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlDevice;

/**
 * The bridge from the internal packages to what an {@link Nvml} session keeps package-private (its hot
 * getter binding, its device handles), installed once by {@code Nvml}'s class initialiser. Any code that
 * holds an {@code Nvml} has run that initialiser, so {@link #get()} always finds the bridge there.
 */
public abstract class NvmlAccess {
    private static volatile NvmlAccess instance;

    /** For {@code Nvml}'s bridge only. */
    protected NvmlAccess() {
    }

    /**
     * Installs the bridge; called by {@code Nvml} only.
     *
     * @param access the bridge
     * @throws IllegalStateException when a bridge is already installed
     */
    public static synchronized void install(NvmlAccess access) {
        if (instance != null) {
            throw new IllegalStateException("NvmlAccess is already installed");
        }
        instance = access;
    }

    /**
     * The installed bridge.
     *
     * @return the bridge
     * @throws IllegalStateException when no {@code Nvml} session class has been initialised yet
     */
    public static NvmlAccess get() {
        NvmlAccess a = instance;
        if (a == null) {
            throw new IllegalStateException("NvmlAccess is not installed: no Nvml session exists yet");
        }
        return a;
    }

    /**
     * @param nvml a session
     * @return how that session calls the hot getters
     */
    public abstract HotCalls hot(Nvml nvml);

    /**
     * @param device a device of a session
     * @return its {@code nvmlDevice_t} as an address
     */
    public abstract long handle(NvmlDevice device);
}
