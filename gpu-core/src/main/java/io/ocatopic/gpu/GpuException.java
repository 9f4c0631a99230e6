package io.ocatopic.gpu;

import java.util.List;

/**
 * The one exception type of {@code gpu-core}. {@link #reason()} is machine-readable; {@link #problems()}
 * lists every {@code path: message} of a failed validation.
 *
 * <pre>{@code
 * try { partitioner.plan(fleet, demands); } catch (GpuException e) { e.problems().forEach(System.err::println); }
 * }</pre>
 */
public final class GpuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** An input (fleet, demand, layout, config file) is invalid. */
        INVALID,
        /** A GPU model or profile is not in the catalog. */
        UNKNOWN_MODEL,
        /** The device did not match the plan (model, MIG mode, instances). */
        DEVICE_MISMATCH,
        /** NVML failed while acting on a node. */
        NVML,
        /** A file could not be read or written. */
        IO
    }

    /** The machine-readable reason. */
    private final Reason reason;
    /** Every problem found. */
    private final List<String> problems;

    /**
     * Creates an exception.
     *
     * @param reason   machine-readable reason
     * @param message  human-readable message
     * @param problems every problem found, may be empty
     * @param cause    underlying failure, may be {@code null}
     */
    public GpuException(Reason reason, String message, List<String> problems, Throwable cause) {
        super(message + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)), cause);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    /**
     * Creates an exception without problems list or cause.
     *
     * @param reason  machine-readable reason
     * @param message human-readable message
     */
    public GpuException(Reason reason, String message) {
        this(reason, message, List.of(), null);
    }

    /** @return the reason */
    public Reason reason() {
        return reason;
    }

    /** @return every problem as {@code path: message} */
    public List<String> problems() {
        return problems;
    }
}
