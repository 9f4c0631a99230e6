package io.ocatopic.ztp.mirror;

import java.util.Objects;

/**
 * One image to copy: from a source reference (tag or digest) to a destination reference. A
 * destination without a tag receives the image by digest only.
 *
 * <pre>{@code
 * MirrorRequest r = MirrorRequest.of("quay.io/org/app:1.0", "mirror.local:5000/org/app:1.0");
 * }</pre>
 *
 * @param source where to read the image
 * @param destination where to write it
 */
public record MirrorRequest(ImageReference source, ImageReference destination) {
    /**
     * Validates the parts.
     *
     * @param source the source
     * @param destination the destination
     */
    public MirrorRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (destination.digest().isPresent() && source.digest().isPresent()
                && !destination.digest().equals(source.digest())) {
            throw new IllegalArgumentException("destination digest differs from source digest: " + destination);
        }
    }

    /**
     * Parses both references.
     *
     * @param source the source reference
     * @param destination the destination reference
     * @return the request
     */
    public static MirrorRequest of(String source, String destination) {
        return new MirrorRequest(ImageReference.parse(source), ImageReference.parse(destination));
    }

    @Override
    public String toString() {
        return source + " -> " + destination;
    }
}
