package io.ocatopic.kube.internal.acm;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/**
 * ACM's {@code ManagedCluster} ({@code cluster.open-cluster-management.io/v1}, cluster-scoped): a spoke
 * cluster registered with a hub. Shared by ztp-core (import and re-import) and kmm-core (spoke kernel
 * claims).
 *
 * <pre>{@code
 * ManagedCluster mc = ManagedCluster.accepted("edge-1", Map.of("vendor", "OpenShift"));
 * applier.apply(mc);
 * }</pre>
 */
@Group("cluster.open-cluster-management.io")
@Version("v1")
@Kind("ManagedCluster")
@Plural("managedclusters")
public class ManagedCluster extends CustomResource<ManagedClusterSpec, ManagedClusterStatus> {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public ManagedCluster() {
    }

    /**
     * A ManagedCluster the hub accepts, with the given labels.
     *
     * @param name   the cluster name
     * @param labels the labels placement rules select on
     * @return the object, with {@code hubAcceptsClient: true}
     */
    public static ManagedCluster accepted(String name, Map<String, String> labels) {
        ManagedCluster mc = new ManagedCluster();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setLabels(new java.util.LinkedHashMap<>(labels));
        mc.setMetadata(meta);
        mc.setSpec(new ManagedClusterSpec(true, null, null));
        return mc;
    }

    @Override
    protected ManagedClusterSpec initSpec() {
        return new ManagedClusterSpec(true, null, null);
    }
}
