package io.ocatopic.ztp;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.hive.v1.ClusterImageSet;
import io.fabric8.openshift.api.model.installer.v1.InstallConfig;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.ztp.internal.render.AcmImportRenderer;
import io.ocatopic.ztp.internal.render.ChassisRenderer;
import io.ocatopic.ztp.internal.render.ClusterInstanceRenderer;
import io.ocatopic.ztp.internal.render.HubCrRenderer;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything rendered from a {@link ChassisSpec} ({@link ChassisSpec#render()}), a pure function of the spec
 * and the import credentials: per cluster the agent-based pair ({@code install-config.yaml},
 * {@code agent-config.yaml}), the hub-driven assisted set, NMState per node, the mirror set and the ACM import
 * set ({@link #clusters()}); the ClusterInstance set for ACM's SiteConfig operator ({@link #clusterInstance});
 * and the files of each {@link Format} ({@link #write(Path, Format, Format...)}), one directory per cluster.
 * Files holding secrets are written 0600, every file atomically. The agent-based pair of a cluster is skipped,
 * with {@link Cluster#agentInstallSkipped() a one-line reason}, when it cannot be rendered here (a pull secret
 * that lives on the hub). A pull secret given by file is read once per render, so a pipe ({@code <(...)})
 * serves every output.
 *
 * <pre>{@code
 * ChassisRender out = ChassisSpec.load(Path.of("chassis.yaml")).render();   // pure: nothing written or applied
 * out.write(Path.of("out"));   // out/cluster-image-set.yaml, out/edge-1/cluster-instance.yaml, install-config.yaml, ...
 * Applier applier = Applier.auto(hubClient);
 * out.clusters().forEach(c -> applier.serverDryRun().applyAll(c.hubObjects()));   // the hub checks, stores nothing
 * out.clusters().forEach(c -> applier.applyAll(c.hubObjects()));
 * }</pre>
 */
public final class ChassisRender {
    /** The output formats {@link #write(Path, Format, Format...)} writes. */
    public enum Format {
        /**
         * One ClusterInstance per cluster for ACM's SiteConfig operator: {@code cluster-image-set.yaml}, then
         * {@code <cluster>/cluster-instance.yaml} (Namespace, Secrets, extra manifests, ClusterInstance; 0600).
         */
        CLUSTER_INSTANCE,
        /**
         * The hand-built assisted-service set: {@code <cluster>/hub-crs.yaml} (0600), {@code nmstate/<node>.yaml},
         * {@code mirrors.yaml} (when the chassis has mirrors) and {@code acm-import.yaml} (0600).
         */
        ASSISTED,
        /** The agent-based installer pair: {@code <cluster>/install-config.yaml} and {@code agent-config.yaml} (0600). */
        AGENT
    }

    private final ChassisSpec spec;
    private final List<Cluster> clusters;

    private ChassisRender(ChassisSpec spec, List<Cluster> clusters) {
        this.spec = spec;
        this.clusters = List.copyOf(clusters);
    }

    static ChassisRender of(ChassisSpec spec, Map<String, ImportCredentials> credentials) {
        Objects.requireNonNull(credentials, "credentials");
        ChassisSpec once = ChassisRenderer.readOnce(spec);
        List<Cluster> out = new ArrayList<>();
        for (RenderedCluster r : ChassisRenderer.render(once, credentials)) {
            out.add(new Cluster(r));
        }
        return new ChassisRender(once, out);
    }

    /**
     * The ACM import set of any spoke, without a chassis: its Namespace, ManagedCluster
     * ({@code hubAcceptsClient: true}, labels, the spoke's API URL), KlusterletAddonConfig and
     * {@code auto-import-secret}, in apply order (stolostron/rhacm-docs {@code import_cli.adoc}).
     *
     * <pre>{@code
     * List<HasMetadata> objs = ChassisRender.acmImport("edge-1", Map.of("site", "store-7"),
     *         ImportCredentials.token("https://api.edge-1.example.com:6443", Secret.of(token)));
     * }</pre>
     *
     * @param clusterName the spoke's name (DNS-1123 label; also its namespace on the hub)
     * @param labels      ManagedCluster labels; {@code name} and {@code ztpfw} are added when absent
     * @param credentials how the hub reaches the spoke
     * @return the objects
     * @throws ZtpException {@code INVALID_SPEC} for a bad name, {@code SECRET_UNRESOLVED} when the credential
     *                      cannot be read here
     */
    public static List<HasMetadata> acmImport(String clusterName, Map<String, String> labels,
                                              ImportCredentials credentials) {
        return AcmImportRenderer.render(clusterName, labels, credentials);
    }

    /**
     * Returns the rendered clusters, in spec order.
     *
     * @return the rendered clusters, in spec order
     */
    public List<Cluster> clusters() {
        return clusters;
    }

    /**
     * One rendered cluster by name.
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
     * Returns the hub's ClusterImageSet for the chassis release, named after {@code release.clusterImageSet}.
     *
     * @return the hub's ClusterImageSet for the chassis release, named after {@code release.clusterImageSet}
     */
    public ClusterImageSet clusterImageSet() {
        return HubCrRenderer.clusterImageSet(spec);
    }

    /**
     * The ClusterInstance set of one cluster for ACM's SiteConfig operator (the default hub-driven format on
     * ACM 2.12+), in apply order: Namespace, pull Secret and BMC Secrets (unless referenced), the
     * extra-manifests ConfigMap (when needed), the ClusterInstance. Rendered when asked.
     *
     * @param clusterName the cluster
     * @return the objects
     * @throws ZtpException {@code NOT_FOUND} for an unknown cluster, {@code SECRET_UNRESOLVED} when a secret
     *                      given by local reference cannot be read
     */
    public List<HasMetadata> clusterInstance(String clusterName) {
        return ClusterInstanceRenderer.render(spec, spec.cluster(clusterName));
    }

    /**
     * Writes the default formats: {@link Format#CLUSTER_INSTANCE}, ACM's hub-driven input since SiteConfig v1's
     * deprecation, then per cluster the {@link Format#AGENT} pair for the factory install; each replaces its
     * previous render in {@code dir} as {@link #write(Path, Format, Format...)} says. The hand-built
     * {@link Format#ASSISTED} set is written only when asked for by name.
     *
     * @param dir the output directory; one subdirectory per cluster
     * @return the files written, relative to {@code dir}, in write order
     * @throws ZtpException with {@code IO} when a file cannot be written
     */
    public List<Path> write(Path dir) {
        return write(dir, EnumSet.of(Format.CLUSTER_INSTANCE, Format.AGENT));
    }

    /**
     * Writes the files of the given formats: the {@link Format#CLUSTER_INSTANCE} files first, then per cluster
     * the {@link Format#AGENT} pair (when rendered; see {@link Cluster#agentInstallSkipped()}) and the
     * {@link Format#ASSISTED} set. Each format written replaces its previous render in {@code dir} as a whole:
     * the files an earlier render of that format wrote and this one does not (a cluster removed from the spec,
     * a node renamed) are deleted, with the folders that leaves empty; files it did not write are kept. Each
     * format lists what it wrote in {@code dir/.ocatopic-render-ztp-<format>}.
     *
     * @param dir   the output directory; one subdirectory per cluster
     * @param first a format
     * @param more  more formats
     * @return the files written, relative to {@code dir}, in write order
     * @throws ZtpException with {@code IO} when a file cannot be written
     */
    public List<Path> write(Path dir, Format first, Format... more) {
        return write(dir, EnumSet.of(first, more));
    }

    private List<Path> write(Path dir, Set<Format> formats) {
        boolean clusterInstance = formats.contains(Format.CLUSTER_INSTANCE);
        boolean agent = formats.contains(Format.AGENT);
        boolean assisted = formats.contains(Format.ASSISTED);
        List<AtomicFiles.Output> files = new ArrayList<>();
        if (clusterInstance) {
            files.addAll(ChassisRenderer.clusterInstanceOutputs(spec));
        }
        if (agent || assisted) {
            files.addAll(ChassisRenderer.outputs(clusters.stream().map(c -> c.rendered).toList(), agent, assisted));
        }
        return ChassisRenderer.write(dir, ChassisRenderer.kinds(clusterInstance, agent, assisted), files);
    }

    @Override
    public String toString() {
        return "ChassisRender[clusters=" + clusters.stream().map(Cluster::name).toList() + "]";
    }

    /** Everything rendered for one cluster, as typed objects. */
    public static final class Cluster {
        private final RenderedCluster rendered;

        private Cluster(RenderedCluster rendered) {
            this.rendered = rendered;
        }

        /**
         * Returns the cluster name.
         *
         * @return the cluster name
         */
        public String name() {
            return rendered.name();
        }

        /**
         * Returns the agent-based {@code install-config.yaml}, unless it was skipped.
         *
         * @return the agent-based {@code install-config.yaml}; empty when skipped
         */
        public Optional<InstallConfig> installConfig() {
            return rendered.installConfig();
        }

        /**
         * The agent-based {@code agent-config.yaml} ({@code apiVersion: v1beta1, kind: AgentConfig}; not a
         * Kubernetes object) as ordered maps and lists.
         *
         * @return the document; empty when skipped
         */
        public Optional<Map<String, Object>> agentConfig() {
            return rendered.agentConfig().map(a -> Mappers.json().convertValue(a,
                    new TypeReference<LinkedHashMap<String, Object>>() { }));
        }

        /**
         * Returns the hub-driven assisted CR set, in apply order.
         *
         * @return the hub-driven assisted CR set, in apply order
         */
        public List<HasMetadata> hubObjects() {
            return rendered.hubObjects();
        }

        /**
         * Returns the NMState document per node name.
         *
         * @return the NMState document per node name
         */
        public Map<String, Map<String, Object>> nmState() {
            return rendered.nmState();
        }

        /**
         * Returns the ImageDigestMirrorSet, when the chassis has mirrors.
         *
         * @return the ImageDigestMirrorSet, when the chassis has mirrors
         */
        public Optional<ImageDigestMirrorSet> mirrorSet() {
            return rendered.mirrorSet();
        }

        /**
         * Returns the ACM import set, in apply order.
         *
         * @return the ACM import set (the auto-import Secret only when credentials were given), in apply order
         */
        public List<HasMetadata> importObjects() {
            return rendered.importObjects();
        }

        /**
         * Returns why the agent-based pair was not rendered, when it was not.
         *
         * @return why the agent-based pair was not rendered (one line, no secret), when it was not
         */
        public Optional<String> agentInstallSkipped() {
            return rendered.agentInstallSkipped();
        }

        @Override
        public String toString() {
            return "ChassisRender.Cluster[" + name() + "]";
        }
    }
}
