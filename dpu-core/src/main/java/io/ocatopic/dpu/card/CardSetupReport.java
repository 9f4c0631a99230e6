package io.ocatopic.dpu.card;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What card setup did: the steps applied (in order), the step that failed and why, the steps not
 * attempted, and the representors found afterwards.
 *
 * <pre>{@code
 * CardSetupReport r = setup.apply(plan);
 * if (!r.ok()) System.err.println("failed at " + r.failed().get().step().describe() + ": " + r.failed().get().error());
 * }</pre>
 *
 * @param applied      the steps that took effect, in order
 * @param failed       the step that failed, if one did
 * @param notAttempted the steps after the failure
 * @param representors the VF representors found by {@code phys_port_name} after the run, by name
 */
public record CardSetupReport(List<CardStep> applied, Optional<Failure> failed, List<CardStep> notAttempted,
                              Map<String, String> representors) {
    /**
     * Copies the lists.
     *
     * @param applied see the record description
     * @param failed see the record description
     * @param notAttempted see the record description
     * @param representors see the record description
     */
    public CardSetupReport {
        applied = List.copyOf(applied);
        notAttempted = List.copyOf(notAttempted);
        representors = Map.copyOf(representors);
    }

    /**
     * A failed step.
     *
     * @param step  the step
     * @param error why it failed (errno name and kernel message for devlink errors)
     */
    public record Failure(CardStep step, String error) {
    }

    /** @return whether every step was applied */
    public boolean ok() {
        return failed.isEmpty();
    }

    /** @return one line per applied step, then the failure and what was not attempted */
    public List<String> describe() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        applied.forEach(s -> out.add("applied: " + s.describe()));
        failed.ifPresent(f -> out.add("FAILED:  " + f.step().describe() + ": " + f.error()));
        notAttempted.forEach(s -> out.add("skipped: " + s.describe()));
        return out;
    }
}
