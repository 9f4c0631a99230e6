package io.ocatopic.ztp.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import java.util.Optional;

/**
 * The small interface through which the workflow and the reconnection loop touch a cluster (hub or
 * spoke): the SDK's apply path, delete, read and a reachability probe. One real implementation
 * ({@link #of(Applier)}); tests wrap it to inject faults and flapping.
 *
 * <pre>{@code
 * ClusterApi hub = ClusterApi.of(Applier.auto(hubClient));
 * if (hub.reachable()) { hub.apply(namespace); }
 * }</pre>
 */
public interface ClusterApi {
    /**
     * Writes an object through the SDK's apply path.
     *
     * @param object the desired object
     * @param <T>    its type
     * @return the stored object
     * @throws KubeException when refused or unreachable
     */
    <T extends HasMetadata> T apply(T object);

    /**
     * Deletes an object if present.
     *
     * @param object kind, namespace and name
     * @return whether something was deleted
     * @throws KubeException when refused or unreachable
     */
    boolean delete(HasMetadata object);

    /**
     * Reads an object.
     *
     * @param type      its class
     * @param namespace its namespace, {@code null} for cluster-scoped
     * @param name      its name
     * @param <T>       its type
     * @return the object, empty when absent
     * @throws KubeException with {@code UNREACHABLE} when the API cannot be reached
     */
    <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name);

    /** @return whether the API answers now (never throws) */
    boolean reachable();

    /** @return the API server URL this handle talks to */
    String endpoint();

    /**
     * The real implementation over an {@link Applier}.
     *
     * @param applier the apply path of the target cluster
     * @return the API handle
     */
    static ClusterApi of(Applier applier) {
        return new KubeClusterApi(applier);
    }

    /** {@link ClusterApi} over a fabric8 client and the SDK's {@link Applier}. */
    final class KubeClusterApi implements ClusterApi {
        private final Applier applier;
        private final KubernetesClient client;

        KubeClusterApi(Applier applier) {
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
    }
}
