package io.ocatopic.gpu;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.core.Problem;
import java.util.List;

/**
 * The one exception type of {@code gpu-core}. {@link #reason()} is machine-readable; {@link #problems()}
 * lists every {@code path: message} of a failed validation.
 *
 * <pre>{@code
 * try { partitioner.plan(fleet, demands); } catch (GpuException e) { e.problems().forEach(System.err::println); }
 * }</pre>
 */
public final class GpuException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Why an operation failed. The {@link #outcome()} is {@link Outcome#BAD_INPUT} for invalid input and
     * unknown models, else {@link Outcome#OUTSIDE_FAILED}.
     */
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

    /**
     * Creates an exception.
     *
     * @param reason   machine-readable reason
     * @param message  human-readable message
     * @param problems every problem found (a problem with an empty path concerns the whole input), may be empty
     * @param cause    underlying failure, may be {@code null}
     */
    public GpuException(Reason reason, String message, List<Problem> problems, Throwable cause) {
        super(reason, outcomeOf(reason), message + (problems.isEmpty() ? "" : ": " + String.join("; ",
                problems.stream().map(Problem::toString).toList())), problems, cause);
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

    /**
     * Returns why the operation failed.
     *
     * @return the reason
     */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    /** Whose fault a failure with this reason is. */
    private static Outcome outcomeOf(Reason reason) {
        return switch (reason) {
            case INVALID, UNKNOWN_MODEL -> Outcome.BAD_INPUT;
            case DEVICE_MISMATCH, NVML, IO -> Outcome.OUTSIDE_FAILED;
        };
    }
}
