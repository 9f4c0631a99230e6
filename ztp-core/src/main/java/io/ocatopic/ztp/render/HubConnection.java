package io.ocatopic.ztp.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.ztp.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a spoke's klusterlet reaches a hub: the hub API URL, its CA bundle (PEM) and a bootstrap token, and
 * the objects that carry them. On the spoke, the klusterlet registers with the hub named in Secret
 * {@value #AGENT_NAMESPACE}/{@value #BOOTSTRAP_SECRET} (key {@code kubeconfig}; open-cluster-management-io/ocm
 * {@code pkg/registration/spoke}, and ocm issues #26/#691 on re-pointing it). On the hub, a KlusterletConfig
 * ({@code config.open-cluster-management.io/v1alpha1}, cluster-scoped; stolostron/cluster-lifecycle-api
 * {@code klusterletconfig/v1alpha1}) with {@code hubKubeAPIServerConfig} (URL,
 * {@code UseCustomCABundles}, a ConfigMap labelled {@value #CA_BUNDLE_LABEL}) makes the import controller
 * render import manifests for that URL and CA; the ManagedCluster selects it with annotation
 * {@value #KLUSTERLET_CONFIG_ANNOTATION}. {@code toString} never shows the token.
 *
 * <pre>{@code
 * HubConnection hub = HubConnection.of("https://api.hub-b.example.net:6443", caPem, SecretValue.fromEnv("TOKEN"));
 * workflow.moveToHub("edge-1", spokeApi, oldHubApi, hub);   // workflow built with .hub(newHubApi)
 * }</pre>
 *
 * @param url      the hub's API URL
 * @param caBundle the hub API's CA bundle, PEM
 * @param token    a bootstrap token the klusterlet registers with
 */
public record HubConnection(String url, String caBundle, SecretValue token) {
    /** The klusterlet's namespace on the spoke. */
    public static final String AGENT_NAMESPACE = "open-cluster-management-agent";
    /** The klusterlet's bootstrap Secret on the spoke. */
    public static final String BOOTSTRAP_SECRET = "bootstrap-hub-kubeconfig";
    /** ManagedCluster annotation naming its KlusterletConfig. */
    public static final String KLUSTERLET_CONFIG_ANNOTATION = "agent.open-cluster-management.io/klusterlet-config";
    /** Label the import controller requires on a CA-bundle ConfigMap. */
    public static final String CA_BUNDLE_LABEL = "import.open-cluster-management.io/ca-bundle";

    /**
     * Checks parts are present.
     *
     * @param url      URL
     * @param caBundle CA bundle
     * @param token    token
     */
    public HubConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(token, "token");
    }

    /**
     * A hub connection.
     *
     * @param url      the hub's API URL
     * @param caBundle its CA bundle (PEM)
     * @param token    bootstrap token
     * @return the connection
     */
    public static HubConnection of(String url, String caBundle, SecretValue token) {
        return new HubConnection(url, caBundle, token);
    }

    /** @return the spoke's klusterlet namespace */
    public static Namespace agentNamespace() {
        return new NamespaceBuilder().withNewMetadata().withName(AGENT_NAMESPACE).endMetadata().build();
    }

    /**
     * The spoke's {@value #BOOTSTRAP_SECRET}: a kubeconfig for this hub (server, CA data, token).
     *
     * @param cluster the spoke's name (the kubeconfig's context)
     * @return the Secret
     */
    public Secret bootstrapSecret(String cluster) {
        String ca = Base64.getEncoder().encodeToString(caBundle.getBytes(StandardCharsets.UTF_8));
        String kc = "apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: " + url
                + "\n    certificate-authority-data: " + ca + "\ncontexts:\n- name: bootstrap\n  context:\n"
                + "    cluster: hub\n    user: bootstrap\ncurrent-context: bootstrap\nusers:\n- name: bootstrap\n"
                + "  user:\n    token: " + token.reveal() + "\n";
        return new SecretBuilder().withNewMetadata().withName(BOOTSTRAP_SECRET).withNamespace(AGENT_NAMESPACE)
                .addToLabels("ztp.ocatopic.io/cluster", cluster).endMetadata().withType("Opaque")
                .withStringData(Map.of("kubeconfig", kc)).build();
    }

    /**
     * The hub-side CA bundle ConfigMap the KlusterletConfig refers to, in the cluster's namespace.
     *
     * @param cluster the spoke's name
     * @return the ConfigMap {@code <cluster>-hub-ca}
     */
    public ConfigMap caBundleConfigMap(String cluster) {
        return new ConfigMapBuilder().withNewMetadata().withName(cluster + "-hub-ca").withNamespace(cluster)
                .addToLabels(CA_BUNDLE_LABEL, "").endMetadata().withData(Map.of("ca-bundle.crt", caBundle)).build();
    }

    /**
     * The hub-side KlusterletConfig {@code <cluster>}: this URL, custom CA bundle.
     *
     * @param cluster the spoke's name
     * @return the object
     */
    public GenericKubernetesResource klusterletConfig(String cluster) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("url", url);
        cfg.put("serverVerificationStrategy", "UseCustomCABundles");
        cfg.put("trustedCABundles", List.of(Map.of("name", "hub-ca",
                "caBundle", Map.of("name", cluster + "-hub-ca", "namespace", cluster))));
        return new GenericKubernetesResourceBuilder().withApiVersion("config.open-cluster-management.io/v1alpha1")
                .withKind("KlusterletConfig").withNewMetadata().withName(cluster).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("hubKubeAPIServerConfig", cfg))).build();
    }

    @Override
    public String toString() {
        return "HubConnection[url=" + url + ", token=" + token + "]";
    }
}
