package io.ocatopic.gpu.mig;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The GPU operator's {@code ClusterPolicy} ({@code nvidia.com/v1}, cluster-scoped), typed with only the
 * fields ocatopic sets (see {@link ClusterPolicySpec}). Render it as a merge patch over the operator's
 * policy ({@code oc patch clusterpolicy gpu-cluster-policy --type merge}); the MIG, vGPU and RDMA
 * renderers each produce a fragment and {@link ClusterPolicySpec#merge} combines them.
 *
 * <p>Source: NVIDIA/gpu-operator {@code api/nvidia/v1/clusterpolicy_types.go}.
 *
 * <pre>{@code
 * ClusterPolicy cp = ClusterPolicy.of(ClusterPolicySpec.mig(MigStrategy.MIXED, "ocatopic-mig-config"));
 * String yaml = KubeYaml.dump(cp);
 * }</pre>
 */
@Group("nvidia.com")
@Version("v1")
@Kind("ClusterPolicy")
@Plural("clusterpolicies")
public class ClusterPolicy extends CustomResource<ClusterPolicySpec, Void> {
    private static final long serialVersionUID = 1L;

    /** The name the GPU operator's OLM install gives its policy on OpenShift. */
    public static final String DEFAULT_NAME = "gpu-cluster-policy";

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public ClusterPolicy() {
    }

    /**
     * A policy named {@value #DEFAULT_NAME} with the given spec fragment.
     *
     * @param spec the fields to set
     * @return the object
     */
    public static ClusterPolicy of(ClusterPolicySpec spec) {
        ClusterPolicy cp = new ClusterPolicy();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(DEFAULT_NAME);
        cp.setMetadata(meta);
        cp.setSpec(spec);
        return cp;
    }
}
