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
 * Assisted installer's {@code NMStateConfig} ({@code agent-install.openshift.io/v1beta1}): one node's
 * static network configuration (NMState) and the MAC-to-name map of its interfaces.
 *
 * <pre>{@code
 * NMStateConfig cfg = KubeYaml.load(yaml, NMStateConfig.class);
 * cfg.getSpec().interfaces();
 * }</pre>
 */
@Group("agent-install.openshift.io")
@Version("v1beta1")
@Kind("NMStateConfig")
@Plural("nmstateconfigs")
public class NMStateConfig extends CustomResource<NMStateConfig.Spec, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public NMStateConfig() {
    }

    @Override
    protected Spec initSpec() {
        return null;
    }

    /**
     * The node's network.
     *
     * @param config     NMState document
     * @param interfaces interface names with their MACs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Map<String, Object> config, List<Interface> interfaces) {
    }

    /**
     * One interface.
     *
     * @param name       the name NMState uses
     * @param macAddress its MAC
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interface(String name, String macAddress) {
    }
}
