package io.ocatopic.ztp.internal.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.internal.ZtpSecrets;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@link ClusterApi} over a fabric8 client and the SDK's {@link Applier}. */
public final class KubeClusterApi implements ClusterApi {
    private final Applier applier;
    private final KubernetesClient client;

    /**
     * Wraps an apply path.
     *
     * @param applier the apply path of the target cluster
     */
    public KubeClusterApi(Applier applier) {
        this.applier = applier;
        this.client = applier.client();
    }

    @Override
    public <T extends HasMetadata> T apply(T object) {
        return applier.apply(object);
    }

    @Override
    public boolean delete(HasMetadata object) {
        return applier.delete(object);
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        try {
            if (namespace == null || !Namespaced.class.isAssignableFrom(type)) {
                return Optional.ofNullable(client.resources(type).withName(name).get());
            }
            return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw new KubeException(e.getCode() == 0 || e.getCode() >= 500 ? KubeException.Reason.UNREACHABLE
                    : KubeException.Reason.REJECTED, e.getCode(),
                    "get " + type.getSimpleName() + " " + name + " failed", e);
        }
    }

    @Override
    public boolean reachable() {
        try {
            client.namespaces().withName("default").get();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String endpoint() {
        return client.getConfiguration().getMasterUrl();
    }

    /**
     * The real spoke connector: a fabric8 client from the spoke's admin kubeconfig, applying with
     * {@link Applier#auto}.
     *
     * @return the connector (cluster name, kubeconfig) to the spoke's API
     */
    public static BiFunction<String, Secret, ClusterApi> spokesFromKubeconfig() {
        return (cluster, kubeconfig) -> new KubeClusterApi(Applier.auto(new KubernetesClientBuilder()
                .withConfig(io.ocatopic.kube.internal.Kubeconfigs.parse(ZtpSecrets.reveal(kubeconfig),
                        "the kubeconfig of spoke " + cluster, null)).build()));
    }
}
