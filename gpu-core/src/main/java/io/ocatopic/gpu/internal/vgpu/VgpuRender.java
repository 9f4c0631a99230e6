package io.ocatopic.gpu.internal.vgpu;

import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.HyperConverged;
import io.ocatopic.gpu.HyperConverged.Spec.MediatedDevice;
import io.ocatopic.gpu.HyperConverged.Spec.MediatedDevicesConfiguration;
import io.ocatopic.gpu.HyperConverged.Spec.NodeMediatedDeviceTypes;
import io.ocatopic.gpu.HyperConverged.Spec.PermittedHostDevices;
import io.ocatopic.gpu.HyperConverged.Spec.Virtualization;
import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.gpu.internal.GpuNames;
import io.ocatopic.gpu.internal.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the cluster side of vGPU: HyperConverged fragments, the ClusterPolicy sandbox settings and the
 * node labels.
 *
 * <p>Two ways to create mediated devices (cloud-native-docs {@code openshift/openshift-virtualization.rst};
 * OpenShift docs "Configuring virtual GPUs"): the GPU operator's vGPU device manager creates them and its
 * sandbox device plugin advertises them, so HyperConverged sets
 * {@code spec.virtualization.mediatedDevicesConfiguration.enabled: false} (HCO v1; it replaces the
 * deprecated v1beta1 {@code featureGates.disableMDevConfiguration: true}) and
 * {@code externalResourceProvider: true} ({@link #hyperConvergedForGpuOperator}); or KubeVirt creates them
 * from {@code spec.virtualization.mediatedDevicesConfiguration} ({@link #hyperConvergedForKubevirt}).
 * Resource names replace whitespace in the mdev name by {@code _} (NVIDIA/kubevirt-gpu-device-plugin
 * {@code pkg/device_plugin/device_plugin.go}), e.g. {@code NVIDIA A10-24Q} to {@code nvidia.com/NVIDIA_A10-24Q}.
 *
 * <pre>{@code
 * HyperConverged hc = VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C"));
 * ClusterPolicy.Spec cp = VgpuRender.clusterPolicy(SandboxWorkload.VM_VGPU, "ocatopic-vgpu-config", "default");
 * }</pre>
 */
public final class VgpuRender {
    /** Node label selecting what the node serves. */
    public static final String WORKLOAD_LABEL = "nvidia.com/gpu.workload.config";
    /** Node label selecting the vgpu-device-manager config. */
    public static final String VGPU_CONFIG_LABEL = "nvidia.com/vgpu.config";

    private VgpuRender() {
    }

    /**
     * The extended resource name of an mdev type.
     *
     * @param mdevName the sysfs name, e.g. {@code NVIDIA A100-1-5C}
     * @return e.g. {@code nvidia.com/NVIDIA_A100-1-5C}
     */
    public static String resourceName(String mdevName) {
        return "nvidia.com/" + mdevName.trim().replaceAll("\\s+", "_");
    }

    /**
     * HyperConverged when the GPU operator creates and advertises the mediated devices.
     *
     * @param mdevNames sysfs mdev names to permit, e.g. {@code NVIDIA A100-1-5C}
     * @return the fragment
     */
    public static HyperConverged hyperConvergedForGpuOperator(List<String> mdevNames) {
        List<MediatedDevice> devs = mdevNames.stream()
                .map(n -> new MediatedDevice(n, resourceName(n), true)).toList();
        return HyperConverged.of(new HyperConverged.Spec(new Virtualization(new PermittedHostDevices(devs),
                MediatedDevicesConfiguration.disabled())));
    }

    /**
     * HyperConverged when KubeVirt creates the mediated devices (the GPU operator installs only the vGPU
     * manager).
     *
     * @param mdevNames   sysfs mdev names to permit
     * @param clusterTypes mdev type ids for every node, e.g. {@code nvidia-699}
     * @param perNode     per-node-selector type ids
     * @return the fragment
     * @throws GpuException {@code INVALID} when neither {@code clusterTypes} nor {@code perNode} names a type
     *                      (KubeVirt would then create nothing)
     */
    public static HyperConverged hyperConvergedForKubevirt(List<String> mdevNames, List<String> clusterTypes,
                                                           List<NodeMediatedDeviceTypes> perNode) {
        if (clusterTypes.isEmpty() && perNode.isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "invalid HyperConverged", Problems.of(List.of(
                    "spec.virtualization.mediatedDevicesConfiguration.mediatedDeviceTypes: give at least one mdev"
                            + " type id (e.g. nvidia-558), for every node or per node selector")), null);
        }
        List<MediatedDevice> devs = mdevNames.stream()
                .map(n -> new MediatedDevice(n, resourceName(n), null)).toList();
        return HyperConverged.of(new HyperConverged.Spec(new Virtualization(new PermittedHostDevices(devs),
                new MediatedDevicesConfiguration(null, clusterTypes, perNode))));
    }

    /**
     * ClusterPolicy sandbox settings: {@code sandboxWorkloads{enabled: true, defaultWorkload}} and, for
     * vGPU, the vGPU device manager with its ConfigMap.
     *
     * @param defaultWorkload what unlabelled GPU nodes serve
     * @param vgpuConfigMap   the vgpu-device-manager ConfigMap, "" for the operator's default
     * @param defaultConfig   the config applied to nodes without {@value #VGPU_CONFIG_LABEL}, "" for none
     * @return the fragment
     */
    public static ClusterPolicy.Spec clusterPolicy(SandboxWorkload defaultWorkload, String vgpuConfigMap,
                                                  String defaultConfig) {
        ClusterPolicy.Spec.VgpuDeviceManager dm = vgpuConfigMap.isEmpty() && defaultConfig.isEmpty()
                ? new ClusterPolicy.Spec.VgpuDeviceManager(true, null)
                : new ClusterPolicy.Spec.VgpuDeviceManager(true, new ClusterPolicy.Spec.ConfigRef(
                        vgpuConfigMap.isEmpty() ? null : vgpuConfigMap, defaultConfig.isEmpty() ? null : defaultConfig));
        return new ClusterPolicy.Spec(null, null, null,
                new ClusterPolicy.Spec.SandboxWorkloads(true, defaultWorkload.value()), dm);
    }

    /**
     * The labels for one node.
     *
     * @param workload   what the node serves
     * @param vgpuConfig the vgpu-device-manager config name (only for {@link SandboxWorkload#VM_VGPU}), "" for none
     * @return the labels
     * @throws GpuException {@code INVALID} when the config name cannot be a label value
     */
    public static Map<String, String> nodeLabels(SandboxWorkload workload, String vgpuConfig) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WORKLOAD_LABEL, workload.value());
        if (workload == SandboxWorkload.VM_VGPU && !vgpuConfig.isEmpty()) {
            labels.put(VGPU_CONFIG_LABEL, GpuNames.requireLabelValue(vgpuConfig, VGPU_CONFIG_LABEL));
        }
        return labels;
    }
}
