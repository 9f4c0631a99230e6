package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.kube.ProgressEvent;
import java.time.Instant;

/**
 * The factory workflow's and the reconnection loop's events as {@link ProgressEvent}s: step events keep the
 * step name; probes have step {@value #PROBE}, imports step {@value #IMPORT}, both with the cluster as subject;
 * {@code done} is the attempt number within the step or loop, from 1.
 */
public final class WorkflowEvents {
    /** The step of hub probes. */
    public static final String PROBE = "probe";
    /** The step of spoke imports. */
    public static final String IMPORT = "import";

    private WorkflowEvents() {
    }

    /** What happened, as the workflow tells it. */
    public enum Type {
        /** A step starts: {@code STARTED}. */
        STEP_STARTED,
        /** A step was already done (checkpoint) and is skipped: {@code SKIPPED}. */
        STEP_SKIPPED,
        /** A step finished and was checkpointed: {@code DONE}. */
        STEP_DONE,
        /** A step failed; a later run resumes here: {@code FAILED}. */
        STEP_FAILED,
        /** A wait polled and will poll again: {@code WAITING}. */
        WAITING,
        /** The hub did not answer a probe: {@code WAITING}, step {@value #PROBE}. */
        PROBE_FAILED,
        /** The hub answered after being unreachable: {@code DONE}, step {@value #PROBE}. */
        HUB_REACHABLE,
        /** An import of a spoke starts: {@code STARTED}, step {@value #IMPORT}. */
        IMPORT_STARTED,
        /** An import completed: {@code DONE}, step {@value #IMPORT}. */
        IMPORT_COMPLETED,
        /** An import attempt failed part-way; it is retried: {@code FAILED}, step {@value #IMPORT}. */
        IMPORT_FAILED
    }

    /**
     * The event.
     *
     * @param type    what happened
     * @param step    the step name
     * @param subject the cluster, or ""
     * @param message a detail without secrets
     * @param attempt the attempt number, from 1
     * @return the progress event
     */
    public static ProgressEvent of(Type type, String step, String subject, String message, int attempt) {
        ProgressEvent.Kind kind = switch (type) {
            case STEP_STARTED, IMPORT_STARTED -> ProgressEvent.Kind.STARTED;
            case STEP_SKIPPED -> ProgressEvent.Kind.SKIPPED;
            case STEP_DONE, HUB_REACHABLE, IMPORT_COMPLETED -> ProgressEvent.Kind.DONE;
            case STEP_FAILED, IMPORT_FAILED -> ProgressEvent.Kind.FAILED;
            case WAITING, PROBE_FAILED -> ProgressEvent.Kind.WAITING;
        };
        String s = switch (type) {
            case PROBE_FAILED, HUB_REACHABLE -> PROBE;
            case IMPORT_STARTED, IMPORT_COMPLETED, IMPORT_FAILED -> IMPORT;
            default -> step;
        };
        return new ProgressEvent(kind, s, subject, attempt, 0, message, Instant.now());
    }
}
