package io.ocatopic.core;

import java.util.List;
import java.util.Objects;

/**
 * The root of every exception the SDK's modules throw ({@code KubeException}, {@code ZtpException},
 * {@code KmmException}, {@code DpuException}, {@code GpuException}): unchecked, with a machine-readable
 * {@link #reason()} (each module's own {@code Reason} enum), every {@link Problem} found when the input was
 * invalid, and the {@link Outcome} that says whose fault it was, from which the command line takes its
 * exit code in one place. Messages never carry secret values.
 *
 * <pre>{@code
 * try {
 *     ChassisSpec spec = ChassisSpec.load(Path.of("chassis.yaml"));
 * } catch (OcatopicException e) {
 *     e.problems().forEach(p -> System.err.println(p));      // path: message, one per problem
 *     System.exit(e.outcome().exitCode());
 * }
 * }</pre>
 */
public abstract class OcatopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose fault a failure is, and the exit code the command line gives it. */
    public enum Outcome {
        /** The input (a spec, a file, an option) is invalid: exit 2. */
        BAD_INPUT(2),
        /** A check or plan ran and did not pass: exit 1. */
        NOT_PASSED(1),
        /** An outside system (cluster, registry, engine, device, disk) failed or was unreachable: exit 3. */
        OUTSIDE_FAILED(3);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        /**
         * Returns the command line's exit code for this outcome.
         *
         * @return the command line's exit code for this outcome
         */
        public int exitCode() {
            return exitCode;
        }
    }

    /** The machine-readable reason, one of the throwing module's {@code Reason} values. */
    private final Enum<?> reason;
    /** Whose fault the failure was. */
    private final Outcome outcome;
    /** Every problem found; empty when the failure is not about input. */
    private final transient List<Problem> problems;

    /**
     * Creates an exception; the subclass decides the reason's outcome once, here.
     *
     * @param reason   the machine-readable reason, one of the subclass's {@code Reason} values
     * @param outcome  whose fault the failure is
     * @param message  the message, free of secrets
     * @param problems every problem found (copied), empty when the failure is not about input
     * @param cause    the underlying failure, or null
     */
    protected OcatopicException(Enum<?> reason, Outcome outcome, String message, List<Problem> problems,
            Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the machine-readable reason, one of the throwing module's {@code Reason} values; each
     * subclass narrows the type to its own enum.
     *
     * @return the machine-readable reason, one of the throwing module's {@code Reason} values
     */
    public Enum<?> reason() {
        return reason;
    }

    /**
     * Returns whose fault the failure was, which decides the command line's exit code.
     *
     * @return whose fault it was; the command line's exit code follows from it
     */
    public final Outcome outcome() {
        return outcome;
    }

    /**
     * Returns every problem found, each with its field path.
     *
     * @return every problem found, each with its field path; empty when the failure is not about input
     */
    public final List<Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
