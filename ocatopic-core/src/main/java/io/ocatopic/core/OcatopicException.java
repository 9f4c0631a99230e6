package io.ocatopic.core;

import java.util.List;

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

    /**
     * Creates an exception.
     *
     * @param message the message, free of secrets
     * @param cause   the underlying failure, or null
     */
    protected OcatopicException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Returns the machine-readable reason, one of the throwing module's {@code Reason} values.
     *
     * @return the machine-readable reason, one of the throwing module's {@code Reason} values
     */
    public abstract Enum<?> reason();

    /**
     * Returns whose fault the failure was, which decides the command line's exit code.
     *
     * @return whose fault it was; the command line's exit code follows from it
     */
    public abstract Outcome outcome();

    /**
     * Returns every problem found, each with its field path.
     *
     * @return every problem found, each with its field path; empty when the failure is not about input
     */
    public List<Problem> problems() {
        return List.of();
    }
}
