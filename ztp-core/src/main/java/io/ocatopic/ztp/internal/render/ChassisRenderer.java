package io.ocatopic.ztp.internal.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.Secret;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Writes parts of rendered clusters to files atomically.
     *
     * @param rendered the results of {@link #render(ChassisSpec, Map)}
     * @param dir      the output directory; one subdirectory per cluster
     * @param agent    whether to write the agent-based pair (when rendered)
     * @param assisted whether to write the hub-driven assisted set (hub CRs, NMState, mirrors, ACM import)
     * @return the files written, relative to {@code dir}, in write order
     * @throws io.ocatopic.ztp.ZtpException with {@code IO} when a file cannot be written
     */
    public static List<Path> write(List<RenderedCluster> rendered, Path dir, boolean agent, boolean assisted) {
        List<Path> files = new ArrayList<>();
        for (RenderedCluster r : rendered) {
            Path c = Path.of(r.name());
            if (agent && r.installConfig().isPresent()) {
                put(dir, c.resolve("install-config.yaml"), KubeYaml.dump(r.installConfig().get()), true, files);
            }
            if (agent && r.agentConfig().isPresent()) {
                put(dir, c.resolve("agent-config.yaml"), KubeYaml.dump(r.agentConfig().get()), true, files);
            }
            if (!assisted) {
                continue;
            }
            put(dir, c.resolve("hub-crs.yaml"), KubeYaml.dumpAll(r.hubObjects()), true, files);
            for (Map.Entry<String, Map<String, Object>> e : r.nmState().entrySet()) {
                put(dir, c.resolve("nmstate").resolve(e.getKey() + ".yaml"), ZtpFiles.toYaml(e.getValue()),
                        false, files);
            }
            if (r.mirrorSet().isPresent()) {
                put(dir, c.resolve("mirrors.yaml"), KubeYaml.dump(r.mirrorSet().get()), false, files);
            }
            put(dir, c.resolve("acm-import.yaml"), KubeYaml.dumpAll(r.importObjects()), true, files);
        }
        return files;
    }

    /**
     * Writes the ClusterInstance output (the default hub-driven format on ACM 2.12+ with the SiteConfig
     * operator): {@code cluster-image-set.yaml}, then {@code <cluster>/cluster-instance.yaml} per cluster
     * holding Namespace, Secrets, extra-manifests ConfigMap and ClusterInstance
     * ({@link ClusterInstanceRenderer}); 0600, as it holds secrets. Atomic per file.
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
        ChassisSpec once = readOnce(spec);
        List<Path> files = new ArrayList<>();
        put(dir, Path.of("cluster-image-set.yaml"), KubeYaml.dump(HubCrRenderer.clusterImageSet(once)), false, files);
        for (Cluster c : once.clusters()) {
            put(dir, Path.of(c.name()).resolve("cluster-instance.yaml"),
                    KubeYaml.dumpAll(ClusterInstanceRenderer.render(once, c)), true, files);
        }
        return files;
    }

    private static void put(Path dir, Path rel, String text, boolean secret, List<Path> files) {
        ZtpFiles.write(dir.resolve(rel), text, secret);
        files.add(rel);
    }
}
