package io.ocatopic.gpu.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.mig.MigPlanner;
import io.ocatopic.kube.StepReport;
import io.ocatopic.nvml.Nvml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inspect and apply against the C NVML test double, through the same JNA code as the real library. */
class NodeApplyInspectTest {
    /** Test hooks of fake_nvml.c. */
    public interface Hooks extends Library {
        /** @param spec devices */
        void fakeNvmlReset(String spec);

        /** @param dev d @param start s @param busy b @return rc */
        int fakeNvmlSetBusy(int dev, int start, int busy);
    }

    static final String LIB = Path.of("target/test-lib/libnvidia-ml.so.1").toAbsolutePath().toString();
    private final Hooks hooks = Native.load(LIB, Hooks.class);
    private final MigCatalog catalog = MigCatalog.builtin();
    private final MigPlanner planner = new MigPlanner(catalog);

    @BeforeEach
    void reset() {
        hooks.fakeNvmlReset("A100-40GB,H100-80GB");
    }

    @Test
    void inspectConfirmsTheCatalogAndChangesNothing() {
        try (Nvml nvml = Nvml.open(LIB)) {
            nvml.device(0).setMigMode(true);
            NodeInspector.Report r = new NodeInspector(catalog).inspect(nvml);
            assertEquals(2, r.devices().size());
            assertEquals("A100-40GB", r.devices().get(0).model());
            assertEquals(7, r.devices().get(0).profiles().size());
            assertEquals(0, r.contradictions());
            assertTrue(r.text().contains("CONFIRMED A100-40GB 3g.20gb"), r.text());
            assertTrue(r.text().contains("CONFIRMED H100-80GB 1g.20gb"), r.text());
            assertEquals(1, nvml.device(0).migMode().current());
            assertEquals(0, nvml.device(1).migMode().current());
            assertEquals(List.of(), new NvmlMigNode(nvml, catalog).instances(0));
        }
    }

    @Test
    void applyInDiffOrderThenStopAtTheFirstFailure() {
        try (Nvml nvml = Nvml.open(LIB)) {
            NvmlMigNode node = new NvmlMigNode(nvml, catalog);
            Fleet.Node observed = NodeObserver.observe("n0", "", node);
            List<Demand> demand = List.of(Demand.forGroup("", "3g.20gb", 2), Demand.fleetWide("3g.40gb", 1),
                    Demand.fleetWide("1g.10gb", 4));
            MigPlan plan = planner.plan(new Fleet(List.of(observed)), demand);
            assertEquals(7, plan.satisfiedTotal());
            MigPlan.Node np = plan.nodes().get(0);

            // the plan is the dry run: checking the node against it changes nothing
            GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
            assertEquals(observed, gp.observe("n0", "", nvml));
            new NodeApplier().check(np, node);
            assertFalse(np.actions().isEmpty());
            assertEquals(0, nvml.device(0).migMode().current());

            StepReport<MigPlan.Action> done = gp.apply(np, nvml);
            assertTrue(done.ok(), done.failed().map(StepReport.Failure::error).orElse(""));
            assertEquals(np.actions(), done.done());
            assertEquals(np.gpus().get(0).target(), node.instances(0).stream().map(Fleet.Instance::placed).sorted().toList());
            assertEquals(np.gpus().get(1).target(), node.instances(1).stream().map(Fleet.Instance::placed).sorted().toList());

            // now a workload holds 3g.20gb@4 (the planner is not told): 7g.40gb needs both 3g destroyed
            assertEquals(0, hooks.fakeNvmlSetBusy(0, 4, 1));
            Fleet.Node now = NodeObserver.observe("n0", "", node);
            MigPlan next = planner.plan(new Fleet(List.of(new Fleet.Node("n0", "", List.of(now.gpus().get(0))))),
                    List.of(Demand.fleetWide("7g.40gb", 1)));
            MigPlan.Node np2 = next.nodes().get(0);
            assertEquals(List.of(new MigPlan.Action.Destroy(0, new MigPlan.Instance("3g.20gb", 0)),
                    new MigPlan.Action.Destroy(0, new MigPlan.Instance("3g.20gb", 4)),
                    new MigPlan.Action.Create(0, new MigPlan.Instance("7g.40gb", 0))), np2.actions());
            StepReport<MigPlan.Action> partial = new NodeApplier().apply(np2, node);
            assertFalse(partial.ok());
            assertEquals(List.of(np2.actions().get(0)), partial.done());
            assertEquals(np2.actions().get(1), partial.failed().orElseThrow().step());
            String error = partial.failed().orElseThrow().error();
            assertTrue(error.contains("IN_USE"), error);
            assertEquals(List.of(np2.actions().get(2)), partial.notAttempted());
            assertEquals(List.of(new MigPlan.Instance("3g.20gb", 4)),
                    node.instances(0).stream().map(Fleet.Instance::placed).toList());
        }
    }
}
