package io.ocatopic.kube;

import io.ocatopic.core.OcatopicException;

import java.util.List;

/**
 * The one exception type of {@code kube-support}: a Kubernetes operation that could not be done.
 *
 * <p>{@link #reason()} is machine-readable; the message names the object ({@code kind/namespace/name})
 * and never carries secret data.
 */
public final class KubeException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Why an operation failed. The {@link #outcome()} is {@link Outcome#NOT_PASSED} when the server refused
     * the object, {@link Outcome#BAD_INPUT} when it could not be serialised or parsed or a secret reference
     * did not resolve, else {@link Outcome#OUTSIDE_FAILED}.
     */
    public enum Reason {
        /** The API server refused the object (validation, admission, conflict that could not be forced). */
        REJECTED,
        /** The API server does not know the resource type (CRD not installed). */
        UNKNOWN_TYPE,
        /** The API server could not be reached or answered with a server error. */
        UNREACHABLE,
        /** The object could not be serialised or parsed. */
        MALFORMED,
        /** A wait for a condition ran past its deadline. */
        TIMEOUT,
        /** A {@link Secret} could not be read: its environment variable is unset or its file unreadable. */
        SECRET_UNRESOLVED
    }

    /** The API server's HTTP status, or 0. */
    private final int httpCode;

    /**
     * Creates an exception.
     *
     * @param reason   machine-readable reason
     * @param httpCode the API server's HTTP status, or 0 when none was received
     * @param message  human-readable message, free of secrets
     * @param cause    the underlying failure, may be {@code null}
     */
    public KubeException(Reason reason, int httpCode, String message, Throwable cause) {
        super(reason, outcomeOf(reason), message, List.of(), cause);
        this.httpCode = httpCode;
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

    /** Whose fault a failure with this reason is. */
    private static Outcome outcomeOf(Reason reason) {
        return switch (reason) {
            case REJECTED -> Outcome.NOT_PASSED;
            case MALFORMED, SECRET_UNRESOLVED -> Outcome.BAD_INPUT;
            case UNKNOWN_TYPE, UNREACHABLE, TIMEOUT -> Outcome.OUTSIDE_FAILED;
        };
    }

    /**
     * Returns the API server's HTTP status code, or 0 when no response was received.
     *
     * @return the API server's HTTP status code, or 0 when no response was received
     */
    public int httpCode() {
        return httpCode;
    }
}
