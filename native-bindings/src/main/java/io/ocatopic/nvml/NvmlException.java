package io.ocatopic.nvml;

/**
 * An NVML call that did not return {@code NVML_SUCCESS}: {@link #code()} is the typed return code and
 * {@link #function()} the C function that returned it.
 *
 * <pre>{@code
 * try { gi.destroy(); } catch (NvmlException e) { if (e.code() == NvmlReturn.IN_USE) { ... } }
 * }</pre>
 */
public final class NvmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The typed return code. */
    private final NvmlReturn code;
    /** The NVML function that failed. */
    private final String function;

    /**
     * Creates an exception.
     *
     * @param function the NVML function that failed
     * @param code     its return code
     * @param text     the driver's error string for the code
     */
    public NvmlException(String function, NvmlReturn code, String text) {
        super(function + " failed: " + code + " (" + text + ")");
        this.code = code;
        this.function = function;
    }

    /** @return the typed return code */
    public NvmlReturn code() {
        return code;
    }

    /** @return the name of the NVML function that failed */
    public String function() {
        return function;
    }
}
