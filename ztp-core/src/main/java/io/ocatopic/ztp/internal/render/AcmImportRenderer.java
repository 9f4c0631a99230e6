package io.ocatopic.ztp.internal.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterSpec;
import io.ocatopic.ztp.ImportCredentials;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.ZtpSecrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the objects that import a spoke into an ACM hub, a pure function: the cluster's
 * {@link Namespace}, the {@link ManagedCluster} ({@code hubAcceptsClient: true}, labels, the spoke's API
 * URL as client config), its {@link KlusterletAddonConfig}, and the {@code auto-import-secret}
 * ({@code autoImportRetry} plus {@code kubeconfig}, or {@code token} and {@code server}). Apply them in
 * the returned order; the Secret comes last so the import controller finds the ManagedCluster first.
 * Source: stolostron/rhacm-docs {@code clusters/cluster_lifecycle/import_cli.adoc}.
 *
 * <p>This signature is stable: the scale harness renders thousands of spokes through it.
 *
 * <pre>{@code
 * List<HasMetadata> objs = AcmImportRenderer.render("edge-1", Map.of("site", "store-7"),
 *         ImportCredentials.token("https://api.edge-1.example.com:6443", io.ocatopic.kube.Secret.of(token)));
 * applier.applyAll(objs);
 * }</pre>
 */
public final class AcmImportRenderer {
    /** Name of the Secret the import controller reads (namespace = cluster name). */
    public static final String AUTO_IMPORT_SECRET = "auto-import-secret";
    /** Value written to {@code autoImportRetry}. */
    public static final int AUTO_IMPORT_RETRY = 5;
    /** Label every ztp-rendered ManagedCluster carries (as ZTPFW did). */
    public static final String ZTP_LABEL = "ztpfw";

    private AcmImportRenderer() {
    }

    /**
     * Renders the import set of one spoke.
     *
     * @param clusterName the spoke's name (DNS-1123 label; also the namespace on the hub)
     * @param labels      ManagedCluster labels (placement selects on them); {@code name} and
     *                    {@value #ZTP_LABEL} are added when absent
     * @param credentials how the hub reaches the spoke
     * @return Namespace, ManagedCluster, KlusterletAddonConfig, auto-import Secret, in apply order
     * @throws ZtpException {@code INVALID_SPEC} for a bad name, {@code SECRET_UNRESOLVED} when the
     *                      credential cannot be read here
     */
    public static List<HasMetadata> render(String clusterName, Map<String, String> labels,
                                           ImportCredentials credentials) {
        return render(clusterName, labels, Map.of(), credentials);
    }

    /**
     * Renders the import set of one spoke, with annotations on its ManagedCluster (for example the site
     * facts of a relocated cluster: base domain, VIPs).
     *
     * @param clusterName the spoke's name (DNS-1123 label; also the namespace on the hub)
     * @param labels      ManagedCluster labels; {@code name} and {@value #ZTP_LABEL} are added when absent
     * @param annotations ManagedCluster annotations, may be empty
     * @param credentials how the hub reaches the spoke
     * @return Namespace, ManagedCluster, KlusterletAddonConfig, auto-import Secret, in apply order
     * @throws ZtpException {@code INVALID_SPEC} for a bad name
     */
    public static List<HasMetadata> render(String clusterName, Map<String, String> labels,
                                           Map<String, String> annotations, ImportCredentials credentials) {
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(credentials, "credentials");
        if (clusterName == null || !KubeNames.isLabel(clusterName)) {
            throw ZtpException.invalid(List.of(new io.ocatopic.core.Problem("clusterName",
                    "must be a DNS-1123 label (lower-case letters, digits, '-', at most 63)")));
        }
        ManagedCluster mc = managedCluster(clusterName, labels, credentials.server());
        if (!annotations.isEmpty()) {
            mc.getMetadata().setAnnotations(new java.util.TreeMap<>(annotations));
        }
        return List.of(namespace(clusterName), mc,
                KlusterletAddonConfig.allEnabled(clusterName), autoImportSecret(clusterName, credentials));
    }

    /**
     * The ManagedCluster alone (hub-driven installs create it without an auto-import Secret).
     *
     * @param clusterName the cluster name
     * @param labels      labels; {@code name} and {@value #ZTP_LABEL} are added when absent
     * @param server      the spoke's API URL, or {@code null} when not known yet
     * @return the object
     */
    public static ManagedCluster managedCluster(String clusterName, Map<String, String> labels, String server) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("name", clusterName);
        all.put(ZTP_LABEL, "true");
        all.putAll(labels);
        ManagedCluster mc = ManagedCluster.accepted(clusterName, new java.util.TreeMap<>(all));
        mc.setSpec(new ManagedClusterSpec(true, 60,
                server == null ? null : List.of(new ManagedClusterSpec.ClientConfig(server, null))));
        return mc;
    }

    /**
     * The cluster's namespace on the hub.
     *
     * @param clusterName the cluster name
     * @return the Namespace
     */
    public static Namespace namespace(String clusterName) {
        return new NamespaceBuilder().withNewMetadata().withName(clusterName).endMetadata().build();
    }

    /**
     * The {@code auto-import-secret}, complete in one object (written in one request, never half).
     *
     * @param clusterName the cluster name (the Secret's namespace)
     * @param credentials how the hub reaches the spoke
     * @return the Secret (type Opaque, {@code stringData})
     */
    public static Secret autoImportSecret(String clusterName, ImportCredentials credentials) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("autoImportRetry", Integer.toString(AUTO_IMPORT_RETRY));
        if (credentials.kubeconfig().isPresent()) {
            data.put("kubeconfig", ZtpSecrets.reveal(credentials.kubeconfig().get()));
        } else {
            data.put("token", ZtpSecrets.reveal(credentials.token().orElseThrow()));
            data.put("server", credentials.server());
        }
        return new SecretBuilder().withNewMetadata().withName(AUTO_IMPORT_SECRET).withNamespace(clusterName)
                .endMetadata().withType("Opaque").withStringData(data).build();
    }
}
