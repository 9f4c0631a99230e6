package io.ocatopic.kube.internal.acm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * The status of a {@link ManagedCluster}: the claims the spoke reports and its conditions.
 *
 * @param clusterClaims the spoke's ClusterClaims (for example {@code kernel-versions.kmm.node.kubernetes.io})
 * @param conditions    the hub's conditions on the spoke
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManagedClusterStatus(List<ClusterClaim> clusterClaims, List<Condition> conditions) {

    /**
     * The value of one claim.
     *
     * @param name the claim name
     * @return its value, empty when the spoke does not report it
     */
    public Optional<String> claim(String name) {
        if (clusterClaims == null) {
            return Optional.empty();
        }
        return clusterClaims.stream().filter(c -> name.equals(c.name())).map(ClusterClaim::value).findFirst();
    }

    /**
     * One ClusterClaim reported by a spoke.
     *
     * @param name  the claim name
     * @param value the claim value
     */
    public record ClusterClaim(String name, String value) {
    }
}
