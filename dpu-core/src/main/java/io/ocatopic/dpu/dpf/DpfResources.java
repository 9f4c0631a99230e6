package io.ocatopic.dpu.dpf;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rendered DPF objects of the host cluster ({@link io.ocatopic.dpu.DpuOffloadConfig#renderDpf()}).
 *
 * <pre>{@code
 * DpfResources r = config.renderDpf();
 * Applier.auto(hostClient).serverDryRun().applyAll(r.hostCluster());   // the cluster's own check first
 * r.applyTo(Applier.auto(hostClient));
 * }</pre>
 *
 * @param hostCluster the objects, in apply order
 */
public record DpfResources(List<HasMetadata> hostCluster) {
    /**
     * Copies the list.
     *
     * @param hostCluster see the record description
     */
    public DpfResources {
        hostCluster = List.copyOf(hostCluster);
    }

    /**
     * Returns each object as YAML by its file path, in apply order.
     *
     * @return path ({@code dpf/<kind>-<name>.yaml}) to YAML, in apply order
     */
    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (HasMetadata o : hostCluster) {
            out.put("dpf/" + o.getKind().toLowerCase(Locale.ROOT) + "-" + o.getMetadata().getName() + ".yaml", KubeYaml.dump(o));
        }
        return out;
    }

    /**
     * Writes {@link #files()} below a directory, each file atomically, replacing the previous DPF render
     * there as a whole: the files it wrote that this one does not (an object no longer rendered) are deleted,
     * files it did not write are kept. What was written is listed in {@code .ocatopic-render-dpf}.
     *
     * @param dir the output directory
     * @return the files written
     * @throws DpuException IO when a file cannot be written
     */
    public List<Path> writeTo(Path dir) {
        try {
            return AtomicFiles.replaceRenderUnder(dir, "dpf", files());
        } catch (IOException ex) {
            throw new DpuException(DpuException.Reason.IO, "cannot write below " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Applies the objects through the SDK's apply path.
     *
     * @param applier the host cluster's applier
     * @return the number of objects applied
     * @throws DpuException APPLY_FAILED when the cluster refuses one
     */
    public int applyTo(Applier applier) {
        try {
            return applier.applyAll(hostCluster).size();
        } catch (KubeException | io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new DpuException(DpuException.Reason.APPLY_FAILED, "applying DPF resources failed: " + e.getMessage(), e);
        }
    }
}
