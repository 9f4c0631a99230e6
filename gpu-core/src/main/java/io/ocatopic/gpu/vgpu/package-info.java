/**
 * vGPU for OpenShift Virtualization: vGPU type names, their validation against a GPU's MIG layout,
 * HyperConverged fragments, vgpu-device-manager configs, ClusterPolicy sandbox settings and node labels,
 * and the mediated-device sysfs tree.
 */
package io.ocatopic.gpu.vgpu;
