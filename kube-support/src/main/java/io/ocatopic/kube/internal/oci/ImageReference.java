package io.ocatopic.kube.internal.oci;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference: registry host, repository path, and a tag and/or a digest.
 *
 * <p>Parsing follows the distribution reference grammar (distribution/reference/normalize.go): the
 * first path component is a registry when it contains a dot or a colon or is {@code localhost};
 * otherwise the image is on Docker Hub ({@code docker.io}, single names under {@code library/}).
 *
 * <pre>{@code
 * ImageReference ref = ImageReference.parse("quay.io/openshift/origin-cli:4.16");
 * ref.registry();   // "quay.io"
 * ref.repository(); // "openshift/origin-cli"
 * }</pre>
 *
 * @param registry the registry host with optional port, for example {@code 127.0.0.1:5000}
 * @param repository the repository path, for example {@code org/app}
 * @param tag the tag, if any
 * @param digest the digest ({@code sha256:...}), if any
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {
    /** Docker Hub's canonical registry name. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[a-fA-F0-9:.]+\\])(?::[0-9]{1,5})?");
    /** How a registry host is written, for messages. */
    static final String HOST_FORM = "a registry host is host[:port], DNS labels (letters, digits, inner '-') joined by"
            + " dots or an [IPv6] address, such as quay.io or 127.0.0.1:5000; no user@, scheme, path or other characters";
    /** How a repository is written, for messages. */
    static final String REPOSITORY_FORM = "a repository is lower-case path components [a-z0-9]+ joined by '.', '_',"
            + " '__' or '-', separated by '/', such as org/app";
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /**
     * Validates the parts.
     *
     * @param registry the registry host
     * @param repository the repository path
     * @param tag an optional tag
     * @param digest an optional digest
     */
    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (!isRegistryHost(registry)) {
            throw new IllegalArgumentException("invalid registry host \"" + registry + "\": " + HOST_FORM);
        }
        if (!isRepository(repository)) {
            throw new IllegalArgumentException("invalid repository \"" + repository + "\": " + REPOSITORY_FORM);
        }
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("invalid tag: " + t);
            }
        });
        digest.ifPresent(d -> {
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException("invalid or unsupported digest: " + d);
            }
        });
    }

    /**
     * Whether a text is a registry host as image references name it (distribution/reference's domain):
     * {@code host[:port]}, the host DNS labels (letters, digits, inner hyphens) joined by dots, or an IPv6
     * address in brackets. {@code evil@host}, {@code host#} and {@code https://host} are not.
     *
     * @param host the text
     * @return whether it is one
     */
    public static boolean isRegistryHost(String host) {
        return host != null && host.length() <= 255 && HOST.matcher(host).matches();
    }

    /**
     * Whether a text is a repository path by the distribution spec's grammar
     * ({@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}, at most 255 characters).
     *
     * @param repository the text
     * @return whether it is one
     */
    public static boolean isRepository(String repository) {
        return repository != null && repository.length() <= 255 && REPOSITORY.matcher(repository).matches();
    }

    /**
     * Checks a registry host given on its own (a destination, a source registry's options), naming the field.
     *
     * @param field what the host is, for the message ({@code destination registry})
     * @param host the host
     * @return the host
     * @throws IllegalArgumentException naming the field and the form a host takes
     */
    public static String requireRegistryHost(String field, String host) {
        Objects.requireNonNull(host, field);
        if (!isRegistryHost(host)) {
            throw new IllegalArgumentException(field + " \"" + host + "\" is not a registry host: " + HOST_FORM);
        }
        return host;
    }

    /**
     * Checks a repository path (or prefix) given on its own, naming the field.
     *
     * @param field what it is, for the message ({@code destination prefix})
     * @param repository the path
     * @return the path
     * @throws IllegalArgumentException naming the field and the form a repository takes
     */
    public static String requireRepository(String field, String repository) {
        Objects.requireNonNull(repository, field);
        if (!isRepository(repository)) {
            throw new IllegalArgumentException(field + " \"" + repository + "\" is not a repository path: "
                    + REPOSITORY_FORM);
        }
        return repository;
    }

    /**
     * Parses {@code [registry/]repository[:tag][@digest]}; a reference with neither tag nor digest
     * gets the tag {@code latest}.
     *
     * @param text the reference
     * @return the parsed reference
     * @throws IllegalArgumentException when the text is not a valid reference
     */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text.trim();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0 && rest.indexOf('/', at) >= 0) {
            throw new IllegalArgumentException("invalid reference \"" + rest + "\": '@' may only precede the digest at"
                    + " the end; " + HOST_FORM);
        }
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String registry;
        String repository;
        int first = rest.indexOf('/');
        String head = first < 0 ? "" : rest.substring(0, first);
        if (first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost"))) {
            registry = head;
            repository = rest.substring(first + 1);
        } else {
            registry = DOCKER_HUB;
            repository = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /**
     * The host that serves the registry API ({@code registry-1.docker.io} for Docker Hub).
     *
     * @return the API host with optional port
     */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /**
     * The reference to use in a manifest URL: the digest when present, otherwise the tag.
     *
     * @return a digest or a tag
     */
    public String manifestReference() {
        return digest.or(() -> tag).orElseThrow();
    }

    /**
     * The repository with its registry, for example {@code quay.io/org/app}.
     *
     * @return {@code registry/repository}
     */
    public String fullRepository() {
        return registry + "/" + repository;
    }

    /**
     * The same repository pinned to a digest (tag dropped).
     *
     * @param newDigest the digest
     * @return a reference {@code registry/repository@digest}
     */
    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, Optional.empty(), Optional.of(newDigest));
    }

    @Override
    public String toString() {
        return fullRepository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
