package io.ocatopic.gpu.internal.node;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import java.util.List;

/**
 * The MIG operations on one node that applying a plan needs; {@link NvmlMigNode} is the real one.
 *
 * <pre>{@code
 * MigNode node = new NvmlMigNode(nvml, MigCatalog.builtin());
 * }</pre>
 */
public interface MigNode {
    /** @return the GPUs, in NVML index order */
    List<DeviceFacts> devices();

    /**
     * The GPU instances on a GPU now.
     *
     * @param gpu NVML index
     * @return the instances (busy is not known here and reads false)
     */
    List<Fleet.Instance> instances(int gpu);

    /**
     * Turns MIG mode on.
     *
     * @param gpu NVML index
     */
    void enableMig(int gpu);

    /**
     * Destroys an instance and its compute instances.
     *
     * @param gpu      NVML index
     * @param instance the instance
     */
    void destroy(int gpu, MigPlan.Instance instance);

    /**
     * Creates an instance at its placement with one compute instance spanning it.
     *
     * @param gpu      NVML index
     * @param instance the instance
     */
    void create(int gpu, MigPlan.Instance instance);

    /**
     * What a node reports about one GPU.
     *
     * @param index       NVML index
     * @param name        product name
     * @param pciDeviceId combined PCI device and vendor id
     * @param model       catalog key, "" when the catalog does not know the device
     * @param migEnabled  whether MIG mode is on
     */
    record DeviceFacts(int index, String name, int pciDeviceId, String model, boolean migEnabled) {
    }
}
