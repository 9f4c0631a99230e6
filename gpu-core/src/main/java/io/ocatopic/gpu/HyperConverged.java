package io.ocatopic.gpu;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.ocatopic.gpu.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenShift Virtualization's {@code HyperConverged} ({@code hco.kubevirt.io/v1}, namespaced), typed with
 * only the vGPU fields ocatopic sets (see {@link HyperConverged.Spec}); meant as a merge patch over
 * {@code kubevirt-hyperconverged} in {@code openshift-cnv}.
 *
 * <p>The CRD (kubevirt/hyperconverged-cluster-operator {@code deploy/crds/hco00.crd.yaml} at 03da3cff) serves
 * {@code v1} (the storage version) and {@code v1beta1}; only {@code v1} can turn KubeVirt's mediated-device
 * handling off without the deprecated {@code disableMDevConfiguration} feature gate. HCO releases before
 * v1.18.0 serve {@code v1beta1} only.
 *
 * <pre>{@code
 * HyperConverged hc = gp.renderVgpu(List.of("NVIDIA A100-1-5C"), SandboxWorkload.VM_VGPU, "", "", "").hyperConverged();
 * }</pre>
 */
@Group("hco.kubevirt.io")
@Version("v1")
@Kind("HyperConverged")
@Plural("hyperconvergeds")
public class HyperConverged extends CustomResource<HyperConverged.Spec, Void> implements Namespaced {
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
    public static HyperConverged of(Spec spec) {
        HyperConverged hc = new HyperConverged();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(DEFAULT_NAME);
        meta.setNamespace(DEFAULT_NAMESPACE);
        hc.setMetadata(meta);
        hc.setSpec(spec);
        return hc;
    }

    /**
     * The vGPU part of the HyperConverged spec in the {@code hco.kubevirt.io/v1} API (kubevirt/hyperconverged-cluster-operator
     * {@code api/v1/hyperconverged_types.go}, {@code docs/cluster-configuration.md}; CRD {@code deploy/crds/hco00.crd.yaml},
     * where v1 is the storage version): {@code spec.virtualization.permittedHostDevices.mediatedDevices[]} and
     * {@code spec.virtualization.mediatedDevicesConfiguration}. {@code null} fields are omitted.
     *
     * <p>{@code mediatedDevicesConfiguration.enabled: false} replaces the v1beta1 feature gate
     * {@code featureGates.disableMDevConfiguration: true}, which HCO deprecates ("use v1's
     * spec.virtualization.mediatedDevicesConfiguration.enabled instead"); v1beta1 has no other way to say it.
     *
     * @param virtualization {@code spec.virtualization}
     * <pre>{@code
     * new HyperConverged.Spec(new Virtualization(permitted, MediatedDevicesConfiguration.disabled()))
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(Virtualization virtualization) {

        /**
         * {@code spec.virtualization} (only what ocatopic sets).
         *
         * @param permittedHostDevices         devices VMs may use
         * @param mediatedDevicesConfiguration whether and which mdev types KubeVirt creates
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Virtualization(PermittedHostDevices permittedHostDevices,
                                     MediatedDevicesConfiguration mediatedDevicesConfiguration) {
        }

        /**
         * {@code spec.virtualization.permittedHostDevices}.
         *
         * @param mediatedDevices permitted mediated devices; the CRD keys the list by {@code mdevNameSelector}
         *                        ({@code x-kubernetes-list-type: map}), so each name appears once
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record PermittedHostDevices(List<MediatedDevice> mediatedDevices) {
            /**
             * Validates and copies.
             *
             * @param mediatedDevices see the record component
             * @throws GpuException {@code INVALID} naming each entry that is empty or repeats a name
             */
            public PermittedHostDevices {
                mediatedDevices = mediatedDevices == null ? List.of() : mediatedDevices;
                List<String> problems = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < mediatedDevices.size(); i++) {
                    String at = "spec.virtualization.permittedHostDevices.mediatedDevices[" + i + "]";
                    MediatedDevice d = mediatedDevices.get(i);
                    if (d == null) {
                        problems.add(at + ": empty entry");
                    } else if (!seen.add(d.mdevNameSelector())) {
                        problems.add(at + ".mdevNameSelector: \"" + d.mdevNameSelector() + "\" appears twice (the"
                                + " CRD keys this list by mdevNameSelector); give each mdev name once");
                    }
                }
                if (!problems.isEmpty()) {
                    throw new GpuException(GpuException.Reason.INVALID, "invalid HyperConverged", Problems.of(problems), null);
                }
                mediatedDevices = List.copyOf(mediatedDevices);
            }
        }

        /**
         * One permitted mediated device ({@code MediatedHostDevice}; {@code mdevNameSelector} and
         * {@code resourceName} are required).
         *
         * @param mdevNameSelector         matched against {@code /sys/class/mdev_bus/<uuid>/mdev_type/name}
         * @param resourceName             the extended resource, e.g. {@code nvidia.com/NVIDIA_A100-1-5C}
         * @param externalResourceProvider true when a device plugin other than KubeVirt's advertises it (the GPU
         *                                 operator's sandbox device plugin); {@code null} to omit
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record MediatedDevice(String mdevNameSelector, String resourceName, Boolean externalResourceProvider) {
            /**
             * Validates.
             *
             * @param mdevNameSelector         see the record component
             * @param resourceName             see the record component
             * @param externalResourceProvider see the record component
             * @throws GpuException {@code INVALID} when a required field is missing
             */
            public MediatedDevice {
                List<String> problems = new ArrayList<>();
                if (mdevNameSelector == null || mdevNameSelector.isBlank()) {
                    problems.add("mdevNameSelector: required, the mdev type name as sysfs shows it, e.g. NVIDIA A100-1-5C");
                }
                if (resourceName == null || resourceName.isBlank()) {
                    problems.add("resourceName: required, e.g. nvidia.com/NVIDIA_A100-1-5C");
                }
                if (!problems.isEmpty()) {
                    throw new GpuException(GpuException.Reason.INVALID, "invalid permitted mediated device", Problems.of(problems), null);
                }
            }
        }

        /**
         * {@code spec.virtualization.mediatedDevicesConfiguration}.
         *
         * @param enabled                 whether virt-handler creates and removes mediated devices ({@code null}:
         *                                HCO's default, true); false when the GPU operator's vGPU device manager
         *                                creates them
         * @param mediatedDeviceTypes     mdev type ids (e.g. {@code nvidia-222}) for every node
         * @param nodeMediatedDeviceTypes per-node-selector overrides
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public record MediatedDevicesConfiguration(Boolean enabled, List<String> mediatedDeviceTypes,
                                                   List<NodeMediatedDeviceTypes> nodeMediatedDeviceTypes) {
            /**
             * Copies.
             *
             * @param enabled                 see the record component
             * @param mediatedDeviceTypes     see the record component (null reads as none)
             * @param nodeMediatedDeviceTypes see the record component (null reads as none)
             */
            public MediatedDevicesConfiguration {
                mediatedDeviceTypes = mediatedDeviceTypes == null ? List.of() : List.copyOf(mediatedDeviceTypes);
                nodeMediatedDeviceTypes = nodeMediatedDeviceTypes == null ? List.of() : List.copyOf(nodeMediatedDeviceTypes);
            }

            /**
             * Returns the setting that leaves mediated devices to the GPU operator.
             *
             * @return {@code enabled: false}: KubeVirt leaves mediated devices to the GPU operator
             */
            public static MediatedDevicesConfiguration disabled() {
                return new MediatedDevicesConfiguration(false, List.of(), List.of());
            }
        }

        /**
         * mdev types for the nodes a selector matches ({@code NodeMediatedDeviceTypesConfig}; {@code nodeSelector}
         * is required).
         *
         * @param nodeSelector        node labels to match
         * @param mediatedDeviceTypes mdev type ids
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record NodeMediatedDeviceTypes(Map<String, String> nodeSelector, List<String> mediatedDeviceTypes) {
            /**
             * Validates and copies.
             *
             * @param nodeSelector        see the record component
             * @param mediatedDeviceTypes see the record component
             * @throws GpuException {@code INVALID} when the selector is missing or no type is given
             */
            public NodeMediatedDeviceTypes {
                List<String> problems = new ArrayList<>();
                if (nodeSelector == null) {
                    problems.add("nodeSelector: required, the node labels to match, e.g. {nvidia.com/gpu.product: NVIDIA-A10}");
                }
                if (mediatedDeviceTypes == null || mediatedDeviceTypes.isEmpty()) {
                    problems.add("mediatedDeviceTypes: give at least one mdev type id, e.g. nvidia-558");
                }
                if (!problems.isEmpty()) {
                    throw new GpuException(GpuException.Reason.INVALID, "invalid nodeMediatedDeviceTypes entry", Problems.of(problems),
                            null);
                }
                nodeSelector = new java.util.TreeMap<>(nodeSelector);
                mediatedDeviceTypes = List.copyOf(mediatedDeviceTypes);
            }
        }
    }
}
