package io.ocatopic.kube.internal.acm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The spec of a {@link ManagedCluster}.
 *
 * @param hubAcceptsClient          whether the hub accepts the spoke's registration
 * @param leaseDurationSeconds      the agent's lease duration, {@code null} for the default
 * @param managedClusterClientConfigs the spoke's API endpoints, {@code null} when not set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedClusterSpec(
        boolean hubAcceptsClient,
        Integer leaseDurationSeconds,
        List<ClientConfig> managedClusterClientConfigs) {

    /**
     * One API endpoint of the spoke.
     *
     * @param url      the API server URL
     * @param caBundle base64 PEM CA bundle, {@code null} when not set
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientConfig(String url, String caBundle) {
    }
}
