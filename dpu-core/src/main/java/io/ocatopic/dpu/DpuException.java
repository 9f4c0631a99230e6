package io.ocatopic.dpu;

import io.ocatopic.kube.OcatopicException;
import io.ocatopic.kube.Problem;

import java.util.List;

/**
 * The one exception of dpu-core, with a {@link Reason} and, for invalid configurations, every
 * {@link Violation}.
 *
 * <pre>{@code
 * try {
 *     DpuOffloadConfig cfg = builder.build();
 * } catch (DpuException e) {
 *     e.violations().forEach(v -> System.err.println(v));
 * }
 * }</pre>
 */
public final class DpuException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /** Why a dpu-core operation failed. */
    public enum Reason {
        /** The configuration is invalid; see {@link #violations()}. */
        INVALID_CONFIG,
        /** Card setup could not read the card's state. */
        CARD_STATE,
        /** Writing rendered resources or node labels to a cluster failed. */
        APPLY_FAILED,
        /** Reading or writing a file failed. */
        IO
    }

    /** Why it failed. */
    private final Reason reason;
    /** The validation problems. */
    private final transient List<Violation> violations;

    /**
     * @param reason     why
     * @param message    what failed
     * @param violations the validation problems (empty unless INVALID_CONFIG)
     * @param cause      the underlying failure, or {@code null}
     */
    public DpuException(Reason reason, String message, List<Violation> violations, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    /**
     * @param reason  why
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public DpuException(Reason reason, String message, Throwable cause) {
        this(reason, message, List.of(), cause);
    }

    /**
     * @param violations every validation problem
     * @return an INVALID_CONFIG exception listing them
     */
    public static DpuException invalid(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("invalid DpuOffloadConfig (" + violations.size() + " problem"
                + (violations.size() == 1 ? "" : "s") + ")");
        for (Violation v : violations) {
            sb.append("\n  ").append(v);
        }
        return new DpuException(Reason.INVALID_CONFIG, sb.toString(), violations, null);
    }

    /** @return why it failed */
    @Override
    public Reason reason() {
        return reason;
    }

    /** @return the validation problems (empty unless {@link Reason#INVALID_CONFIG}) */
    public List<Violation> violations() {
        return violations;
    }

    /** @return {@link Outcome#BAD_INPUT} for an invalid config, else {@link Outcome#OUTSIDE_FAILED} (card, cluster, disk) */
    @Override
    public Outcome outcome() {
        return reason == Reason.INVALID_CONFIG ? Outcome.BAD_INPUT : Outcome.OUTSIDE_FAILED;
    }

    /** @return every violation as a {@link Problem} (path, message) */
    @Override
    public List<Problem> problems() {
        return violations.stream().map(v -> new Problem(v.path(), v.message())).toList();
    }
}
