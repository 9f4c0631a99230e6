package io.ocatopic.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an ordered run of steps did: the steps done, the one that failed (with why), and the steps not
 * attempted after it. It is the one report shape of ocatopic's act layers (a MIG reconfiguration, a DPU card
 * setup, a factory workflow): a run stops at its first failure, so {@code done + failed + notAttempted} is
 * always the whole plan, in order.
 *
 * <pre>{@code
 * StepReport<MigAction> r = partitioner.apply(plan);
 * if (!r.ok()) System.err.println(r.failed().get().error());
 * }</pre>
 *
 * @param <S> the step type (a plan's action)
 * @param done the steps that completed, in order
 * @param failed the step that failed and its error, if any
 * @param notAttempted the steps after the failure, in order (empty when none failed)
 */
public record StepReport<S>(List<S> done, Optional<Failure<S>> failed, List<S> notAttempted) {
    /**
     * A step that failed.
     *
     * @param <S> the step type
     * @param step the step
     * @param error why, in one line without secrets
     */
    public record Failure<S>(S step, String error) {
        /**
         * Checks the parts.
         *
         * @param step  the step
         * @param error why, in one line without secrets
         */
        public Failure {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Copies the lists.
     *
     * @param done         the steps done, in order
     * @param failed       the step that failed, if one did
     * @param notAttempted the steps after it, not attempted
     */
    public StepReport {
        done = List.copyOf(done);
        Objects.requireNonNull(failed, "failed");
        notAttempted = List.copyOf(notAttempted);
    }

    /**
     * Creates the report of a run that did every step.
     *
     * @param <S> the step type
     * @param done every step of the plan
     * @return a report of a run that did them all
     */
    public static <S> StepReport<S> allDone(List<S> done) {
        return new StepReport<>(done, Optional.empty(), List.of());
    }

    /**
     * Creates the report of a run that failed at one step.
     *
     * @param <S> the step type
     * @param plan the whole plan, in order
     * @param failedAt the index of the step that failed
     * @param error why it failed
     * @return a report whose steps before {@code failedAt} are done and after it not attempted
     */
    public static <S> StepReport<S> failedAt(List<S> plan, int failedAt, String error) {
        return new StepReport<>(plan.subList(0, failedAt), Optional.of(new Failure<>(plan.get(failedAt), error)),
                plan.subList(failedAt + 1, plan.size()));
    }

    /**
     * Returns whether every step was done.
     *
     * @return whether every step was done
     */
    public boolean ok() {
        return failed.isEmpty();
    }

    /**
     * One line per step: {@code done: ...}, {@code FAILED: ...: why}, {@code not attempted: ...}.
     *
     * @param describe how to show one step
     * @return the lines, in plan order
     */
    public List<String> describe(Function<? super S, String> describe) {
        List<String> out = new ArrayList<>();
        done.forEach(s -> out.add("done: " + describe.apply(s)));
        failed.ifPresent(f -> out.add("FAILED: " + describe.apply(f.step()) + ": " + f.error()));
        notAttempted.forEach(s -> out.add("not attempted: " + describe.apply(s)));
        return out;
    }
}
