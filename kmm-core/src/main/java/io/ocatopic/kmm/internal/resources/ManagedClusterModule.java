package io.ocatopic.kmm.internal.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KMM hub's {@code ManagedClusterModule} ({@code hub.kmm.sigs.x-k8s.io/v1beta1}, cluster-scoped): a Module
 * spec that the hub builds and signs, and delivers to the spokes whose ManagedCluster labels match
 * {@code selector} (kubernetes-sigs/kernel-module-management {@code api-hub/v1beta1/managedclustermodule_types.go}).
 *
 * <pre>{@code
 * ManagedClusterModule mcm = ManagedClusterModule.of("hello", moduleSpec, "kmm-demo", Map.of("edge", "true"));
 * applier.apply(mcm);
 * }</pre>
 */
@Group("hub.kmm.sigs.x-k8s.io")
@Version("v1beta1")
@Kind("ManagedClusterModule")
@Plural("managedclustermodules")
public class ManagedClusterModule extends KmmResource<ManagedClusterModule.Spec> {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public ManagedClusterModule() {
    }

    /**
     * A ManagedClusterModule.
     *
     * @param name           the object name
     * @param moduleSpec     the Module spec the spokes get
     * @param spokeNamespace the namespace of the Module on each spoke
     * @param selector       labels on ManagedCluster objects
     * @return the object
     */
    public static ManagedClusterModule of(String name, Module.Spec moduleSpec, String spokeNamespace,
                                          Map<String, String> selector) {
        ManagedClusterModule m = new ManagedClusterModule();
        m.setMetadata(new ObjectMetaBuilder().withName(name).build());
        m.setSpec(new Spec(moduleSpec, spokeNamespace, new LinkedHashMap<>(selector)));
        return m;
    }

    /**
     * The spec.
     *
     * @param moduleSpec     the Module spec
     * @param spokeNamespace the namespace on each spoke
     * @param selector       ManagedCluster labels to match
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Module.Spec moduleSpec, String spokeNamespace, Map<String, String> selector) {
    }
}
