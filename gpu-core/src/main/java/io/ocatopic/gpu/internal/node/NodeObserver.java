package io.ocatopic.gpu.internal.node;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a node's GPUs into the planner's form.
 *
 * <pre>{@code
 * Fleet.Node n = NodeObserver.observe("worker-0", "", new NvmlMigNode(nvml, catalog));
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
    public static Fleet.Node observe(String name, String group, MigNode node) {
        List<Fleet.Gpu> gpus = new ArrayList<>();
        for (MigNode.DeviceFacts f : node.devices()) {
            if (f.model().isEmpty()) {
                throw new GpuException(GpuException.Reason.UNKNOWN_MODEL,
                        String.format("GPU %d (%s, 0x%08X) is not in the catalog", f.index(), f.name(), f.pciDeviceId()));
            }
            gpus.add(new Fleet.Gpu(f.index(), f.model(), f.migEnabled(), node.instances(f.index())));
        }
        return new Fleet.Node(name, group, gpus);
    }
}
