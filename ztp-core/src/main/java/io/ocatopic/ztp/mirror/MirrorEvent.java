package io.ocatopic.ztp.mirror;

/**
 * Progress of a mirror run, delivered to a {@link MirrorListener} from worker threads.
 *
 * <pre>{@code
 * MirrorListener l = e -> {
 *     if (e instanceof MirrorEvent.BlobDone d && d.outcome() == MirrorEvent.BlobOutcome.TRANSFERRED) {
 *         System.out.println("sent " + d.digest());
 *     }
 * };
 * }</pre>
 */
public sealed interface MirrorEvent {
    /** How a blob came to be present at the destination. */
    enum BlobOutcome {
        /** Its bytes were sent. */
        TRANSFERRED,
        /** The destination already had it (HEAD). */
        PRESENT,
        /** The journal records it as present. */
        JOURNALED,
        /** Mounted from another repository of the destination registry, no bytes sent. */
        MOUNTED
    }

    /**
     * An image is being looked at.
     *
     * @param request the image
     */
    record ImageStarted(MirrorRequest request) implements MirrorEvent {
    }

    /**
     * A blob will be needed at the destination; {@code size} adds to the work known so far.
     *
     * @param repository the destination repository
     * @param digest the blob digest
     * @param size its size in bytes
     */
    record BlobQueued(String repository, String digest, long size) implements MirrorEvent {
    }

    /**
     * Bytes of a blob were read from the source and sent on.
     *
     * @param digest the blob digest
     * @param bytes how many bytes since the last event for it
     */
    record BytesSent(String digest, long bytes) implements MirrorEvent {
    }

    /**
     * A blob is present at the destination.
     *
     * @param repository the destination repository
     * @param digest the blob digest
     * @param size its size in bytes
     * @param outcome how it got there
     */
    record BlobDone(String repository, String digest, long size, BlobOutcome outcome) implements MirrorEvent {
    }

    /**
     * An image finished, successfully or not.
     *
     * @param result what happened
     */
    record ImageDone(ImageResult result) implements MirrorEvent {
    }
}
