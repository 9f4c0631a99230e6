package io.ocatopic.ztp.workflow;

import java.time.Instant;

/**
 * One progress event of the factory workflow or the reconnection loop; never carries secrets.
 *
 * @param type    what happened
 * @param step    the step name (e.g. {@code deploy-edge-1}) or {@code reconnect-<cluster>}
 * @param message human-readable detail
 * @param attempt attempt number within the step or loop, from 1
 * @param at      when
 */
public record WorkflowEvent(Type type, String step, String message, int attempt, Instant at) {
    /** Event kinds. */
    public enum Type {
        /** A step starts. */
        STEP_STARTED,
        /** A step was already done (checkpoint) and is skipped. */
        STEP_SKIPPED,
        /** A step finished and was checkpointed. */
        STEP_DONE,
        /** A step failed; a later run resumes here. */
        STEP_FAILED,
        /** A wait polled and will poll again. */
        WAITING,
        /** The hub did not answer a probe. */
        PROBE_FAILED,
        /** The hub answered after being unreachable. */
        HUB_REACHABLE,
        /** An import of a spoke starts. */
        IMPORT_STARTED,
        /** An import of a spoke completed (all objects written, import Secret regenerated). */
        IMPORT_COMPLETED,
        /** An import attempt failed part-way; it is retried. */
        IMPORT_FAILED
    }
}
