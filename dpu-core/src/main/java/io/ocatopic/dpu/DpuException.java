package io.ocatopic.dpu;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.core.Problem;

import java.util.List;

/**
 * The one exception of dpu-core, with a {@link Reason} and, for invalid configurations, every
 * {@link Problem}.
 *
 * <pre>{@code
 * try {
 *     DpuOffloadConfig cfg = builder.build();
 * } catch (DpuException e) {
 *     e.problems().forEach(p -> System.err.println(p));
 * }
 * }</pre>
 */
public final class DpuException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /**
     * Why a dpu-core operation failed. The {@link #outcome()} is {@link Outcome#BAD_INPUT} for an invalid
     * config, else {@link Outcome#OUTSIDE_FAILED} (card, cluster, disk).
     */
    public enum Reason {
        /** The configuration is invalid; see {@link #problems()}. */
        INVALID_CONFIG,
        /** Card setup could not read the card's state. */
        CARD_STATE,
        /** Writing rendered resources or node labels to a cluster failed. */
        APPLY_FAILED,
        /** Reading or writing a file failed. */
        IO
    }

    /**
     * Creates an exception with its reason, message, validation problems and cause.
     *
     * @param reason   why
     * @param message  what failed
     * @param problems the validation problems (empty unless INVALID_CONFIG)
     * @param cause    the underlying failure, or {@code null}
     */
    public DpuException(Reason reason, String message, List<Problem> problems, Throwable cause) {
        super(reason, outcomeOf(reason), message, problems, cause);
    }

    /**
     * Creates an exception with its reason, message and cause, and no validation problems.
     *
     * @param reason  why
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public DpuException(Reason reason, String message, Throwable cause) {
        this(reason, message, List.of(), cause);
    }

    /**
     * Creates an INVALID_CONFIG exception listing every validation problem.
     *
     * @param problems every validation problem
     * @return an INVALID_CONFIG exception listing them
     */
    public static DpuException invalid(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("invalid DpuOffloadConfig (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ")");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return new DpuException(Reason.INVALID_CONFIG, sb.toString(), problems, null);
    }

    /**
     * Returns why the operation failed.
     *
     * @return why it failed
     */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    /** Whose fault a failure with this reason is. */
    private static Outcome outcomeOf(Reason reason) {
        return reason == Reason.INVALID_CONFIG ? Outcome.BAD_INPUT : Outcome.OUTSIDE_FAILED;
    }
}
