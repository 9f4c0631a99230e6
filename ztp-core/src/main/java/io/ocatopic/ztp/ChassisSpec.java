package io.ocatopic.ztp;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.internal.ChassisFormat;
import io.ocatopic.ztp.internal.ChassisValidator;
import io.ocatopic.ztp.internal.IpNet;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.internal.ZtpFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated description of a factory run: one OpenShift release, the registry mirrors, and the edge
 * clusters to build (a ZTPFW config file, typed), and the entry point of {@code ztp-core}: load or build a
 * spec, then {@link #render()} everything a factory install needs. An instance that exists is valid:
 * {@link Builder#build()} and {@link #load(Path)} check every rule and throw {@link ZtpException} with reason
 * {@link ZtpException.Reason#INVALID_SPEC} listing every {@link Problem} with its field path.
 *
 * <pre>{@code
 * ChassisSpec spec = ChassisSpec.builder()
 *         .release(ChassisSpec.Release.of("4.14.10"))
 *         .pullSecret(Secret.fromFile(Path.of("pull-secret.json")))
 *         .cluster(ChassisSpec.Cluster.builder().name("edge-1").baseDomain("example.com")
 *                 .nodes(nodes).build())
 *         .build();
 * spec.save(Path.of("chassis.yaml"));                 // inline secrets keep the file 0600
 * ChassisSpec again = ChassisSpec.load(Path.of("chassis.yaml"));
 * ChassisRender render = again.render();             // pure: in memory, nothing written or applied
 * render.clusters().forEach(c -> {
 *     System.out.println(c.name() + ": " + c.hubObjects().size() + " hub objects");
 *     c.agentInstallSkipped().ifPresent(why -> System.out.println("  no agent-based install: " + why));
 * });
 * render.write(Path.of("out"));                      // then the files: out/edge-1/install-config.yaml, ...
 * }</pre>
 */
public final class ChassisSpec {
    /** The sample pull secret of {@link #sample(String, int)}: {@code {"auths":{}}}, a registry auth map without credentials. */
    public static final String SAMPLE_PULL_SECRET = SampleChassis.PULL_SECRET;

    private final Release release;
    private final Optional<String> registry;
    private final List<Mirror> mirrors;
    private final Secret pullSecret;
    private final Optional<String> sshKey;
    private final List<Cluster> clusters;

    private ChassisSpec(Builder b) {
        this.release = b.release;
        this.registry = Optional.ofNullable(b.registry);
        this.mirrors = List.copyOf(b.mirrors);
        this.pullSecret = b.pullSecret;
        this.sshKey = Optional.ofNullable(b.sshKey);
        this.clusters = List.copyOf(b.clusters);
    }

    /**
     * Returns the OpenShift release.
     *
     * @return the OpenShift release
     */
    public Release release() {
        return release;
    }

    /**
     * Returns the external registry ({@code host:port}), when one is used.
     *
     * @return the external registry ({@code host:port}) when one is used
     */
    public Optional<String> registry() {
        return registry;
    }

    /**
     * Returns the registry mirrors, if any.
     *
     * @return registry mirrors, may be empty
     */
    public List<Mirror> mirrors() {
        return mirrors;
    }

    /**
     * Returns the pull secret, by value or reference.
     *
     * @return the pull secret, by value or reference
     */
    public Secret pullSecret() {
        return pullSecret;
    }

    /**
     * Returns the SSH public key installed on the nodes, when given.
     *
     * @return the SSH public key installed on the nodes, when given
     */
    public Optional<String> sshKey() {
        return sshKey;
    }

    /**
     * Returns the clusters, at least one.
     *
     * @return the clusters, at least one
     */
    public List<Cluster> clusters() {
        return clusters;
    }

    /**
     * One cluster by name.
     *
     * @param name the cluster name
     * @return the cluster
     * @throws ZtpException with {@link ZtpException.Reason#NOT_FOUND} when absent
     */
    public Cluster cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new ZtpException(ZtpException.Reason.NOT_FOUND, "no cluster named " + name));
    }

    /**
     * Returns a builder holding this spec's values.
     *
     * @return a builder holding this spec's values
     */
    public Builder toBuilder() {
        Builder b = new Builder().release(release).mirrors(mirrors).pullSecret(pullSecret).clusters(clusters);
        registry.ifPresent(b::registry);
        sshKey.ifPresent(b::sshKey);
        return b;
    }

    /**
     * Creates a new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A valid sample chassis for examples, tests and benchmarks: {@code count} ZTPFW-shaped 3+1 clusters
     * named {@code <prefix>-1 .. <prefix>-<count>}, with unique MACs and inline sample secrets (never use
     * them for real hardware).
     *
     * <pre>{@code
     * ChassisSpec spec = ChassisSpec.sample("edge", 3);   // edge-1 .. edge-3, 3 masters + 1 worker each
     * }</pre>
     *
     * @param prefix the cluster name prefix
     * @param count  how many clusters, at least one
     * @return the validated spec
     */
    public static ChassisSpec sample(String prefix, int count) {
        return SampleChassis.chassis(prefix, count);
    }

    /**
     * Loads a spec in ocatopic's own YAML or JSON format. ZTPFW and SiteConfig files are imported with
     * {@link ChassisImport}.
     *
     * @param file the file
     * @return the validated spec
     * @throws ZtpException {@code IO}, {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every problem)
     */
    public static ChassisSpec load(Path file) {
        return ChassisFormat.read(ZtpFiles.read(file));
    }

    /**
     * Parses a spec in ocatopic's own YAML or JSON format.
     *
     * @param text the YAML or JSON
     * @return the validated spec
     * @throws ZtpException {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every problem)
     */
    public static ChassisSpec parse(String text) {
        return ChassisFormat.read(text);
    }

    /**
     * Writes this spec as YAML.
     *
     * @return this spec as YAML (inline secret values are written; references stay references)
     */
    public String toYaml() {
        return ChassisFormat.yaml(this);
    }

    /**
     * Writes this spec as JSON.
     *
     * @return this spec as JSON
     */
    public String toJson() {
        return ChassisFormat.json(this);
    }

    /**
     * Writes this spec atomically; the file is made 0600 when any secret is inline.
     *
     * @param file the target, {@code .json} for JSON, otherwise YAML
     * @throws ZtpException with {@code IO} when the file cannot be written
     */
    public void save(Path file) {
        boolean json = file.getFileName().toString().endsWith(".json");
        ZtpFiles.write(file, json ? toJson() : toYaml(), hasInlineSecret());
    }

    /**
     * Renders every output of this chassis (pure: nothing is applied), without ACM import credentials: each
     * cluster's import set then has no auto-import Secret.
     *
     * @return the rendered outputs
     * @throws ZtpException {@code SECRET_UNRESOLVED} when a secret given by local reference cannot be read
     */
    public ChassisRender render() {
        return render(Map.of());
    }

    /**
     * Renders every output of this chassis (pure: nothing is applied).
     *
     * @param credentials ACM import credentials per cluster name; clusters without get an import set without
     *                    the auto-import Secret
     * @return the rendered outputs
     * @throws ZtpException {@code SECRET_UNRESOLVED} when a secret given by local reference cannot be read
     */
    public ChassisRender render(Map<String, ImportCredentials> credentials) {
        return ChassisRender.of(this, credentials);
    }

    private boolean hasInlineSecret() {
        if (pullSecret.kind() == Secret.Kind.VALUE) {
            return true;
        }
        return clusters.stream().flatMap(c -> c.nodes().stream())
                .anyMatch(n -> n.bmc() != null && n.bmc().password() != null
                        && n.bmc().password().kind() == Secret.Kind.VALUE);
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
                + clusters.stream().map(Cluster::name).toList() + "]";
    }

    /** Builds a {@link ChassisSpec}, validating everything in {@link #build()}. */
    public static final class Builder {
        private Release release;
        private String registry;
        private final List<Mirror> mirrors = new ArrayList<>();
        private Secret pullSecret;
        private String sshKey;
        private final List<Cluster> clusters = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets a value.
         *
         * @param v the release
         * @return this
         */
        public Builder release(Release v) {
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
        public Builder mirror(Mirror v) {
            mirrors.add(v);
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v mirrors, appended
         * @return this
         */
        public Builder mirrors(List<Mirror> v) {
            mirrors.addAll(v);
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v the pull secret
         * @return this
         */
        public Builder pullSecret(Secret v) {
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
        public Builder cluster(Cluster v) {
            clusters.add(v);
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v clusters, appended
         * @return this
         */
        public Builder clusters(List<Cluster> v) {
            clusters.addAll(v);
            return this;
        }

        /**
         * Returns every problem of the values given so far, empty when they form a valid spec.
         *
         * @return every problem of the values given so far, empty when they form a valid spec
         */
        public List<Problem> problems() {
            return ChassisValidator.validate(release, registry, mirrors, pullSecret, sshKey, clusters);
        }

        /**
         * Validates and builds.
         *
         * @return the spec
         * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} and every problem
         */
        public ChassisSpec build() {
            List<Problem> problems = problems();
            if (!problems.isEmpty()) {
                throw ZtpException.invalid(problems);
            }
            return new ChassisSpec(this);
        }
    }

    /**
     * The OpenShift release and add-on versions (the ZTPFW {@code config:} map).
     *
     * @param version         {@code OC_OCP_VERSION}, e.g. {@code 4.14.10}
     * @param tag             {@code OC_OCP_TAG}, by default {@code <version>-x86_64}
     * @param rhcosRelease    {@code OC_RHCOS_RELEASE}, when known
     * @param clientMirror    {@code OC_OCP_MIRROR}, where clients and release.txt are downloaded from
     * @param clusterImageSet {@code clusterimageset}, by default {@code openshift-v<version>}
     * @param acmVersion      {@code OC_ACM_VERSION}, when given
     * @param odfVersion      {@code OC_ODF_VERSION}, when given
     */
    public record Release(String version, String tag, Optional<String> rhcosRelease, String clientMirror,
                          String clusterImageSet, Optional<String> acmVersion, Optional<String> odfVersion) {
        /** ZTPFW's default {@code OC_OCP_MIRROR}. */
        public static final String DEFAULT_CLIENT_MIRROR = "https://mirror.openshift.com/pub/openshift-v4/clients/ocp";
        /** Where release images are published. */
        public static final String RELEASE_REPOSITORY = "quay.io/openshift-release-dev/ocp-release";

        /**
         * Fills ZTPFW's defaults for tag, mirror and image set (ztp/internal/enricher.go).
         *
         * @param version         the version
         * @param tag             the tag or {@code null}
         * @param rhcosRelease    the RHCOS release or empty
         * @param clientMirror    the client mirror or {@code null}
         * @param clusterImageSet the image set name or {@code null}
         * @param acmVersion      the ACM version or empty
         * @param odfVersion      the ODF version or empty
         */
        public Release {
            rhcosRelease = rhcosRelease == null ? Optional.empty() : rhcosRelease;
            acmVersion = acmVersion == null ? Optional.empty() : acmVersion;
            odfVersion = odfVersion == null ? Optional.empty() : odfVersion;
            if (version != null) {
                tag = tag == null ? version + "-x86_64" : tag;
                clusterImageSet = clusterImageSet == null ? "openshift-v" + version : clusterImageSet;
            }
            clientMirror = clientMirror == null ? DEFAULT_CLIENT_MIRROR : clientMirror;
        }

        /**
         * A release with defaults for everything but the version.
         *
         * @param version the OpenShift version
         * @return the release
         */
        public static Release of(String version) {
            return new Release(version, null, Optional.empty(), null, null, Optional.empty(), Optional.empty());
        }

        /**
         * Returns the release image, the release repository with the release's tag.
         *
         * @return the release image, {@value #RELEASE_REPOSITORY}{@code :<tag>}
         */
        public String releaseImage() {
            return RELEASE_REPOSITORY + ":" + tag;
        }
    }

    /**
     * One registry mirror: pulls by digest from {@code source} are served from {@code mirrors}. Rendered into
     * an {@code ImageDigestMirrorSet} and the install-config's {@code imageDigestSources}.
     *
     * @param source  the original repository, for example {@code quay.io/openshift-release-dev/ocp-release}
     * @param mirrors the mirror repositories, tried in order
     * @param policy  whether the source may still be contacted
     */
    public record Mirror(String source, List<String> mirrors, Policy policy) {
        /**
         * Copies the list.
         *
         * @param source  the original repository
         * @param mirrors the mirrors
         * @param policy  the source policy
         */
        public Mirror {
            mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
            policy = policy == null ? Policy.ALLOW_CONTACTING_SOURCE : policy;
        }

        /** {@code mirrorSourcePolicy} of {@code ImageDigestMirrorSet} ({@code config.openshift.io/v1}). */
        public enum Policy {
            /** {@code AllowContactingSource}: fall back to the source when no mirror answers. */
            ALLOW_CONTACTING_SOURCE("AllowContactingSource"),
            /** {@code NeverContactSource}: fully disconnected. */
            NEVER_CONTACT_SOURCE("NeverContactSource");

            private final String apiName;

            Policy(String apiName) {
                this.apiName = apiName;
            }

            /**
             * Returns the policy's spelling in the API.
             *
             * @return the API's spelling
             */
            public String apiName() {
                return apiName;
            }
        }
    }

    /** The shape of a cluster, derived from its node roles. */
    public enum Layout {
        /** One control-plane node, no workers (single-node OpenShift). */
        SINGLE_NODE,
        /** Three control-plane nodes that also run workloads, no workers. */
        COMPACT,
        /** Three control-plane nodes plus workers (the ZTPFW chassis is 3+1). */
        STANDARD,
        /** Anything else; never valid, reported by validation. */
        INVALID
    }

    /** The role of a node in a cluster. */
    public enum NodeRole {
        /** A control-plane (master) node; one means single-node OpenShift, three a compact or standard cluster. */
        CONTROL_PLANE("master"),
        /** A worker node. */
        WORKER("worker");

        private final String installerName;

        NodeRole(String installerName) {
            this.installerName = installerName;
        }

        /**
         * Returns the role's name in install-config and agent-config.
         *
         * @return the role's name in install-config/agent-config ({@code master} or {@code worker})
         */
        public String installerName() {
            return installerName;
        }
    }

    /**
     * How to reach a node's baseboard management controller.
     *
     * @param url      the BMC address, for example {@code redfish-virtualmedia://10.0.0.5/redfish/v1/Systems/1}
     * @param username the BMC user name
     * @param password the BMC password, by value or reference; never printed
     */
    public record Bmc(String url, String username, Secret password) {
        /**
         * Shows the BMC without secrets: a password written into the URL ({@code ipmi://user:pw@host}, which
         * validation refuses) is shown as {@code ***}, and the password itself as {@link Secret} shows it.
         *
         * @return the BMC, safe for logs
         */
        @Override
        public String toString() {
            String shown = url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1***@");
            return "Bmc[url=" + shown + ", username=" + username + ", password=" + password + "]";
        }
    }

    /**
     * A network interface of a node.
     *
     * @param name the interface name on the host (for example {@code eno1})
     * @param mac  its MAC address, {@code aa:bb:cc:dd:ee:ff}
     */
    public record Nic(String name, String mac) {
    }

    /**
     * A cluster's networks. {@link #ztpfwDefaults()} gives the fixed ZTPFW layout: machine network
     * 192.168.7.0/24 (gateway .1, API VIP .243, ingress VIP .242), cluster network 10.128.0.0/14 with /23 per
     * host, service network 172.30.0.0/16 (ztp/internal/enricher.go). The primary family may be IPv4 or IPv6
     * (single-stack IPv6: every network, VIP and node address IPv6, cluster {@code hostPrefix} 64); a dual-stack
     * cluster adds the other family as {@link #secondary()}, rendered second in every list
     * ({@code machineNetwork}, {@code clusterNetwork}, {@code serviceNetwork}, {@code apiVIPs},
     * {@code ingressVIPs}), and each node its {@link Node#secondaryMachineIp()}.
     *
     * <pre>{@code
     * ChassisSpec.Network dual = ChassisSpec.Network.ztpfwDefaults().withSecondary(new ChassisSpec.SecondaryNetwork(
     *         "fd00:7::/64", Optional.of("fd00:7::1"), Optional.of("fd00:7::f3"), Optional.of("fd00:7::f2"),
     *         "fd01::/48", 64, "fd02::/112"));
     * }</pre>
     *
     * @param machineNetwork the nodes' internal network (CIDR)
     * @param gateway        the internal network's gateway
     * @param apiVip         the API virtual IP (empty for single-node)
     * @param ingressVip     the ingress virtual IP (empty for single-node)
     * @param clusterNetwork the pod network (CIDR)
     * @param hostPrefix     the pod subnet prefix per node
     * @param serviceNetwork the service network (CIDR)
     * @param dnsServers     DNS servers for the internal NIC, may be empty (IPv4 or IPv6 addresses)
     * @param secondary      the second IP family of a dual-stack cluster, empty for single-stack
     */
    public record Network(String machineNetwork, String gateway, Optional<String> apiVip,
                          Optional<String> ingressVip, String clusterNetwork, int hostPrefix,
                          String serviceNetwork, List<String> dnsServers, Optional<SecondaryNetwork> secondary) {
        /**
         * Normalises empty values.
         *
         * @param machineNetwork machine network CIDR
         * @param gateway        gateway
         * @param apiVip         API VIP
         * @param ingressVip     ingress VIP
         * @param clusterNetwork cluster network CIDR
         * @param hostPrefix     host prefix
         * @param serviceNetwork service network CIDR
         * @param dnsServers     DNS servers
         * @param secondary      the second IP family, or empty
         */
        public Network {
            apiVip = apiVip == null ? Optional.empty() : apiVip;
            ingressVip = ingressVip == null ? Optional.empty() : ingressVip;
            dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
            secondary = secondary == null ? Optional.empty() : secondary;
        }

        /**
         * A single-stack network (the constructor before dual-stack).
         *
         * @param machineNetwork machine network CIDR
         * @param gateway        gateway
         * @param apiVip         API VIP
         * @param ingressVip     ingress VIP
         * @param clusterNetwork cluster network CIDR
         * @param hostPrefix     host prefix
         * @param serviceNetwork service network CIDR
         * @param dnsServers     DNS servers
         */
        public Network(String machineNetwork, String gateway, Optional<String> apiVip, Optional<String> ingressVip,
                       String clusterNetwork, int hostPrefix, String serviceNetwork, List<String> dnsServers) {
            this(machineNetwork, gateway, apiVip, ingressVip, clusterNetwork, hostPrefix, serviceNetwork, dnsServers,
                    Optional.empty());
        }

        /**
         * ZTPFW's fixed networks, with VIPs (drop them for single-node with {@link #withoutVips()}).
         *
         * @return the networks
         */
        public static Network ztpfwDefaults() {
            return new Network("192.168.7.0/24", "192.168.7.1", Optional.of("192.168.7.243"),
                    Optional.of("192.168.7.242"), "10.128.0.0/14", 23, "172.30.0.0/16", List.of());
        }

        /**
         * Returns this network without API and ingress VIPs, of both families.
         *
         * @return this spec without API and ingress VIPs (single-node clusters have none)
         */
        public Network withoutVips() {
            return new Network(machineNetwork, gateway, Optional.empty(), Optional.empty(), clusterNetwork,
                    hostPrefix, serviceNetwork, dnsServers, secondary.map(SecondaryNetwork::withoutVips));
        }

        /**
         * Returns this network with a second IP family (dual-stack).
         *
         * @param v the second family, or {@code null} for single-stack
         * @return the network
         */
        public Network withSecondary(SecondaryNetwork v) {
            return new Network(machineNetwork, gateway, apiVip, ingressVip, clusterNetwork, hostPrefix,
                    serviceNetwork, dnsServers, Optional.ofNullable(v));
        }

        /**
         * The address {@code .index} of the machine network (ZTPFW numbers nodes from .10).
         *
         * @param hostIndex host number within the network
         * @return the address
         * @throws IllegalArgumentException when the machine network is not a CIDR
         */
        public String machineAddress(int hostIndex) {
            return IpNet.parse(machineNetwork).address(hostIndex);
        }

        /**
         * Returns the machine network's prefix length.
         *
         * @return the machine network's prefix length
         * @throws IllegalArgumentException when the machine network is not a CIDR
         */
        public int machinePrefix() {
            return IpNet.parse(machineNetwork).prefix();
        }
    }

    /**
     * The second IP family of a dual-stack cluster's networks (OpenShift dual-stack: one IPv4 and one IPv6
     * entry in each of {@code machineNetwork}, {@code clusterNetwork}, {@code serviceNetwork}, and, for a
     * multi-node cluster, in {@code apiVIPs} and {@code ingressVIPs}); the family other than the
     * {@link Network}'s primary one.
     *
     * @param machineNetwork the machine network of this family (CIDR)
     * @param gateway        its gateway, when known
     * @param apiVip         the API VIP of this family (multi-node clusters; with the primary one)
     * @param ingressVip     the ingress VIP of this family (multi-node clusters; with the primary one)
     * @param clusterNetwork the pod network of this family (CIDR)
     * @param hostPrefix     the pod subnet prefix per node (64 for IPv6)
     * @param serviceNetwork the service network of this family (CIDR)
     */
    public record SecondaryNetwork(String machineNetwork, Optional<String> gateway, Optional<String> apiVip,
                                   Optional<String> ingressVip, String clusterNetwork, int hostPrefix,
                                   String serviceNetwork) {
        /**
         * Normalises empty values.
         *
         * @param machineNetwork machine network CIDR
         * @param gateway        gateway
         * @param apiVip         API VIP
         * @param ingressVip     ingress VIP
         * @param clusterNetwork cluster network CIDR
         * @param hostPrefix     host prefix
         * @param serviceNetwork service network CIDR
         */
        public SecondaryNetwork {
            gateway = gateway == null ? Optional.empty() : gateway;
            apiVip = apiVip == null ? Optional.empty() : apiVip;
            ingressVip = ingressVip == null ? Optional.empty() : ingressVip;
        }

        /**
         * Returns this family without API and ingress VIPs.
         *
         * @return this family without VIPs
         */
        public SecondaryNetwork withoutVips() {
            return new SecondaryNetwork(machineNetwork, gateway, Optional.empty(), Optional.empty(), clusterNetwork,
                    hostPrefix, serviceNetwork);
        }
    }

    /**
     * One edge cluster of a chassis file.
     *
     * <pre>{@code
     * ChassisSpec.Cluster c = ChassisSpec.Cluster.builder().name("edge-1").baseDomain("example.com")
     *         .network(ChassisSpec.Network.ztpfwDefaults()).node(master0).node(master1).node(master2).node(worker0)
     *         .build();
     * c.layout();   // STANDARD
     * }</pre>
     *
     * @param name       cluster name (DNS-1123 label)
     * @param baseDomain base DNS domain; the API is {@code api.<name>.<baseDomain>}
     * @param network    networks and VIPs
     * @param nodes      nodes, control plane first as in the file
     * @param tpm        TPMv2 disk encryption (ZTPFW {@code config: {tpm: true}})
     * @param fips       install in FIPS mode (ZTPFW always did)
     * @param labels     ManagedCluster labels
     * @param contrib    ZTPFW {@code contrib:} settings (e.g. {@code gpu-operator.version})
     */
    public record Cluster(String name, String baseDomain, Network network, List<Node> nodes, boolean tpm,
                          boolean fips, Map<String, String> labels, Map<String, String> contrib) {
        /**
         * Copies collections.
         *
         * @param name       name
         * @param baseDomain base domain
         * @param network    network
         * @param nodes      nodes
         * @param tpm        TPM
         * @param fips       FIPS
         * @param labels     labels
         * @param contrib    contrib settings
         */
        public Cluster {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
            labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            contrib = contrib == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(contrib));
        }

        /**
         * Returns the control-plane nodes.
         *
         * @return the control-plane nodes
         */
        public List<Node> controlPlane() {
            return nodes.stream().filter(n -> n.role() == NodeRole.CONTROL_PLANE).toList();
        }

        /**
         * Returns the worker nodes.
         *
         * @return the worker nodes
         */
        public List<Node> workers() {
            return nodes.stream().filter(n -> n.role() == NodeRole.WORKER).toList();
        }

        /**
         * Returns the cluster's layout: single-node, compact, standard, or invalid.
         *
         * @return single-node, compact, standard, or invalid
         */
        public Layout layout() {
            int cp = controlPlane().size();
            int w = workers().size();
            if (cp == 1 && w == 0) {
                return Layout.SINGLE_NODE;
            }
            if (cp == 3) {
                return w == 0 ? Layout.COMPACT : Layout.STANDARD;
            }
            return Layout.INVALID;
        }

        /**
         * The agent installer's rendezvous address: the first control-plane node's address that it really
         * holds at install time ({@link Node#installTimeIp()}: its machine address, on the internal NIC or
         * beside the DHCP lease on the external NIC), so it lies in the machine network and the other nodes
         * reach it on the chassis network when the agents boot (openshift/installer
         * {@code pkg/types/agent/agent_config_type.go}, {@code rendezvousIP}).
         *
         * @return the address, empty when no control-plane node has one knowable at install time
         */
        public Optional<String> rendezvousIp() {
            return controlPlane().stream().map(Node::installTimeIp).flatMap(Optional::stream).findFirst();
        }

        /**
         * Returns the cluster's API server URL.
         *
         * @return {@code https://api.<name>.<baseDomain>:6443}
         */
        public String apiUrl() {
            return "https://api." + name + "." + baseDomain + ":6443";
        }

        /**
         * Creates a new builder.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Cluster}; validation happens when the enclosing {@link ChassisSpec} is built. */
        public static final class Builder {
            private String name;
            private String baseDomain;
            private Network network = Network.ztpfwDefaults();
            private final List<Node> nodes = new ArrayList<>();
            private boolean tpm;
            private boolean fips;
            private final Map<String, String> labels = new LinkedHashMap<>();
            private final Map<String, String> contrib = new LinkedHashMap<>();

            private Builder() {
            }

            /**
             * Sets a value.
             *
             * @param v name
             * @return this
             */
            public Builder name(String v) {
                name = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v base domain
             * @return this
             */
            public Builder baseDomain(String v) {
                baseDomain = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v networks (default: ZTPFW's)
             * @return this
             */
            public Builder network(Network v) {
                network = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v a node, appended
             * @return this
             */
            public Builder node(Node v) {
                nodes.add(v);
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v nodes, appended
             * @return this
             */
            public Builder nodes(List<Node> v) {
                nodes.addAll(v);
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v TPM encryption
             * @return this
             */
            public Builder tpm(boolean v) {
                tpm = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v FIPS mode
             * @return this
             */
            public Builder fips(boolean v) {
                fips = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v labels, merged
             * @return this
             */
            public Builder labels(Map<String, String> v) {
                labels.putAll(v);
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v contrib settings, merged
             * @return this
             */
            public Builder contrib(Map<String, String> v) {
                contrib.putAll(v);
                return this;
            }

            /**
             * Builds the cluster.
             *
             * @return the cluster
             */
            public Cluster build() {
                return new Cluster(name, baseDomain, network, nodes, tpm, fips, labels, contrib);
            }
        }
    }

    /**
     * One bare-metal node of a cluster (a ZTPFW {@code masterN}/{@code workerN} entry).
     *
     * <pre>{@code
     * ChassisSpec.Node n = ChassisSpec.Node.builder().name("master0").role(ChassisSpec.NodeRole.CONTROL_PLANE)
     *         .bmc(new ChassisSpec.Bmc("redfish-virtualmedia://10.0.0.5/redfish/v1/Systems/1", "root",
     *                 Secret.fromEnv("BMC")))
     *         .externalNic(new ChassisSpec.Nic("eno1", "aa:bb:cc:00:00:01")).machineIp("192.168.7.10")
     *         .rootDisk("/dev/sda").build();
     * }</pre>
     *
     * @param name              host name (DNS-1123 label)
     * @param role              control plane or worker
     * @param bmc               the BMC
     * @param externalNic       the external NIC, DHCP on the factory network (boot MAC)
     * @param internalNic       the internal NIC, static on the machine network; empty in single-NIC mode
     * @param machineIp         the node's address on the machine network
     * @param ignoredInterfaces NICs rendered as NMState {@code state: absent}
     * @param rootDisk          the install disk, e.g. {@code /dev/sda}
     * @param storageDisks      disks for local storage/ODF/LVMO
     * @param externalIp        the IPv4 address the external NIC gets by DHCP reservation on the factory
     *                          network, when known; informational. It is not needed for installing: every node
     *                          holds its machine address from the discovery boot on, on the internal NIC or, in
     *                          ZTPFW single-NIC mode, statically beside the DHCP lease on the external NIC
     * @param secondaryMachineIp the node's address on the {@link Network#secondary()} machine network of a
     *                          dual-stack cluster, beside {@code machineIp} on the same NIC; empty for
     *                          single-stack
     */
    public record Node(String name, NodeRole role, Bmc bmc, Nic externalNic, Optional<Nic> internalNic,
                       String machineIp, List<String> ignoredInterfaces, String rootDisk,
                       List<String> storageDisks, Optional<String> externalIp, Optional<String> secondaryMachineIp) {
        /**
         * Normalises empty values.
         *
         * @param name              host name
         * @param role              role
         * @param bmc               BMC
         * @param externalNic       external NIC
         * @param internalNic       internal NIC
         * @param machineIp         machine network address
         * @param ignoredInterfaces ignored NICs
         * @param rootDisk          root disk
         * @param storageDisks      storage disks
         * @param externalIp        the external NIC's DHCP reservation, when known
         * @param secondaryMachineIp the dual-stack second-family machine address, or empty
         */
        public Node {
            secondaryMachineIp = secondaryMachineIp == null ? Optional.empty() : secondaryMachineIp;
            externalIp = externalIp == null ? Optional.empty() : externalIp;
            internalNic = internalNic == null ? Optional.empty() : internalNic;
            ignoredInterfaces = ignoredInterfaces == null ? List.of() : List.copyOf(ignoredInterfaces);
            storageDisks = storageDisks == null ? List.of() : List.copyOf(storageDisks);
        }

        /**
         * A single-stack node (the constructor before dual-stack).
         *
         * @param name              host name
         * @param role              role
         * @param bmc               BMC
         * @param externalNic       external NIC
         * @param internalNic       internal NIC
         * @param machineIp         machine network address
         * @param ignoredInterfaces ignored NICs
         * @param rootDisk          root disk
         * @param storageDisks      storage disks
         * @param externalIp        the external NIC's DHCP reservation, when known
         */
        public Node(String name, NodeRole role, Bmc bmc, Nic externalNic, Optional<Nic> internalNic,
                    String machineIp, List<String> ignoredInterfaces, String rootDisk,
                    List<String> storageDisks, Optional<String> externalIp) {
            this(name, role, bmc, externalNic, internalNic, machineIp, ignoredInterfaces, rootDisk, storageDisks,
                    externalIp, Optional.empty());
        }

        /**
         * The address this node holds at install time: its machine address, which the rendered NMState puts
         * on the internal NIC or, without one, statically beside the DHCP lease on the external NIC (as ZTPFW
         * did, {@code add-internal-ip-infraenv.sh}), so it is on the machine network from the discovery boot on.
         *
         * @return the machine address, empty only when none is set (never for a validated spec)
         */
        public Optional<String> installTimeIp() {
            return Optional.ofNullable(machineIp);
        }

        /**
         * Creates a new builder.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Returns a builder holding this node's values.
         *
         * @return a builder holding this node's values
         */
        public Builder toBuilder() {
            Builder b = new Builder().name(name).role(role).bmc(bmc).externalNic(externalNic).machineIp(machineIp)
                    .rootDisk(rootDisk).ignoredInterfaces(ignoredInterfaces).storageDisks(storageDisks);
            internalNic.ifPresent(b::internalNic);
            externalIp.ifPresent(b::externalIp);
            secondaryMachineIp.ifPresent(b::secondaryMachineIp);
            return b;
        }

        /** Builds a {@link Node}; validation happens when the enclosing {@link ChassisSpec} is built. */
        public static final class Builder {
            private String name;
            private NodeRole role = NodeRole.CONTROL_PLANE;
            private Bmc bmc;
            private Nic externalNic;
            private Nic internalNic;
            private String machineIp;
            private List<String> ignoredInterfaces = new ArrayList<>();
            private String rootDisk;
            private List<String> storageDisks = new ArrayList<>();
            private String externalIp;
            private String secondaryMachineIp;

            private Builder() {
            }

            /**
             * Sets a value.
             *
             * @param v host name
             * @return this
             */
            public Builder name(String v) {
                name = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v role
             * @return this
             */
            public Builder role(NodeRole v) {
                role = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the BMC
             * @return this
             */
            public Builder bmc(Bmc v) {
                bmc = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the external NIC
             * @return this
             */
            public Builder externalNic(Nic v) {
                externalNic = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the internal NIC
             * @return this
             */
            public Builder internalNic(Nic v) {
                internalNic = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the machine network address
             * @return this
             */
            public Builder machineIp(String v) {
                machineIp = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v NICs to set absent
             * @return this
             */
            public Builder ignoredInterfaces(List<String> v) {
                ignoredInterfaces = new ArrayList<>(v);
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the root disk
             * @return this
             */
            public Builder rootDisk(String v) {
                rootDisk = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v storage disks
             * @return this
             */
            public Builder storageDisks(List<String> v) {
                storageDisks = new ArrayList<>(v);
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the external NIC's DHCP reservation (informational), or {@code null}
             * @return this
             */
            public Builder externalIp(String v) {
                externalIp = v;
                return this;
            }

            /**
             * Sets a value.
             *
             * @param v the address on the dual-stack second machine network, or {@code null}
             * @return this
             */
            public Builder secondaryMachineIp(String v) {
                secondaryMachineIp = v;
                return this;
            }

            /**
             * Builds the node.
             *
             * @return the node
             */
            public Node build() {
                return new Node(name, role, bmc, externalNic, Optional.ofNullable(internalNic), machineIp,
                        ignoredInterfaces, rootDisk, storageDisks, Optional.ofNullable(externalIp),
                        Optional.ofNullable(secondaryMachineIp));
            }
        }
    }
}
