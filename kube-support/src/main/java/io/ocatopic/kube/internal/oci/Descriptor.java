package io.ocatopic.kube.internal.oci;

import java.util.Objects;
import java.util.Optional;

/**
 * A content descriptor from a manifest or index: what it is, its digest and size, and, for index
 * entries, its platform.
 *
 * @param mediaType the media type
 * @param digest the digest, {@code sha256:...}
 * @param size the size in bytes
 * @param platform the platform of an index entry, if given
 */
public record Descriptor(String mediaType, String digest, long size, Optional<Platform> platform) {
    /**
     * Validates the parts.
     *
     * @param mediaType the media type
     * @param digest the digest
     * @param size the size
     * @param platform the optional platform
     */
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(platform, "platform");
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + digest);
        }
        if (!digest.matches("sha256:[a-f0-9]{64}")) {
            throw new IllegalArgumentException("unsupported digest: " + digest);
        }
    }
}
