package io.ocatopic.gpu.vgpu;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The vGPU part of the HyperConverged spec (kubevirt/hyperconverged-cluster-operator {@code docs/api.md},
 * {@code docs/cluster-configuration.md}): {@code featureGates.disableMDevConfiguration},
 * {@code permittedHostDevices.mediatedDevices[]} and {@code mediatedDevicesConfiguration}. {@code null}
 * fields are omitted.
 *
 * @param featureGates                 feature gates
 * @param permittedHostDevices         devices VMs may use
 * @param mediatedDevicesConfiguration mdev types KubeVirt creates (only when KubeVirt, not the GPU
 *                                     operator, configures mediated devices)
 * <pre>{@code
 * new HyperConvergedSpec(new FeatureGates(true), permitted, null)
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperConvergedSpec(FeatureGates featureGates, PermittedHostDevices permittedHostDevices,
                                 MediatedDevicesConfiguration mediatedDevicesConfiguration) {

    /**
     * {@code spec.featureGates}.
     *
     * @param disableMDevConfiguration true when the GPU operator's vGPU device manager creates the mdevs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeatureGates(Boolean disableMDevConfiguration) {
    }

    /**
     * {@code spec.permittedHostDevices}.
     *
     * @param mediatedDevices permitted mediated devices
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PermittedHostDevices(List<MediatedDevice> mediatedDevices) {
        /**
         * Copies.
         *
         * @param mediatedDevices see the record component
         */
        public PermittedHostDevices {
            mediatedDevices = List.copyOf(mediatedDevices);
        }
    }

    /**
     * One permitted mediated device.
     *
     * @param mdevNameSelector         matched against {@code /sys/class/mdev_bus/<uuid>/mdev_type/name}
     * @param resourceName             the extended resource, e.g. {@code nvidia.com/NVIDIA_A100-1-5C}
     * @param externalResourceProvider true when a device plugin other than KubeVirt's advertises it (the GPU
     *                                 operator's sandbox device plugin); {@code null} to omit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MediatedDevice(String mdevNameSelector, String resourceName, Boolean externalResourceProvider) {
    }

    /**
     * {@code spec.mediatedDevicesConfiguration}.
     *
     * @param mediatedDeviceTypes     mdev type ids (e.g. {@code nvidia-222}) for every node
     * @param nodeMediatedDeviceTypes per-node-selector overrides
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MediatedDevicesConfiguration(List<String> mediatedDeviceTypes,
                                               List<NodeMediatedDeviceTypes> nodeMediatedDeviceTypes) {
        /**
         * Copies.
         *
         * @param mediatedDeviceTypes     see the record component
         * @param nodeMediatedDeviceTypes see the record component
         */
        public MediatedDevicesConfiguration {
            mediatedDeviceTypes = List.copyOf(mediatedDeviceTypes);
            nodeMediatedDeviceTypes = List.copyOf(nodeMediatedDeviceTypes);
        }
    }

    /**
     * mdev types for the nodes a selector matches.
     *
     * @param nodeSelector        node labels to match
     * @param mediatedDeviceTypes mdev type ids
     */
    public record NodeMediatedDeviceTypes(Map<String, String> nodeSelector, List<String> mediatedDeviceTypes) {
        /**
         * Copies.
         *
         * @param nodeSelector        see the record component
         * @param mediatedDeviceTypes see the record component
         */
        public NodeMediatedDeviceTypes {
            nodeSelector = new java.util.TreeMap<>(nodeSelector);
            mediatedDeviceTypes = List.copyOf(mediatedDeviceTypes);
        }
    }
}
