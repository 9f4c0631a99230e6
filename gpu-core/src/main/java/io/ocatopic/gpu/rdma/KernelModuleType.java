package io.ocatopic.gpu.rdma;

/**
 * The NVIDIA driver's kernel module flavour ({@code ClusterPolicy.spec.driver.kernelModuleType}; on a
 * node, {@code modinfo nvidia} shows {@code license: Dual MIT/GPL} for the open module and
 * {@code NVIDIA} for the proprietary one).
 *
 * <pre>{@code
 * KernelModuleType t = KernelModuleType.parse("open");
 * }</pre>
 */
public enum KernelModuleType {
    /** NVIDIA open GPU kernel modules. */
    OPEN,
    /** The proprietary kernel module. */
    PROPRIETARY;

    /**
     * Parses a flavour name.
     *
     * @param s open or proprietary (case-insensitive)
     * @return the flavour
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} for any other name
     */
    public static KernelModuleType parse(String s) {
        return Names.parse(KernelModuleType.class, "kernel module type", s);
    }
}
