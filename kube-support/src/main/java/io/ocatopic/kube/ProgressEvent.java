package io.ocatopic.kube;

import java.time.Instant;
import java.util.Objects;

/**
 * One progress event of a long operation (a factory workflow step, an image being mirrored, a module
 * build's output line). It is the one event type of ocatopic: every entry type that runs long takes a
 * {@link Listener}, called on the thread doing the work (keep it quick; never block it).
 *
 * <pre>{@code
 * ProgressEvent.Listener toStderr = e -> System.err.println(e.kind() + " " + e.step() + " " + e.subject());
 * }</pre>
 *
 * @param kind what happened
 * @param step the step or phase it belongs to (e.g. {@code install}, {@code blob}, {@code build})
 * @param subject what it is about (an image, a node, a kernel), or {@code ""}
 * @param done units done so far (bytes, items), or 0
 * @param total units in all, or 0 when unknown
 * @param message a one-line detail without secrets, or {@code ""}
 * @param at when it happened
 */
public record ProgressEvent(Kind kind, String step, String subject, long done, long total, String message, Instant at) {
    /** What happened. */
    public enum Kind {
        /** A step started. */
        STARTED,
        /** A step advanced: {@code done} of {@code total} units. */
        ADVANCED,
        /** A step completed. */
        DONE,
        /** A step was skipped: already in the wanted state. */
        SKIPPED,
        /** A step failed; {@code message} says why. */
        FAILED,
        /** Waiting (a retry back-off, an outside system not ready yet); {@code message} says for what. */
        WAITING,
        /** A line of output from an outside tool (a compiler, a container build). */
        OUTPUT
    }

    /** Receives events. */
    @FunctionalInterface
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = e -> { };

        /**
         * Receives one progress event.
         *
         * @param event the event
         */
        void on(ProgressEvent event);
    }

    /**
     * Checks the parts; null strings become {@code ""}.
     *
     * @param kind    what happened
     * @param step    the step or phase it belongs to
     * @param subject what it is about, or {@code ""}
     * @param done    units done so far, or 0
     * @param total   units in all, or 0 when unknown
     * @param message a one-line detail without secrets, or {@code ""}
     * @param at      when it happened
     */
    public ProgressEvent {
        Objects.requireNonNull(kind, "kind");
        step = step == null ? "" : step;
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
        Objects.requireNonNull(at, "at");
    }

    /**
     * Creates an event of now, with no unit counts.
     *
     * @param kind what happened
     * @param step the step
     * @param subject what it is about
     * @param message a detail
     * @return an event now, with no unit counts
     */
    public static ProgressEvent of(Kind kind, String step, String subject, String message) {
        return new ProgressEvent(kind, step, subject, 0, 0, message, Instant.now());
    }

    /**
     * Creates an {@link Kind#ADVANCED} event of now, with the units done so far.
     *
     * @param step the step
     * @param subject what it is about
     * @param done units done
     * @param total units in all, or 0
     * @return an {@link Kind#ADVANCED} event now
     */
    public static ProgressEvent advanced(String step, String subject, long done, long total) {
        return new ProgressEvent(Kind.ADVANCED, step, subject, done, total, "", Instant.now());
    }
}
