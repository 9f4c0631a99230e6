package io.ocatopic.ztp.mirror;

import io.ocatopic.ztp.ZtpException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one image of a mirror run.
 *
 * <pre>{@code
 * for (ImageResult r : result.images()) {
 *     System.out.println(r.request() + " " + r.status() + " " + r.digest().orElse("-"));
 * }
 * }</pre>
 *
 * @param request the image asked for
 * @param status the outcome
 * @param sourceDigest the source's top-level digest, if it was resolved
 * @param digest the destination's top-level digest (differs from the source's only when an index
 *     was reduced to some platforms), if the image is there
 * @param childDigests the per-platform manifests copied for an index (empty otherwise)
 * @param bytesSent blob bytes sent for this image (shared blobs count for the image that sent them)
 * @param elapsed wall time spent on it
 * @param error why it failed, for {@link Status#FAILED}
 */
public record ImageResult(MirrorRequest request, Status status, Optional<String> sourceDigest, Optional<String> digest,
                          List<String> childDigests, long bytesSent, Duration elapsed, Optional<ZtpException> error) {
    /** Outcome of one image. */
    public enum Status {
        /** Copied (some or all of its content was sent or mounted, the tag set). */
        MIRRORED,
        /** The destination already had it under the requested reference; nothing was sent. */
        UNCHANGED,
        /** It failed; the destination tag was not touched. */
        FAILED
    }

    /**
     * Validates and copies.
     *
     * @param request the request
     * @param status the status
     * @param sourceDigest the source digest
     * @param digest the destination digest
     * @param childDigests the child digests
     * @param bytesSent bytes sent
     * @param elapsed time spent
     * @param error the failure
     */
    public ImageResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sourceDigest, "sourceDigest");
        Objects.requireNonNull(digest, "digest");
        childDigests = List.copyOf(childDigests);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(error, "error");
        if ((status == Status.FAILED) != error.isPresent()) {
            throw new IllegalArgumentException("an error goes with FAILED, and only with it");
        }
    }

    /** @return whether the image is at the destination after the run */
    public boolean ok() {
        return status != Status.FAILED;
    }
}
