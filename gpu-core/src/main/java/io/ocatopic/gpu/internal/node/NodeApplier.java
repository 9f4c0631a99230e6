package io.ocatopic.gpu.internal.node;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.kube.StepReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one node's diff through a {@link MigNode}, in the diff's order, stopping at the first failure
 * with a report of what was done. Before acting it checks that every GPU's instances are what the plan
 * was made from ({@link #check}, which changes nothing).
 *
 * <pre>{@code
 * new NodeApplier().check(nodePlan, node);                            // changes nothing
 * StepReport<MigPlan.Action> r = new NodeApplier().apply(nodePlan, node);
 * }</pre>
 */
public final class NodeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(NodeApplier.class);

    /**
     * Checks that the node is in the state the plan was made for; changes nothing.
     *
     * @param plan the node's plan
     * @param node the node's MIG operations
     * @return the node's devices
     * @throws GpuException {@code DEVICE_MISMATCH} when the node is not in the state the plan assumed
     */
    public List<MigNode.DeviceFacts> check(MigPlan.Node plan, MigNode node) {
        List<MigNode.DeviceFacts> devices = node.devices();
        for (MigPlan.Gpu g : plan.gpus()) {
            if (g.index() >= devices.size()) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "node has no GPU " + g.index());
            }
            MigNode.DeviceFacts f = devices.get(g.index());
            if (!f.model().equalsIgnoreCase(g.model())) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "GPU " + g.index() + " is " + f.name()
                        + " (" + (f.model().isEmpty() ? "unknown" : f.model()) + "), plan expects " + g.model());
            }
            List<MigPlan.Instance> now = node.instances(g.index()).stream().map(Fleet.Instance::placed).sorted().toList();
            if (!now.equals(g.current())) {
                throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "GPU " + g.index() + " has " + now
                        + ", plan was made for " + g.current());
            }
        }
        return devices;
    }

    /**
     * Checks the node ({@link #check}), then applies its diff in order, stopping at the first failure.
     *
     * @param plan the node's plan
     * @param node the node's MIG operations
     * @return what was done, the step that failed with why, and the steps not attempted
     * @throws GpuException {@code DEVICE_MISMATCH} when the node is not in the state the plan assumed
     */
    public StepReport<MigPlan.Action> apply(MigPlan.Node plan, MigNode node) {
        List<MigNode.DeviceFacts> devices = check(plan, node);
        List<MigPlan.Action> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            MigPlan.Action a = actions.get(i);
            try {
                if (a instanceof MigPlan.Action.EnableMig e) {
                    if (!devices.get(e.gpu()).migEnabled()) {
                        node.enableMig(e.gpu());
                    }
                } else if (a instanceof MigPlan.Action.Destroy d) {
                    node.destroy(d.gpu(), d.instance());
                } else if (a instanceof MigPlan.Action.Create c) {
                    node.create(c.gpu(), c.instance());
                }
                LOG.info("{}: {}", plan.node(), a);
            } catch (GpuException e) {
                LOG.warn("{}: {} failed: {}", plan.node(), a, e.getMessage());
                return StepReport.failedAt(actions, i, e.getMessage());
            }
        }
        return StepReport.allDone(actions);
    }
}
