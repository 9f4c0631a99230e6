/**
 * vGPU internals: vGPU type names, their validation against a MIG layout, the HyperConverged and ClusterPolicy
 * renderers, vgpu-device-manager configs and the mediated-device sysfs tree. Not API.
 */
package io.ocatopic.gpu.internal.vgpu;
