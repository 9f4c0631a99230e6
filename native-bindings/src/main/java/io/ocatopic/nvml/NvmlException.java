package io.ocatopic.nvml;

import io.ocatopic.core.OcatopicException;

import java.util.List;

/**
 * An NVML call that did not return {@code NVML_SUCCESS}: {@link #code()} is the typed return code (a
 * {@link Code}) and {@link #function()} the C function that returned it.
 *
 * <pre>{@code
 * try { gi.destroy(); } catch (NvmlException e) { if (e.code() == NvmlException.Code.IN_USE) { ... } }
 * }</pre>
 */
public final class NvmlException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Every {@code nvmlReturn_t} value (nvml.h, NVIDIA/go-nvml gen/nvml/nvml.h, NVML 13.x), so that each
     * failing call maps to a typed error.
     *
     * <pre>{@code
     * NvmlException.Code r = NvmlException.Code.of(23);   // INSUFFICIENT_RESOURCES
     * }</pre>
     */
    public enum Code {
        /** The operation was successful. */
        SUCCESS(0),
        /** NVML was not first initialized with nvmlInit(). */
        UNINITIALIZED(1),
        /** A supplied argument is invalid. */
        INVALID_ARGUMENT(2),
        /** The requested operation is not available on the target device. */
        NOT_SUPPORTED(3),
        /** The current user does not have permission for the operation. */
        NO_PERMISSION(4),
        /** Deprecated: multiple initializations are now allowed through ref counting. */
        ALREADY_INITIALIZED(5),
        /** A query to find an object was unsuccessful. */
        NOT_FOUND(6),
        /** An input argument is not large enough. */
        INSUFFICIENT_SIZE(7),
        /** A device's external power cables are not properly attached. */
        INSUFFICIENT_POWER(8),
        /** NVIDIA driver is not loaded. */
        DRIVER_NOT_LOADED(9),
        /** User provided timeout passed. */
        TIMEOUT(10),
        /** NVIDIA Kernel detected an interrupt issue with a GPU. */
        IRQ_ISSUE(11),
        /** NVML Shared Library couldn't be found or loaded. */
        LIBRARY_NOT_FOUND(12),
        /** Local version of NVML doesn't implement this function. */
        FUNCTION_NOT_FOUND(13),
        /** infoROM is corrupted. */
        CORRUPTED_INFOROM(14),
        /** The GPU has fallen off the bus or has otherwise become inaccessible. */
        GPU_IS_LOST(15),
        /** The GPU requires a reset before it can be used again. */
        RESET_REQUIRED(16),
        /** The GPU control device has been blocked by the operating system/cgroups. */
        OPERATING_SYSTEM(17),
        /** RM detects a driver/library version mismatch. */
        LIB_RM_VERSION_MISMATCH(18),
        /** An operation cannot be performed because the GPU is currently in use. */
        IN_USE(19),
        /** Insufficient memory. */
        MEMORY(20),
        /** No data. */
        NO_DATA(21),
        /** The requested vgpu operation is not available on target device, because ECC is enabled. */
        VGPU_ECC_NOT_SUPPORTED(22),
        /** Ran out of critical resources, other than memory (for MIG: no room for the instance). */
        INSUFFICIENT_RESOURCES(23),
        /** Frequency not supported. */
        FREQ_NOT_SUPPORTED(24),
        /** The provided version is invalid/unsupported. */
        ARGUMENT_VERSION_MISMATCH(25),
        /** The requested functionality has been deprecated. */
        DEPRECATED(26),
        /** The system is not ready for the request. */
        NOT_READY(27),
        /** No GPUs were found. */
        GPU_NOT_FOUND(28),
        /** Resource not in correct state to perform requested operation. */
        INVALID_STATE(29),
        /** The reset type is not supported. */
        RESET_TYPE_NOT_SUPPORTED(30),
        /** An internal driver error occurred, or a code this binding does not know. */
        UNKNOWN(999);

        private static final Code[] BY_CODE = new Code[31];

        static {
            for (Code r : values()) {
                if (r.code < BY_CODE.length) {
                    BY_CODE[r.code] = r;
                }
            }
        }

        private final int code;

        Code(int code) {
            this.code = code;
        }

        /**
         * Returns the C value of this return code.
         *
         * @return the C value of this return code
         */
        public int code() {
            return code;
        }

        /**
         * Maps a C return value to its constant.
         *
         * @param code the value an NVML function returned
         * @return the constant, {@link #UNKNOWN} for values this binding does not know
         */
        public static Code of(int code) {
            return code >= 0 && code < BY_CODE.length && BY_CODE[code] != null ? BY_CODE[code] : UNKNOWN;
        }
    }

    /** The NVML function that failed. */
    private final String function;

    /**
     * Creates an exception.
     *
     * @param function the NVML function that failed
     * @param code     its return code
     * @param text     the driver's error string for the code
     */
    public NvmlException(String function, Code code, String text) {
        super(code, code == Code.INVALID_ARGUMENT ? Outcome.BAD_INPUT : Outcome.OUTSIDE_FAILED,
                function + " failed: " + code + " (" + text + ")", List.of(), null);
        this.function = function;
    }

    /**
     * The machine-readable reason: the same value as {@link #code()}.
     *
     * @return the typed return code
     */
    @Override
    public Code reason() {
        return (Code) super.reason();
    }

    /**
     * Returns the typed NVML return code.
     *
     * @return the typed return code
     */
    public Code code() {
        return reason();
    }

    /**
     * Returns the name of the NVML function that failed.
     *
     * @return the name of the NVML function that failed
     */
    public String function() {
        return function;
    }
}
