package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/**
 * Assisted installer's {@code InfraEnv} ({@code agent-install.openshift.io/v1beta1}): the discovery ISO
 * environment of one cluster; picks its NMStateConfigs by the label {@code nmstate_config_cluster_name}.
 *
 * <pre>{@code
 * InfraEnv env = (InfraEnv) KubeYaml.load(yaml, InfraEnv.class);
 * }</pre>
 */
@Group("agent-install.openshift.io")
@Version("v1beta1")
@Kind("InfraEnv")
@Plural("infraenvs")
public class InfraEnv extends CustomResource<InfraEnv.Spec, Map<String, Object>> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public InfraEnv() {
    }

    @Override
    protected Spec initSpec() {
        return null;
    }

    /**
     * The discovery environment.
     *
     * @param clusterRef                 the ClusterDeployment ({@code name}, {@code namespace})
     * @param pullSecretRef              the pull secret ({@code name})
     * @param sshAuthorizedKey           SSH key for the discovery image
     * @param nmStateConfigLabelSelector which NMStateConfigs apply
     * @param cpuArchitecture            {@code x86_64}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Map<String, String> clusterRef, Map<String, String> pullSecretRef, String sshAuthorizedKey,
                       LabelSelector nmStateConfigLabelSelector, String cpuArchitecture) {
    }
}
