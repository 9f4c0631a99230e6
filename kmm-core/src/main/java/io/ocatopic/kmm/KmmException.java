package io.ocatopic.kmm;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.core.Problem;

import java.util.List;

/**
 * The one exception type of {@code kmm-core}: an operation on kernel modules, their signatures,
 * their images or their KMM resources that could not be done.
 *
 * <p>{@link #reason()} is machine-readable. Messages name files and algorithms but never carry key
 * material, passphrases or PINs. Validation failures carry every {@link Problem}.
 *
 * <pre>{@code
 * try {
 *     signer.signInPlace(Path.of("hello.ko"));
 * } catch (KmmException e) {
 *     if (e.reason() == KmmException.Reason.ALREADY_SIGNED) { ... }
 * }
 * }</pre>
 */
public final class KmmException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Why an operation failed. New constants are added as the module grows; callers should keep a
     * {@code default} branch when they switch over it. The {@link #outcome()} is {@link Outcome#BAD_INPUT}
     * for invalid specs, keys, passphrases, algorithms and modules; {@link Outcome#NOT_PASSED} for a module
     * already signed, a failed compile or an interruption; {@link Outcome#OUTSIDE_FAILED} for files, tokens,
     * engines and registries.
     */
    public enum Reason {
        /** A spec, option or argument is invalid; {@link #problems()} lists every problem. */
        INVALID,
        /** A file could not be read or written. */
        IO,
        /** A key or certificate could not be read or parsed, or does not fit the requested use. */
        BAD_KEY,
        /** The passphrase of an encrypted private key, or the PIN of a token, was missing or wrong. */
        BAD_PASSPHRASE,
        /** A PKCS#11 token could not be opened or does not hold the requested key. */
        HSM,
        /** The key type, curve or digest is not one the kernel accepts. */
        UNSUPPORTED_ALGORITHM,
        /** The module already carries a signature and re-signing was not requested. */
        ALREADY_SIGNED,
        /** The module (or its compressed form) is not in a format that can be signed. */
        BAD_MODULE,
        /** A cryptographic operation failed (the provider or token refused to sign). */
        CRYPTO,
        /** The operation was interrupted; nothing was left half-done. */
        INTERRUPTED,
        /** The container engine (Docker API) could not be reached or refused a request. */
        ENGINE,
        /** Compiling the module failed; the message carries the compiler's error lines. */
        BUILD_FAILED,
        /** A registry refused or failed a push or pull. */
        REGISTRY
    }

    /**
     * Creates an exception.
     *
     * @param reason  machine-readable reason
     * @param message human-readable message, free of secrets
     */
    public KmmException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason  machine-readable reason
     * @param message human-readable message, free of secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public KmmException(Reason reason, String message, Throwable cause) {
        super(reason, outcomeOf(reason), message, List.of(), cause);
    }

    /**
     * Creates a validation exception ({@link Reason#INVALID}) carrying every problem found.
     *
     * @param problems the problems, at least one
     * @return the exception
     */
    public static KmmException invalid(List<Problem> problems) {
        return new KmmException(problems);
    }

    private KmmException(List<Problem> problems) {
        super(Reason.INVALID, Outcome.BAD_INPUT, summary(problems), problems, null);
    }

    private static String summary(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("invalid: ");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(problems.get(i).path()).append(": ").append(problems.get(i).message());
        }
        return sb.toString();
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
            case INVALID, BAD_KEY, BAD_PASSPHRASE, UNSUPPORTED_ALGORITHM, BAD_MODULE -> Outcome.BAD_INPUT;
            case ALREADY_SIGNED, BUILD_FAILED, INTERRUPTED -> Outcome.NOT_PASSED;
            case IO, HSM, CRYPTO, ENGINE, REGISTRY -> Outcome.OUTSIDE_FAILED;
        };
    }
}
