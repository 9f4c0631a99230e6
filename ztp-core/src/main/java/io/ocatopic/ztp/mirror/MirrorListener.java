package io.ocatopic.ztp.mirror;

/**
 * Receives {@link MirrorEvent}s. Called concurrently from worker threads, so implementations must
 * be thread-safe and quick; an exception thrown here is logged and otherwise ignored.
 *
 * <pre>{@code
 * AtomicLong sent = new AtomicLong();
 * MirrorListener l = e -> { if (e instanceof MirrorEvent.BytesSent b) sent.addAndGet(b.bytes()); };
 * }</pre>
 */
@FunctionalInterface
public interface MirrorListener {
    /** A listener that ignores every event. */
    MirrorListener NONE = e -> { };

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void on(MirrorEvent event);
}
