package io.ocatopic.ztp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated description of a factory run: one OpenShift release, the registry mirrors, and the edge
 * clusters to build (a ZTPFW config file, typed). An instance that exists is valid: {@link Builder#build()}
 * and {@link #load(Path)} check every rule and throw {@link ZtpException} with reason
 * {@link ZtpException.Reason#INVALID_SPEC} listing every problem with its field path.
 *
 * <pre>{@code
 * ChassisSpec spec = ChassisSpec.builder()
 *         .release(ReleaseSpec.of("4.14.10"))
 *         .pullSecret(SecretValue.fromFile(Path.of("pull-secret.json")))
 *         .cluster(ClusterSpec.builder().name("edge-1").baseDomain("example.com")
 *                 .nodes(nodes).build())
 *         .build();
 * spec.save(Path.of("chassis.yaml"));                 // inline secrets keep the file 0600
 * ChassisSpec again = ChassisSpec.load(Path.of("chassis.yaml"));
 * }</pre>
 */
public final class ChassisSpec {
    private final ReleaseSpec release;
    private final Optional<String> registry;
    private final List<MirrorSpec> mirrors;
    private final SecretValue pullSecret;
    private final Optional<String> sshKey;
    private final List<ClusterSpec> clusters;

    private ChassisSpec(Builder b) {
        this.release = b.release;
        this.registry = Optional.ofNullable(b.registry);
        this.mirrors = List.copyOf(b.mirrors);
        this.pullSecret = b.pullSecret;
        this.sshKey = Optional.ofNullable(b.sshKey);
        this.clusters = List.copyOf(b.clusters);
    }

    /** @return the OpenShift release */
    public ReleaseSpec release() {
        return release;
    }

    /** @return the external registry ({@code host:port}) when one is used */
    public Optional<String> registry() {
        return registry;
    }

    /** @return registry mirrors, may be empty */
    public List<MirrorSpec> mirrors() {
        return mirrors;
    }

    /** @return the pull secret, by value or reference */
    public SecretValue pullSecret() {
        return pullSecret;
    }

    /** @return the SSH public key installed on the nodes, when given */
    public Optional<String> sshKey() {
        return sshKey;
    }

    /** @return the clusters, at least one */
    public List<ClusterSpec> clusters() {
        return clusters;
    }

    /**
     * One cluster by name.
     *
     * @param name the cluster name
     * @return the cluster
     * @throws ZtpException with {@link ZtpException.Reason#NOT_FOUND} when absent
     */
    public ClusterSpec cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new ZtpException(ZtpException.Reason.NOT_FOUND, "no cluster named " + name));
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder b = new Builder().release(release).mirrors(mirrors).pullSecret(pullSecret).clusters(clusters);
        registry.ifPresent(b::registry);
        sshKey.ifPresent(b::sshKey);
        return b;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a spec in ocatopic's own YAML or JSON format.
     *
     * @param file the file
     * @return the validated spec
     * @throws ZtpException {@code IO}, {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every error)
     */
    public static ChassisSpec load(Path file) {
        return ChassisCodec.read(ChassisCodec.readFile(file));
    }

    /**
     * Parses a spec in ocatopic's own YAML or JSON format.
     *
     * @param text the YAML or JSON
     * @return the validated spec
     * @throws ZtpException {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every error)
     */
    public static ChassisSpec parse(String text) {
        return ChassisCodec.read(text);
    }

    /** @return this spec as YAML (inline secret values are written; references stay references) */
    public String toYaml() {
        return ChassisCodec.yaml(this);
    }

    /** @return this spec as JSON */
    public String toJson() {
        return ChassisCodec.json(this);
    }

    /**
     * Writes this spec atomically; the file is made 0600 when any secret is inline.
     *
     * @param file the target, {@code .json} for JSON, otherwise YAML
     * @throws ZtpException with {@code IO} when the file cannot be written
     */
    public void save(Path file) {
        boolean json = file.getFileName().toString().endsWith(".json");
        ChassisCodec.writeFile(file, json ? toJson() : toYaml(), hasInlineSecret());
    }

    boolean hasInlineSecret() {
        if (pullSecret.kind() == SecretValue.Kind.VALUE) {
            return true;
        }
        return clusters.stream().flatMap(c -> c.nodes().stream())
                .anyMatch(n -> n.bmc() != null && n.bmc().password() != null
                        && n.bmc().password().kind() == SecretValue.Kind.VALUE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChassisSpec s && s.release.equals(release) && s.registry.equals(registry)
                && s.mirrors.equals(mirrors) && s.pullSecret.equals(pullSecret) && s.sshKey.equals(sshKey)
                && s.clusters.equals(clusters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(release, registry, mirrors, pullSecret, sshKey, clusters);
    }

    @Override
    public String toString() {
        return "ChassisSpec[release=" + release.version() + ", clusters="
                + clusters.stream().map(ClusterSpec::name).toList() + "]";
    }

    /** Builds a {@link ChassisSpec}, validating everything in {@link #build()}. */
    public static final class Builder {
        private ReleaseSpec release;
        private String registry;
        private final List<MirrorSpec> mirrors = new ArrayList<>();
        private SecretValue pullSecret;
        private String sshKey;
        private final List<ClusterSpec> clusters = new ArrayList<>();

        private Builder() {
        }

        /**

         * Sets a value.

         *

         * @param v the release

         * @return this

         */
        public Builder release(ReleaseSpec v) {
            release = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v external registry {@code host:port}

         * @return this

         */
        public Builder registry(String v) {
            registry = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v a mirror, appended

         * @return this

         */
        public Builder mirror(MirrorSpec v) {
            mirrors.add(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v mirrors, appended

         * @return this

         */
        public Builder mirrors(List<MirrorSpec> v) {
            mirrors.addAll(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the pull secret

         * @return this

         */
        public Builder pullSecret(SecretValue v) {
            pullSecret = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v SSH public key

         * @return this

         */
        public Builder sshKey(String v) {
            sshKey = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v a cluster, appended

         * @return this

         */
        public Builder cluster(ClusterSpec v) {
            clusters.add(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v clusters, appended

         * @return this

         */
        public Builder clusters(List<ClusterSpec> v) {
            clusters.addAll(v);
            return this;
        }

        /** @return every problem of the values given so far, empty when they form a valid spec */
        public List<ValidationError> problems() {
            return ChassisValidator.validate(release, registry, mirrors, pullSecret, sshKey, clusters);
        }

        /**
         * Validates and builds.
         *
         * @return the spec
         * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} and every error
         */
        public ChassisSpec build() {
            List<ValidationError> errors = problems();
            if (!errors.isEmpty()) {
                throw ZtpException.invalid(errors);
            }
            return new ChassisSpec(this);
        }
    }
}
