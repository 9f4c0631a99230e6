package io.ocatopic.dpu.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rendered resources of a DPU configuration for both clusters, and the node labels to set.
 *
 * <pre>{@code
 * DpuResources r = config.render();
 * r.writeTo(Path.of("out"));                                   // infra/*.yaml, tenant/*.yaml
 * Applier.auto(infraClient).serverDryRun().applyAll(r.infra());   // the servers check, nothing is stored
 * Applier.auto(tenantClient).serverDryRun().applyAll(r.tenant());
 * DpuResources.ApplyReport done = r.applyTo(Applier.auto(infraClient), Applier.auto(tenantClient),
 *         Optional.of(Secret.fromFile(Path.of("tenant.kubeconfig"))));   // now: objects, kubeconfig, node labels
 * }</pre>
 *
 * @param infraNamespace        the namespace of dpu-network-operator on the infrastructure cluster
 * @param kubeconfigSecretName  the Secret that holds the tenant kubeconfig (key {@code config})
 * @param infra                 the objects for the infrastructure cluster, in apply order
 * @param tenant                the objects for the tenant cluster, in apply order
 * @param infraNodeLabels       DPU node to the labels it must carry
 * @param tenantNodeLabels      host node to the labels it must carry
 */
public record DpuResources(String infraNamespace, String kubeconfigSecretName, List<HasMetadata> infra,
                           List<HasMetadata> tenant, Map<String, Map<String, String>> infraNodeLabels,
                           Map<String, Map<String, String>> tenantNodeLabels) {
    /**
     * Copies the collections.
     *
     * @param infraNamespace see the record description
     * @param kubeconfigSecretName see the record description
     * @param infra see the record description
     * @param tenant see the record description
     * @param infraNodeLabels see the record description
     * @param tenantNodeLabels see the record description
     */
    public DpuResources {
        infra = List.copyOf(infra);
        tenant = List.copyOf(tenant);
        infraNodeLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(infraNodeLabels));
        tenantNodeLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(tenantNodeLabels));
    }

    /**
     * What {@link #applyTo} did.
     *
     * @param infraApplied   objects written to the infrastructure cluster
     * @param tenantApplied  objects written to the tenant cluster
     * @param labelledNodes  nodes whose labels were set ({@code infra/name}, {@code tenant/name})
     * @param missingNodes   nodes named in the configuration that the cluster does not have (yet)
     */
    public record ApplyReport(int infraApplied, int tenantApplied, List<String> labelledNodes, List<String> missingNodes) {
        /**
         * Copies the lists.
         *
         * @param infraApplied see the record description
         * @param tenantApplied see the record description
         * @param labelledNodes see the record description
         * @param missingNodes see the record description
         */
        public ApplyReport {
            labelledNodes = List.copyOf(labelledNodes);
            missingNodes = List.copyOf(missingNodes);
        }
    }

    /**
     * The Secret that carries the tenant kubeconfig to dpu-network-operator.
     *
     * @param kubeconfig the tenant cluster's kubeconfig (resolved here: a value, an environment variable or a file)
     * @return the Secret (never logged)
     * @throws KubeException SECRET_UNRESOLVED when the kubeconfig cannot be resolved here
     */
    public Secret kubeconfigSecret(io.ocatopic.kube.Secret kubeconfig) {
        return new SecretBuilder().withNewMetadata().withName(kubeconfigSecretName).withNamespace(infraNamespace)
                .endMetadata().withType("Opaque").addToStringData("config", kubeconfig.reveal()).build();
    }

    /**
     * The infrastructure cluster's DPU nodes as {@link #applyTo} leaves their labels: name and the labels
     * ocatopic sets, nothing else. For outcome checks over a set (a pool's {@code nodeSelector});
     * {@link #applyTo} never creates nodes.
     *
     * @return one Node per DPU node
     */
    public List<Node> infraNodes() {
        return nodes(infraNodeLabels);
    }

    /**
     * The tenant cluster's hosts as {@link #applyTo} leaves their labels: name and the labels ocatopic
     * sets (the dpu-host or smart-nic mode label), nothing else. For outcome checks over a set, such as
     * the management-VF rule of {@code SchemaCheck} on {@code tenant()} plus these; {@link #applyTo} never creates nodes.
     *
     * @return one Node per labelled host
     */
    public List<Node> tenantNodes() {
        return nodes(tenantNodeLabels);
    }

    private static List<Node> nodes(Map<String, Map<String, String>> labels) {
        List<Node> out = new ArrayList<>();
        labels.forEach((name, l) -> out.add(new NodeBuilder().withNewMetadata().withName(name).withLabels(l).endMetadata()
                .build()));
        return out;
    }

    /**
     * Every rendered file, by relative path: one YAML per object and one node-label file per cluster.
     *
     * @return path to content, in a stable order
     */
    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        addAll(out, "infra", infra);
        out.put("infra/node-labels.yaml", KubeYaml.dump(infraNodeLabels));
        addAll(out, "tenant", tenant);
        out.put("tenant/node-labels.yaml", KubeYaml.dump(tenantNodeLabels));
        return out;
    }

    private static void addAll(Map<String, String> out, String dir, List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            out.put(dir + "/" + o.getKind().toLowerCase(Locale.ROOT) + "-" + o.getMetadata().getName() + ".yaml",
                    KubeYaml.dump(o));
        }
    }

    /**
     * Writes {@link #files()} below a directory, each file atomically, replacing the previous DPU render
     * there as a whole: the files it wrote that this one does not (an object no longer rendered) are deleted,
     * files it did not write are kept. What was written is listed in {@code .ocatopic-render-dpu}.
     *
     * @param dir the output directory
     * @return the files written
     * @throws DpuException with reason IO when a file cannot be written
     */
    public List<Path> writeTo(Path dir) {
        try {
            return AtomicFiles.replaceRenderUnder(dir, "dpu", files());
        } catch (IOException ex) {
            throw new DpuException(DpuException.Reason.IO, "cannot write below " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Applies the objects to both clusters through the SDK's apply path and sets the node labels
     * (a read-modify-write of each node's labels; nodes that do not exist yet are reported, not created).
     * With {@link Applier#serverDryRun()} appliers nothing is stored, the node labels included.
     *
     * @param infraApplier  the infrastructure cluster's applier
     * @param tenantApplier the tenant cluster's applier
     * @param kubeconfig    the tenant kubeconfig to store in the Secret, if this run should write it
     * @return what was done
     * @throws DpuException with reason APPLY_FAILED when a cluster refuses an object or the kubeconfig cannot be
     *                      resolved
     */
    public ApplyReport applyTo(Applier infraApplier, Applier tenantApplier, Optional<io.ocatopic.kube.Secret> kubeconfig) {
        try {
            int infraCount = 0;
            if (kubeconfig.isPresent()) {
                infraApplier.apply(kubeconfigSecret(kubeconfig.get()));
                infraCount++;
            }
            infraApplier.applyAll(infra);
            infraCount += infra.size();
            tenantApplier.applyAll(tenant);
            List<String> labelled = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            label(infraApplier, "infra", infraNodeLabels, labelled, missing);
            label(tenantApplier, "tenant", tenantNodeLabels, labelled, missing);
            return new ApplyReport(infraCount, tenant.size(), labelled, missing);
        } catch (KubeException | io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new DpuException(DpuException.Reason.APPLY_FAILED, "applying DPU resources failed: " + e.getMessage(), e);
        }
    }

    private static void label(Applier applier, String cluster, Map<String, Map<String, String>> labels,
                              List<String> labelled, List<String> missing) {
        for (Map.Entry<String, Map<String, String>> e : labels.entrySet()) {
            var node = applier.client().nodes().withName(e.getKey());
            Node current = node.get();
            if (current == null) {
                missing.add(cluster + "/" + e.getKey());
                continue;
            }
            // a server dry run checks the label change too, and stores nothing
            (applier.isServerDryRun() ? node.dryRun() : node).edit(n -> {
                Map<String, String> l = n.getMetadata().getLabels() == null
                        ? new LinkedHashMap<>() : new LinkedHashMap<>(n.getMetadata().getLabels());
                l.putAll(e.getValue());
                n.getMetadata().setLabels(l);
                return n;
            });
            labelled.add(cluster + "/" + e.getKey());
        }
    }
}
