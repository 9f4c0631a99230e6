package io.ocatopic.gpu.node;

import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.mig.FleetGpu;
import io.ocatopic.gpu.mig.FleetNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a node's GPUs into the planner's form.
 *
 * <pre>{@code
 * FleetNode n = NodeObserver.observe("worker-0", "", new NvmlMigNode(nvml, catalog));
 * }</pre>
 */
public final class NodeObserver {
    private NodeObserver() {
    }

    /**
     * Observes a node.
     *
     * @param name  node name
     * @param group node group
     * @param node  the node's MIG operations
     * @return the node as the planner sees it
     */
    public static FleetNode observe(String name, String group, MigNode node) {
        List<FleetGpu> gpus = new ArrayList<>();
        for (MigNode.DeviceFacts f : node.devices()) {
            if (f.model().isEmpty()) {
                throw new GpuException(GpuException.Reason.UNKNOWN_MODEL,
                        String.format("GPU %d (%s, 0x%08X) is not in the catalog", f.index(), f.name(), f.pciDeviceId()));
            }
            gpus.add(new FleetGpu(f.index(), f.model(), f.migEnabled(), node.instances(f.index())));
        }
        return new FleetNode(name, group, gpus);
    }
}
