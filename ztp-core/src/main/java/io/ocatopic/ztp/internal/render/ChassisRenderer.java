package io.ocatopic.ztp.internal.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.Secret;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ImportCredentials;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.internal.ZtpSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders every output of a chassis, a pure function of the spec (and optional import credentials),
 * as typed objects and as files, one directory per cluster:
 * {@code install-config.yaml}, {@code agent-config.yaml}, {@code hub-crs.yaml}, {@code nmstate/<node>.yaml},
 * {@code mirrors.yaml} (when mirrors are set), {@code acm-import.yaml}. Files holding secrets are 0600.
 * The agent-based pair is skipped, with {@link RenderedCluster#agentInstallSkipped() a one-line reason}, when
 * it cannot be rendered here ({@link AgentInstallRenderer#unavailable}); the hub-driven set always is. A pull
 * secret given by file is read once per render, so a pipe ({@code <(...)}) serves every output.
 *
 * <pre>{@code
 * List<RenderedCluster> out = ChassisRenderer.render(spec, Map.of());
 * ChassisRenderer.write(out, Path.of("out"));   // out/edge-1/install-config.yaml, ...
 * }</pre>
 */
public final class ChassisRenderer {
    private ChassisRenderer() {
    }

    /**
     * Renders all clusters.
     *
     * @param spec        the chassis
     * @param credentials import credentials per cluster name; clusters without get an import set without
     *                    the auto-import Secret
     * @return one result per cluster, in spec order
     */
    public static List<RenderedCluster> render(ChassisSpec spec, Map<String, ImportCredentials> credentials) {
        ChassisSpec once = readOnce(spec);
        List<RenderedCluster> out = new ArrayList<>();
        for (Cluster c : once.clusters()) {
            out.add(render(once, c, Optional.ofNullable(credentials.get(c.name()))));
        }
        return out;
    }

    /**
     * The spec with a pull secret given by file replaced by its value, read once: install-config.yaml and
     * the hub's pull Secret both need it, and a pipe can be read only once.
     *
     * @param spec a chassis
     * @return the spec, with a pull secret given by file replaced by its value
     */
    public static ChassisSpec readOnce(ChassisSpec spec) {
        Secret pull = spec.pullSecret();
        if (pull == null || pull.kind() != Secret.Kind.FILE) {
            return spec;
        }
        return spec.toBuilder().pullSecret(Secret.of(ZtpSecrets.reveal(pull))).build();
    }

    /**
     * Renders one cluster.
     *
     * @param spec        the chassis
     * @param cluster     the cluster
     * @param credentials import credentials, when known
     * @return the rendered outputs; the agent-based pair empty, with the reason, when it cannot be rendered
     */
    public static RenderedCluster render(ChassisSpec spec, Cluster cluster, Optional<ImportCredentials> credentials) {
        spec = readOnce(spec);
        Map<String, Map<String, Object>> nm = new LinkedHashMap<>();
        for (Node n : cluster.nodes()) {
            nm.put(n.name(), NmStateRenderer.render(cluster, n));
        }
        List<HasMetadata> imports = credentials.isPresent()
                ? AcmImportRenderer.render(cluster.name(), cluster.labels(), credentials.get())
                : List.of(AcmImportRenderer.namespace(cluster.name()),
                        AcmImportRenderer.managedCluster(cluster.name(), cluster.labels(), cluster.apiUrl()),
                        KlusterletAddonConfig.allEnabled(cluster.name()));
        Optional<String> skipped = AgentInstallRenderer.unavailable(spec, cluster);
        boolean agent = skipped.isEmpty();
        return new RenderedCluster(cluster.name(),
                agent ? Optional.of(AgentInstallRenderer.installConfig(spec, cluster)) : Optional.empty(),
                agent ? Optional.of(AgentInstallRenderer.agentConfig(spec, cluster)) : Optional.empty(),
                HubCrRenderer.render(spec, cluster), nm, MirrorRenderer.mirrorSet(spec), imports, skipped);
    }

    /** The render kind (one manifest each, {@code .ocatopic-render-<kind>}) of the agent-based pair. */
    public static final String AGENT_KIND = "ztp-agent";
    /** The render kind of the hub-driven assisted set. */
    public static final String ASSISTED_KIND = "ztp-assisted";
    /** The render kind of the ClusterInstance output. */
    public static final String CLUSTER_INSTANCE_KIND = "ztp-clusterinstance";

    /**
     * Writes rendered clusters to files atomically.
     *
     * @param rendered the results of {@link #render(ChassisSpec, Map)}
     * @param dir      the output directory; one subdirectory per cluster
     * @return the files written, relative to {@code dir}, in write order
     * @throws io.ocatopic.ztp.ZtpException with {@code IO} when a file cannot be written
     */
    public static List<Path> write(List<RenderedCluster> rendered, Path dir) {
        return write(rendered, dir, true, true);
    }

    /**
     * Writes parts of rendered clusters to files atomically, each part replacing the previous render of that
     * part in {@code dir} as a whole ({@link ZtpFiles#writeRender}): a cluster no longer in the spec loses its
     * files, and its folder when that leaves it empty.
     *
     * @param rendered the results of {@link #render(ChassisSpec, Map)}
     * @param dir      the output directory; one subdirectory per cluster
     * @param agent    whether to write the agent-based pair (when rendered)
     * @param assisted whether to write the hub-driven assisted set (hub CRs, NMState, mirrors, ACM import)
     * @return the files written, relative to {@code dir}, in write order
     * @throws io.ocatopic.ztp.ZtpException with {@code IO} when a file cannot be written
     */
    public static List<Path> write(List<RenderedCluster> rendered, Path dir, boolean agent, boolean assisted) {
        return write(dir, kinds(false, agent, assisted), outputs(rendered, agent, assisted));
    }

    /**
     * The render kinds of the given parts.
     *
     * @param clusterInstance the ClusterInstance output
     * @param agent           the agent-based pair
     * @param assisted        the assisted set
     * @return their kinds
     */
    public static Set<String> kinds(boolean clusterInstance, boolean agent, boolean assisted) {
        Set<String> kinds = new LinkedHashSet<>();
        if (clusterInstance) {
            kinds.add(CLUSTER_INSTANCE_KIND);
        }
        if (agent) {
            kinds.add(AGENT_KIND);
        }
        if (assisted) {
            kinds.add(ASSISTED_KIND);
        }
        return kinds;
    }

    /**
     * The files of parts of rendered clusters, in write order: per cluster the agent-based pair (when
     * rendered), then the assisted set.
     *
     * @param rendered rendered clusters
     * @param agent    whether to include the agent-based pair
     * @param assisted whether to include the assisted set
     * @return the files
     */
    public static List<AtomicFiles.Output> outputs(List<RenderedCluster> rendered, boolean agent, boolean assisted) {
        List<AtomicFiles.Output> files = new ArrayList<>();
        for (RenderedCluster r : rendered) {
            String c = r.name() + "/";
            if (agent && r.installConfig().isPresent()) {
                files.add(new AtomicFiles.Output(AGENT_KIND, c + "install-config.yaml",
                        KubeYaml.dump(r.installConfig().get()), true));
            }
            if (agent && r.agentConfig().isPresent()) {
                files.add(new AtomicFiles.Output(AGENT_KIND, c + "agent-config.yaml",
                        KubeYaml.dump(r.agentConfig().get()), true));
            }
            if (!assisted) {
                continue;
            }
            files.add(new AtomicFiles.Output(ASSISTED_KIND, c + "hub-crs.yaml", KubeYaml.dumpAll(r.hubObjects()), true));
            for (Map.Entry<String, Map<String, Object>> e : r.nmState().entrySet()) {
                files.add(new AtomicFiles.Output(ASSISTED_KIND, c + "nmstate/" + e.getKey() + ".yaml",
                        ZtpFiles.toYaml(e.getValue()), false));
            }
            if (r.mirrorSet().isPresent()) {
                files.add(new AtomicFiles.Output(ASSISTED_KIND, c + "mirrors.yaml", KubeYaml.dump(r.mirrorSet().get()),
                        false));
            }
            files.add(new AtomicFiles.Output(ASSISTED_KIND, c + "acm-import.yaml", KubeYaml.dumpAll(r.importObjects()),
                    true));
        }
        return files;
    }

    /**
     * Writes the ClusterInstance output (the default hub-driven format on ACM 2.12+ with the SiteConfig
     * operator): {@code cluster-image-set.yaml}, then {@code <cluster>/cluster-instance.yaml} per cluster
     * holding Namespace, Secrets, extra-manifests ConfigMap and ClusterInstance
     * ({@link ClusterInstanceRenderer}); 0600, as it holds secrets. Atomic per file; replaces the previous
     * ClusterInstance render in {@code dir} as a whole.
     *
     * <pre>{@code
     * ChassisRenderer.writeClusterInstances(spec, Path.of("out"));   // then: ocatopic lint out/
     * }</pre>
     *
     * @param spec the chassis
     * @param dir  the output directory
     * @return the files written, relative to {@code dir}
     * @throws io.ocatopic.ztp.ZtpException with {@code IO} when a file cannot be written
     */
    public static List<Path> writeClusterInstances(ChassisSpec spec, Path dir) {
        return write(dir, kinds(true, false, false), clusterInstanceOutputs(spec));
    }

    /**
     * The files of the ClusterInstance output, in write order.
     *
     * @param spec the chassis
     * @return the files
     */
    public static List<AtomicFiles.Output> clusterInstanceOutputs(ChassisSpec spec) {
        ChassisSpec once = readOnce(spec);
        List<AtomicFiles.Output> files = new ArrayList<>();
        files.add(new AtomicFiles.Output(CLUSTER_INSTANCE_KIND, "cluster-image-set.yaml",
                KubeYaml.dump(HubCrRenderer.clusterImageSet(once)), false));
        for (Cluster c : once.clusters()) {
            files.add(new AtomicFiles.Output(CLUSTER_INSTANCE_KIND, c.name() + "/cluster-instance.yaml",
                    KubeYaml.dumpAll(ClusterInstanceRenderer.render(once, c)), true));
        }
        return files;
    }

    /**
     * Writes files of the given kinds, replacing the previous render of those kinds in {@code dir}.
     *
     * @param dir   the output directory
     * @param kinds the kinds
     * @param files the files
     * @return the files written, relative to {@code dir}, in write order
     * @throws io.ocatopic.ztp.ZtpException with {@code IO} when a file cannot be written
     */
    public static List<Path> write(Path dir, Set<String> kinds, List<AtomicFiles.Output> files) {
        ZtpFiles.writeRender(dir, kinds, files);
        return files.stream().map(f -> Path.of(f.name())).toList();
    }
}
