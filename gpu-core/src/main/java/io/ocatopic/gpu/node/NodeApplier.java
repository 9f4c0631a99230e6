package io.ocatopic.gpu.node;

import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.mig.GpuPlan;
import io.ocatopic.gpu.mig.MigAction;
import io.ocatopic.gpu.mig.NodePlan;
import io.ocatopic.gpu.mig.ObservedInstance;
import io.ocatopic.gpu.mig.PlacedInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one node's diff through a {@link MigNode}, in the diff's order, stopping at the first failure
 * with a report of what was done. Before acting it checks that every GPU's instances are what the plan
 * was made from. Dry run unless asked otherwise.
 *
 * <pre>{@code
 * ApplyReport r = new NodeApplier().apply(nodePlan, node, true);   // dry run
 * }</pre>
 */
public final class NodeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(NodeApplier.class);

    /**
     * Applies (or, in a dry run, checks and lists) a node's diff.
     *
     * @param plan   the node's plan
     * @param node   the node's MIG operations
     * @param dryRun true to change nothing
     * @return the report
     * @throws GpuException {@code DEVICE_MISMATCH} when the node is not in the state the plan assumed
     */
    public ApplyReport apply(NodePlan plan, MigNode node, boolean dryRun) {
        List<MigNode.DeviceFacts> devices = node.devices();
        for (GpuPlan g : plan.gpus()) {
            if (g.index() >= devices.size()) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "node has no GPU " + g.index());
            }
            MigNode.DeviceFacts f = devices.get(g.index());
            if (!f.model().equalsIgnoreCase(g.model())) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "GPU " + g.index() + " is " + f.name()
                        + " (" + (f.model().isEmpty() ? "unknown" : f.model()) + "), plan expects " + g.model());
            }
            List<PlacedInstance> now = node.instances(g.index()).stream().map(ObservedInstance::placed).sorted().toList();
            if (!now.equals(g.current())) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "GPU " + g.index() + " has " + now
                        + ", plan was made for " + g.current());
            }
        }
        if (dryRun) {
            return new ApplyReport(true, plan.actions(), Optional.empty(), "", List.of());
        }
        List<MigAction> done = new ArrayList<>();
        List<MigAction> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            MigAction a = actions.get(i);
            try {
                if (a instanceof MigAction.EnableMig e) {
                    if (!devices.get(e.gpu()).migEnabled()) {
                        node.enableMig(e.gpu());
                    }
                } else if (a instanceof MigAction.Destroy d) {
                    node.destroy(d.gpu(), d.instance());
                } else if (a instanceof MigAction.Create c) {
                    node.create(c.gpu(), c.instance());
                }
                LOG.info("{}: {}", plan.node(), a);
                done.add(a);
            } catch (GpuException e) {
                LOG.warn("{}: {} failed: {}", plan.node(), a, e.getMessage());
                return new ApplyReport(false, done, Optional.of(a), e.getMessage(), actions.subList(i + 1, actions.size()));
            }
        }
        return new ApplyReport(false, done, Optional.empty(), "", List.of());
    }
}
