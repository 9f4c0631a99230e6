package io.ocatopic.ztp;

import io.ocatopic.kube.Secret;
import java.util.Objects;

/**
 * How a spoke's klusterlet reaches a hub: the hub API URL, its CA bundle (PEM) and a bootstrap token. On the
 * spoke, the klusterlet registers with the hub named in Secret {@value #AGENT_NAMESPACE}/{@value #BOOTSTRAP_SECRET}
 * (key {@code kubeconfig}; open-cluster-management-io/ocm {@code pkg/registration/spoke}). On the hub, a
 * KlusterletConfig ({@code config.open-cluster-management.io/v1alpha1}) with {@code hubKubeAPIServerConfig}
 * (URL, {@code UseCustomCABundles}, a ConfigMap labelled {@value #CA_BUNDLE_LABEL}) makes the import controller
 * render import manifests for that URL and CA; the ManagedCluster selects it with annotation
 * {@value #KLUSTERLET_CONFIG_ANNOTATION}. {@code toString} never shows the token.
 *
 * <pre>{@code
 * HubConnection hub = HubConnection.of("https://api.hub-b.example.net:6443", caPem, Secret.fromEnv("TOKEN"));
 * System.out.println(hub);                                  // URL and CA to be used; never the token
 * workflow.moveToHub("edge-1", spokeApi, oldHubApi, hub);   // workflow built with .hub(newHubApi)
 * }</pre>
 *
 * @param url      the hub's API URL
 * @param caBundle the hub API's CA bundle, PEM
 * @param token    a bootstrap token the klusterlet registers with
 */
public record HubConnection(String url, String caBundle, Secret token) {
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
    public static HubConnection of(String url, String caBundle, Secret token) {
        return new HubConnection(url, caBundle, token);
    }

    @Override
    public String toString() {
        return "HubConnection[url=" + url + ", token=" + token + "]";
    }
}
