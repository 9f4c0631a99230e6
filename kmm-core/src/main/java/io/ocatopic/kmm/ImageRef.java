package io.ocatopic.kmm;

import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference split into registry, repository, tag and digest, with the rewrites
 * disconnected spokes need (pin to a digest, move to a mirror registry).
 *
 * <pre>{@code
 * ImageRef ref = ImageRef.parse("registry.example.com/kmm/hello:6.1.0-54-amd64");
 * ImageRef mirrored = ref.withDigest("sha256:...").onRegistry("mirror.edge:5000");
 * // mirror.edge:5000/kmm/hello@sha256:...
 * }</pre>
 *
 * @param registry   the registry host[:port], empty for Docker Hub style references
 * @param repository the repository path
 * @param tag        the tag, empty when absent
 * @param digest     the digest ({@code sha256:...}), empty when absent
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    /**
     * Checks the parts.
     *
     * @param registry   the registry, or empty
     * @param repository the repository (required)
     * @param tag        the tag, or empty
     * @param digest     the digest, or empty
     */
    public ImageRef {
        registry = registry == null ? "" : registry;
        Objects.requireNonNull(repository, "repository");
        if (repository.isEmpty()) {
            throw new IllegalArgumentException("image reference without repository");
        }
        tag = tag == null ? "" : tag;
        digest = digest == null ? "" : digest;
    }

    /**
     * Parses {@code [registry/]repository[:tag][@digest]}. The first path component is a registry when it
     * contains {@code .} or {@code :} or is {@code localhost}.
     *
     * @param reference the reference
     * @return the parts
     */
    public static ImageRef parse(String reference) {
        String rest = reference;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = "";
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /**
     * The same image pinned to a digest (the tag is dropped: {@code repo@sha256:...}).
     *
     * @param newDigest the digest
     * @return the pinned reference
     */
    public ImageRef withDigest(String newDigest) {
        return new ImageRef(registry, repository, "", newDigest);
    }

    /**
     * The same repository, tag and digest on another registry (for example a spoke's mirror).
     *
     * @param newRegistry the registry host[:port]
     * @return the moved reference
     */
    public ImageRef onRegistry(String newRegistry) {
        return new ImageRef(newRegistry, repository, tag, digest);
    }

    /** @return the tag, if any */
    public Optional<String> tagIfAny() {
        return tag.isEmpty() ? Optional.empty() : Optional.of(tag);
    }

    /** @return {@code registry/repository} without tag or digest */
    public String name() {
        return registry.isEmpty() ? repository : registry + "/" + repository;
    }

    @Override
    public String toString() {
        return name() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
