package io.ocatopic.ztp.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.KubeYaml;
import io.ocatopic.ztp.ChassisCodec;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ClusterSpec;
import io.ocatopic.ztp.NodeSpec;
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
        List<RenderedCluster> out = new ArrayList<>();
        for (ClusterSpec c : spec.clusters()) {
            out.add(render(spec, c, Optional.ofNullable(credentials.get(c.name()))));
        }
        return out;
    }

    /**
     * Renders one cluster.
     *
     * @param spec        the chassis
     * @param cluster     the cluster
     * @param credentials import credentials, when known
     * @return the rendered outputs
     */
    public static RenderedCluster render(ChassisSpec spec, ClusterSpec cluster, Optional<ImportCredentials> credentials) {
        Map<String, Map<String, Object>> nm = new LinkedHashMap<>();
        for (NodeSpec n : cluster.nodes()) {
            nm.put(n.name(), NmStateRenderer.render(cluster, n));
        }
        List<HasMetadata> imports = credentials.isPresent()
                ? AcmImportRenderer.render(cluster.name(), cluster.labels(), credentials.get())
                : List.of(AcmImportRenderer.namespace(cluster.name()),
                        AcmImportRenderer.managedCluster(cluster.name(), cluster.labels(), cluster.apiUrl()),
                        KlusterletAddonConfig.allEnabled(cluster.name()));
        return new RenderedCluster(cluster.name(), AgentInstallRenderer.installConfig(spec, cluster),
                AgentInstallRenderer.agentConfig(spec, cluster), HubCrRenderer.render(spec, cluster), nm,
                MirrorRenderer.mirrorSet(spec), imports);
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
        List<Path> files = new ArrayList<>();
        for (RenderedCluster r : rendered) {
            Path c = Path.of(r.name());
            put(dir, c.resolve("install-config.yaml"), KubeYaml.dump(r.installConfig()), true, files);
            put(dir, c.resolve("agent-config.yaml"), KubeYaml.dump(r.agentConfig()), true, files);
            put(dir, c.resolve("hub-crs.yaml"), KubeYaml.dumpAll(r.hubObjects()), true, files);
            for (Map.Entry<String, Map<String, Object>> e : r.nmState().entrySet()) {
                put(dir, c.resolve("nmstate").resolve(e.getKey() + ".yaml"), ChassisCodec.toYaml(e.getValue()),
                        false, files);
            }
            if (r.mirrorSet().isPresent()) {
                put(dir, c.resolve("mirrors.yaml"), KubeYaml.dump(r.mirrorSet().get()), false, files);
            }
            put(dir, c.resolve("acm-import.yaml"), KubeYaml.dumpAll(r.importObjects()), true, files);
        }
        return files;
    }

    private static void put(Path dir, Path rel, String text, boolean secret, List<Path> files) {
        ChassisCodec.writeFile(dir.resolve(rel), text, secret);
        files.add(rel);
    }
}
