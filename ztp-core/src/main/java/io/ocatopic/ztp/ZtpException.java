package io.ocatopic.ztp;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.core.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception type of {@code ztp-core}. {@link #reason()} is machine-readable; validation failures
 * carry every {@link Problem} in {@link #problems()}. Messages never contain secret values.
 *
 * <pre>{@code
 * try {
 *     ChassisSpec spec = ChassisSpec.load(path);
 * } catch (ZtpException e) {
 *     if (e.reason() == ZtpException.Reason.INVALID_SPEC) {
 *         e.problems().forEach(p -> System.err.println(p.path() + ": " + p.message()));
 *     }
 * }
 * }</pre>
 */
public final class ZtpException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Why a ztp operation failed. The {@link #outcome()} is {@link Outcome#BAD_INPUT} for invalid specs and
     * inputs, {@link Outcome#NOT_PASSED} for a cancelled run, else {@link Outcome#OUTSIDE_FAILED} (cluster,
     * registry, disk).
     */
    public enum Reason {
        /** The spec did not validate; {@link ZtpException#problems()} lists every problem. */
        INVALID_SPEC,
        /** The input text could not be parsed as YAML/JSON of the expected shape. */
        MALFORMED_INPUT,
        /** A secret given by reference could not be resolved (unset variable, unreadable file). */
        SECRET_UNRESOLVED,
        /** A local file could not be read or written. */
        IO,
        /** The hub or a spoke API could not be reached. */
        UNREACHABLE,
        /** A workflow step failed; the state file lets a later run resume from it. */
        STEP_FAILED,
        /** A wait ran past its deadline. */
        TIMEOUT,
        /** The state file belongs to another spec or is unreadable. */
        STATE_MISMATCH,
        /** An object the operation needs does not exist. */
        NOT_FOUND,
        /** The operation was interrupted. */
        CANCELLED,
        /** A registry refused the credentials given, or none were given where needed (mirror). */
        REGISTRY_UNAUTHORIZED,
        /** Content did not match its digest or size; nothing was tagged from it (mirror). */
        DIGEST_MISMATCH,
        /** A registry answered an error or something this client does not handle (mirror). */
        REGISTRY_ERROR
    }

    /**
     * Creates an exception without validation errors.
     *
     * @param reason  machine-readable reason
     * @param message human-readable message, free of secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public ZtpException(Reason reason, String message, Throwable cause) {
        super(reason, outcomeOf(reason), message, List.of(), cause);
    }

    /**
     * Creates an exception without validation errors or cause.
     *
     * @param reason  machine-readable reason
     * @param message human-readable message, free of secrets
     */
    public ZtpException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an {@link Reason#INVALID_SPEC} exception carrying every validation problem.
     *
     * @param problems the problems found, at least one
     * @return the exception; its message lists every problem
     */
    public static ZtpException invalid(List<Problem> problems) {
        return new ZtpException(problems);
    }

    private ZtpException(List<Problem> problems) {
        super(Reason.INVALID_SPEC, Outcome.BAD_INPUT, problems.size() + " validation error(s):\n"
                + problems.stream().map(e -> "  " + e.path() + ": " + e.message())
                        .collect(Collectors.joining("\n")), problems, null);
    }

    /** Whose fault a failure with this reason is. */
    private static Outcome outcomeOf(Reason reason) {
        return switch (reason) {
            case INVALID_SPEC, MALFORMED_INPUT, SECRET_UNRESOLVED, STATE_MISMATCH, NOT_FOUND -> Outcome.BAD_INPUT;
            case CANCELLED -> Outcome.NOT_PASSED;
            default -> Outcome.OUTSIDE_FAILED;
        };
    }

    /**
     * Returns why the operation failed, as a machine-readable reason.
     *
     * @return the machine-readable reason
     */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
