package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * ACM's {@code KlusterletAddonConfig} ({@code agent.open-cluster-management.io/v1}, namespaced, in the
 * cluster's namespace): which add-ons the klusterlet runs on the spoke. Source: stolostron/rhacm-docs
 * {@code clusters/cluster_lifecycle/import_cli.adoc}; fields
 * {@code spec.{applicationManager,certPolicyController,policyController,searchCollector}.enabled}, the four
 * the CRD requires and the controller reads (stolostron/klusterlet-addon-controller
 * {@code pkg/apis/agent/v1/klusterletaddonconfig_types.go}, {@code pkg/controller/addon/klusterlet_addon_controller.go}).
 * The deprecated {@code spec.clusterName} and {@code spec.clusterNamespace} ("DEPRECATED in release 2.4 ...
 * not used anymore") and {@code spec.iamPolicyController} ("DEPRECATED in release 2.11") are not rendered.
 *
 * <pre>{@code
 * KlusterletAddonConfig kac = KlusterletAddonConfig.allEnabled("edge-1");
 * }</pre>
 */
@Group("agent.open-cluster-management.io")
@Version("v1")
@Kind("KlusterletAddonConfig")
@Plural("klusterletaddonconfigs")
public class KlusterletAddonConfig extends CustomResource<KlusterletAddonConfig.Spec, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public KlusterletAddonConfig() {
    }

    /**
     * A config in namespace {@code cluster} with every add-on enabled.
     *
     * @param cluster the managed cluster's name (also its namespace)
     * @return the object
     */
    public static KlusterletAddonConfig allEnabled(String cluster) {
        KlusterletAddonConfig k = new KlusterletAddonConfig();
        k.getMetadata().setName(cluster);
        k.getMetadata().setNamespace(cluster);
        Toggle on = new Toggle(true);
        k.setSpec(new Spec(on, on, on, on));
        return k;
    }

    @Override
    protected Spec initSpec() {
        return null;
    }

    /**
     * The add-on switches, all four required by the CRD. Deprecated fields of objects read back
     * ({@code clusterName}, {@code clusterNamespace}, {@code iamPolicyController}, ...) are ignored.
     *
     * @param applicationManager   application manager add-on
     * @param certPolicyController certificate policy controller add-on
     * @param policyController     policy controller add-on
     * @param searchCollector      search collector add-on
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Toggle applicationManager, Toggle certPolicyController, Toggle policyController,
                       Toggle searchCollector) {
    }

    /**
     * One add-on switch.
     *
     * @param enabled whether the add-on runs
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Toggle(boolean enabled) {
    }
}
