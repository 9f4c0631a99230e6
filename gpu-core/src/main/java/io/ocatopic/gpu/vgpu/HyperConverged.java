package io.ocatopic.gpu.vgpu;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * OpenShift Virtualization's {@code HyperConverged} ({@code hco.kubevirt.io/v1}, namespaced), typed with
 * only the vGPU fields ocatopic sets (see {@link HyperConvergedSpec}); meant as a merge patch over
 * {@code kubevirt-hyperconverged} in {@code openshift-cnv}.
 *
 * <p>The CRD (kubevirt/hyperconverged-cluster-operator {@code deploy/crds/hco00.crd.yaml} at 03da3cff) serves
 * {@code v1} (the storage version) and {@code v1beta1}; only {@code v1} can turn KubeVirt's mediated-device
 * handling off without the deprecated {@code disableMDevConfiguration} feature gate. HCO releases before
 * v1.18.0 serve {@code v1beta1} only.
 *
 * <pre>{@code
 * HyperConverged hc = VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C"));
 * }</pre>
 */
@Group("hco.kubevirt.io")
@Version("v1")
@Kind("HyperConverged")
@Plural("hyperconvergeds")
public class HyperConverged extends CustomResource<HyperConvergedSpec, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** The object name OpenShift Virtualization uses. */
    public static final String DEFAULT_NAME = "kubevirt-hyperconverged";
    /** The namespace OpenShift Virtualization uses. */
    public static final String DEFAULT_NAMESPACE = "openshift-cnv";

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public HyperConverged() {
    }

    /**
     * {@code openshift-cnv/kubevirt-hyperconverged} with the given spec fragment.
     *
     * @param spec the fields to set
     * @return the object
     */
    public static HyperConverged of(HyperConvergedSpec spec) {
        HyperConverged hc = new HyperConverged();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(DEFAULT_NAME);
        meta.setNamespace(DEFAULT_NAMESPACE);
        hc.setMetadata(meta);
        hc.setSpec(spec);
        return hc;
    }
}
