package io.ocatopic.ztp.workflow;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.kube.Applier;
import io.ocatopic.ztp.SecretValue;

/**
 * Opens a spoke cluster's API from its admin kubeconfig (which the hub holds in
 * {@code <cluster>-admin-kubeconfig} after install).
 *
 * <pre>{@code
 * SpokeConnector spokes = SpokeConnector.fromKubeconfig();
 * ClusterApi spoke = spokes.connect("edge-1", SecretValue.of(kubeconfigYaml));
 * }</pre>
 */
@FunctionalInterface
public interface SpokeConnector {
    /**
     * Connects to a spoke.
     *
     * @param cluster    the cluster name
     * @param kubeconfig its admin kubeconfig
     * @return the spoke's API
     */
    ClusterApi connect(String cluster, SecretValue kubeconfig);

    /** @return the real connector: a fabric8 client from the kubeconfig, applying with {@link Applier#auto} */
    static SpokeConnector fromKubeconfig() {
        return (cluster, kubeconfig) -> ClusterApi.of(Applier.auto(new KubernetesClientBuilder()
                .withConfig(io.ocatopic.kube.Kubeconfigs.parse(kubeconfig.reveal(), "the kubeconfig of spoke " + cluster, null)).build()));
    }
}
