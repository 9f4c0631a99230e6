package io.ocatopic.dpu.internal.render;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The SR-IOV network operator's {@code SriovNetworkNodePolicy} ({@code sriovnetwork.openshift.io/v1},
 * namespaced, normally in {@code openshift-sriov-network-operator}).
 *
 * <pre>{@code
 * SriovNetworkNodePolicy p = new SriovNetworkNodePolicy();
 * p.setSpec(spec);
 * }</pre>
 */
@Group("sriovnetwork.openshift.io")
@Version("v1")
@Kind("SriovNetworkNodePolicy")
@Plural("sriovnetworknodepolicies")
public class SriovNetworkNodePolicy extends CustomResource<SriovNetworkNodePolicySpec, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public SriovNetworkNodePolicy() {
    }
}
