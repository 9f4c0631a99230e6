package io.ocatopic.kube.internal.oci;

import io.ocatopic.core.OcatopicException;

import java.util.List;

/**
 * A failed registry operation, as raised by {@link RegistryClient} and the verifying streams: unchecked, so
 * that it also passes through {@link java.io.InputStream#read()} unchanged. The message names the registry,
 * the operation and the registry's error code; it never contains credentials.
 */
public final class RegistryException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can react without parsing messages. */
    public enum Kind {
        /** 401/403: no or wrong credentials, or not allowed. */
        UNAUTHORIZED,
        /** 404: the manifest or blob does not exist. */
        NOT_FOUND,
        /** Content did not match its digest or size. */
        DIGEST_MISMATCH,
        /** A manifest referenced a blob or manifest that the registry does not have. */
        MISSING_REFERENCE,
        /** A manifest media type or digest algorithm this client does not handle. */
        UNSUPPORTED,
        /** Any other HTTP error or malformed answer. */
        PROTOCOL,
        /** The connection failed. */
        IO,
        /**
         * A deadline passed: no connection within the connect deadline, no answer or no body bytes within the
         * read-idle deadline, or the request not finished within its total deadline.
         */
        TIMEOUT
    }

    /** The HTTP status, or 0. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param kind the kind
     * @param status the HTTP status, or 0 when there was none
     * @param message a message without secrets
     */
    public RegistryException(Kind kind, int status, String message) {
        super(kind, outcomeOf(kind), message, List.of(), null);
        this.status = status;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param kind the kind
     * @param message a message without secrets
     * @param cause the cause
     */
    public RegistryException(Kind kind, String message, Throwable cause) {
        super(kind, outcomeOf(kind), message, List.of(), cause);
        this.status = 0;
    }

    /** @return what went wrong */
    public Kind kind() {
        return reason();
    }

    /** @return the HTTP status, or 0 when there was none */
    public int status() {
        return status;
    }

    /** @return {@link #kind()} */
    @Override
    public Kind reason() {
        return (Kind) super.reason();
    }

    /** Whose fault a failure with this reason is. */
    private static Outcome outcomeOf(Kind kind) {
        return kind == Kind.NOT_FOUND || kind == Kind.UNSUPPORTED ? Outcome.BAD_INPUT : Outcome.OUTSIDE_FAILED;
    }
}
