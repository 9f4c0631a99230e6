package io.ocatopic.ztp.internal.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.internal.ZtpSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that carry a {@link HubConnection}: on the spoke the klusterlet's namespace and bootstrap
 * Secret, on the hub the CA-bundle ConfigMap and the KlusterletConfig (stolostron/cluster-lifecycle-api
 * {@code klusterletconfig/v1alpha1}; ocm issues #26/#691 on re-pointing a klusterlet). Pure.
 */
public final class HubConnectionObjects {
    private HubConnectionObjects() {
    }

    /** @return the spoke's klusterlet namespace */
    public static Namespace agentNamespace() {
        return new NamespaceBuilder().withNewMetadata().withName(HubConnection.AGENT_NAMESPACE).endMetadata().build();
    }

    /**
     * The spoke's {@value HubConnection#BOOTSTRAP_SECRET}: a kubeconfig for this hub (server, CA data, token).
     *
     * @param hub     the hub
     * @param cluster the spoke's name (the kubeconfig's context)
     * @return the Secret
     */
    public static Secret bootstrapSecret(HubConnection hub, String cluster) {
        String ca = Base64.getEncoder().encodeToString(hub.caBundle().getBytes(StandardCharsets.UTF_8));
        String kc = "apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: " + hub.url()
                + "\n    certificate-authority-data: " + ca + "\ncontexts:\n- name: bootstrap\n  context:\n"
                + "    cluster: hub\n    user: bootstrap\ncurrent-context: bootstrap\nusers:\n- name: bootstrap\n"
                + "  user:\n    token: " + ZtpSecrets.reveal(hub.token()) + "\n";
        return new SecretBuilder().withNewMetadata().withName(HubConnection.BOOTSTRAP_SECRET)
                .withNamespace(HubConnection.AGENT_NAMESPACE)
                .addToLabels("ztp.ocatopic.io/cluster", cluster).endMetadata().withType("Opaque")
                .withStringData(Map.of("kubeconfig", kc)).build();
    }

    /**
     * The hub-side CA bundle ConfigMap the KlusterletConfig refers to, in the cluster's namespace.
     *
     * @param hub     the hub
     * @param cluster the spoke's name
     * @return the ConfigMap {@code <cluster>-hub-ca}
     */
    public static ConfigMap caBundleConfigMap(HubConnection hub, String cluster) {
        return new ConfigMapBuilder().withNewMetadata().withName(cluster + "-hub-ca").withNamespace(cluster)
                .addToLabels(HubConnection.CA_BUNDLE_LABEL, "").endMetadata()
                .withData(Map.of("ca-bundle.crt", hub.caBundle())).build();
    }

    /**
     * The hub-side KlusterletConfig {@code <cluster>}: this URL, custom CA bundle.
     *
     * @param hub     the hub
     * @param cluster the spoke's name
     * @return the object
     */
    public static GenericKubernetesResource klusterletConfig(HubConnection hub, String cluster) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("url", hub.url());
        cfg.put("serverVerificationStrategy", "UseCustomCABundles");
        cfg.put("trustedCABundles", List.of(Map.of("name", "hub-ca",
                "caBundle", Map.of("name", cluster + "-hub-ca", "namespace", cluster))));
        return new GenericKubernetesResourceBuilder().withApiVersion("config.open-cluster-management.io/v1alpha1")
                .withKind("KlusterletConfig").withNewMetadata().withName(cluster).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("hubKubeAPIServerConfig", cfg))).build();
    }
}
