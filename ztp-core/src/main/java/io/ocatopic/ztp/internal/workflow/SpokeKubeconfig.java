package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.ImportCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The spoke's own admin kubeconfig, kept on the spoke in Secret {@value #NAMESPACE}/{@value #NAME} when it
 * is detached from the factory hub, so that it can be re-imported on site.
 *
 * <pre>{@code
 * ImportCredentials creds = SpokeKubeconfig.credentials(spoke, spoke.endpoint());
 * }</pre>
 */
public final class SpokeKubeconfig {
    /** Namespace on the spoke. */
    public static final String NAMESPACE = "ocatopic-ztp";
    /** Secret name on the spoke. */
    public static final String NAME = "cluster-kubeconfig";
    /** Data key. */
    public static final String KEY = "kubeconfig";

    private SpokeKubeconfig() {
    }

    /** @return the namespace object on the spoke */
    public static Namespace namespace() {
        return new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build();
    }

    /**
     * The Secret holding a kubeconfig.
     *
     * @param kubeconfig the kubeconfig
     * @return the Secret (stringData)
     */
    public static Secret secret(io.ocatopic.kube.Secret kubeconfig) {
        return new SecretBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE).endMetadata()
                .withType("Opaque").withStringData(Map.of(KEY, kubeconfig.reveal())).build();
    }

    /**
     * Reads a key of a Secret whether the server stored it as {@code data} or kept {@code stringData}.
     *
     * @param secret the Secret
     * @param key    the key
     * @return the value, empty when absent
     */
    public static Optional<io.ocatopic.kube.Secret> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(io.ocatopic.kube.Secret.of(new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return Optional.of(io.ocatopic.kube.Secret.of(secret.getStringData().get(key)));
        }
        return Optional.empty();
    }

    /**
     * Reads the stored kubeconfig from the spoke.
     *
     * @param spoke the spoke's API
     * @return the kubeconfig
     * @throws ZtpException with {@code NOT_FOUND} when the spoke was not detached by ocatopic
     */
    public static io.ocatopic.kube.Secret read(ClusterApi spoke) {
        return spoke.get(Secret.class, NAMESPACE, NAME).flatMap(s -> value(s, KEY))
                .orElseThrow(() -> new ZtpException(ZtpException.Reason.NOT_FOUND,
                        "no " + NAMESPACE + "/" + NAME + " Secret on the spoke; was it detached by ocatopic?"));
    }

    /**
     * Points every cluster entry of a kubeconfig at a new API URL.
     *
     * @param kubeconfig the kubeconfig
     * @param server     the new API URL
     * @return the rewritten kubeconfig
     * @throws ZtpException with {@code MALFORMED_INPUT} when it is not a kubeconfig (the message never
     *                      quotes its content)
     */
    public static io.ocatopic.kube.Secret withServer(io.ocatopic.kube.Secret kubeconfig, String server) {
        Config cfg;
        try {
            cfg = KubeYaml.load(kubeconfig.reveal(), Config.class);
        } catch (RuntimeException e) {
            if (e instanceof ZtpException z) {
                throw z;
            }
            // no cause and no parser message: both quote the offending line, which may hold a token or key
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT,
                    "the kubeconfig is not valid kubeconfig YAML (" + e.getClass().getSimpleName() + ")", null);
        }
        if (cfg == null) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "the kubeconfig is empty");
        }
        if (cfg.getClusters() != null) {
            for (NamedCluster c : cfg.getClusters()) {
                if (c.getCluster() != null) {
                    c.getCluster().setServer(server);
                }
            }
        }
        return io.ocatopic.kube.Secret.of(KubeYaml.dump(cfg));
    }

    /**
     * Import credentials for the spoke at its current endpoint: the stored kubeconfig, re-pointed.
     *
     * @param spoke  the spoke's API
     * @param server the spoke's current API URL
     * @return credentials for {@link Reimporter}
     */
    public static ImportCredentials credentials(ClusterApi spoke, String server) {
        return ImportCredentials.kubeconfig(server, withServer(read(spoke), server));
    }
}
