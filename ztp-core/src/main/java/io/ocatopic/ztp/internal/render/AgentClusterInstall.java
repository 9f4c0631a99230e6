package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * Assisted installer's {@code AgentClusterInstall} ({@code extensions.hive.openshift.io/v1beta1}): how a
 * hub-driven install of one cluster is done (not in the fabric8 openshift-model jars, hence typed here).
 * Source: ZTPFW {@code ztp/internal/cmd/cluster/templates/objects/*.yaml}; SiteConfig templates.
 *
 * <pre>{@code
 * AgentClusterInstall aci = HubCrRenderer.render(spec, cluster).stream()
 *         .filter(AgentClusterInstall.class::isInstance).map(AgentClusterInstall.class::cast).findFirst().get();
 * }</pre>
 */
@Group("extensions.hive.openshift.io")
@Version("v1beta1")
@Kind("AgentClusterInstall")
@Plural("agentclusterinstalls")
public class AgentClusterInstall extends CustomResource<AgentClusterInstall.Spec, Map<String, Object>>
        implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public AgentClusterInstall() {
    }

    @Override
    protected Spec initSpec() {
        return null;
    }

    /**
     * The install parameters.
     *
     * @param clusterDeploymentRef  the ClusterDeployment ({@code name})
     * @param imageSetRef           the ClusterImageSet ({@code name})
     * @param networking            cluster/service/machine networks and network type
     * @param provisionRequirements control-plane and worker agent counts
     * @param apiVIPs               API VIPs (absent for single-node)
     * @param ingressVIPs           ingress VIPs (absent for single-node)
     * @param sshPublicKey          SSH key for the nodes
     * @param diskEncryption        {@code {mode: tpmv2, enableOn: all}} when TPM is on
     * @param platformType          {@code BareMetal} or {@code None} (single-node)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Map<String, String> clusterDeploymentRef, Map<String, String> imageSetRef,
                       Map<String, Object> networking, Map<String, Integer> provisionRequirements,
                       List<String> apiVIPs, List<String> ingressVIPs, String sshPublicKey,
                       Map<String, String> diskEncryption, String platformType) {
    }
}
