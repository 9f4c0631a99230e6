package io.ocatopic.dpu.internal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import io.ocatopic.testing.FakeDevlink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Card setup against a fake sysfs tree and a fake devlink kernel ({@link FakeDevlink}) behind the real DevlinkClient. */
class CardSetupTest {
    static final String BDF = "0000:03:00.0";

    @TempDir
    Path root;
    SysfsRoot sys;
    FakeDevlink kernel;
    CardSetup setup;
    CardPlan.Spec spec;

    @BeforeEach
    void card() throws IOException {
        FakeDevlink.sysfsCard(root, BDF, 16, 4);      // legacy mode with VFs: the hazard
        for (int vf = 0; vf < 8; vf++) {
            FakeDevlink.sysfsRepresentor(root, "eth" + (10 + vf), "pf0vf" + vf);
        }
        Files.createDirectories(root.resolve("sys/class/net/enp3s0f0"));   // no phys_port_name
        sys = SysfsRoot.at(root);
        kernel = FakeDevlink.mlx5(root, BDF);
        setup = new CardSetup(sys, kernel.client());
        spec = Samples.twoDpu().cardSpec("dpu-worker-0");
    }

    static List<String> kinds(List<CardPlan.Step> steps) {
        return steps.stream().map(s -> s.getClass().getSimpleName()).toList();
    }

    @Test
    void appliesInTheSafeOrder() throws IOException {
        CardPlan plan = setup.plan(spec);
        assertEquals("1. echo 0 > /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", plan.describe().get(0));
        assertEquals("2. devlink dev eswitch set pci/0000:03:00.0 mode switchdev", plan.describe().get(1));
        assertEquals("3. echo 8 > /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", plan.describe().get(2));
        assertEquals("4. devlink port function set pci/0000:03:00.0 (pf0vf0) caps 0x5/0x5", plan.describe().get(3));
        assertEquals(11, plan.steps().size());

        CardPlan.Result report = setup.apply(plan);
        assertTrue(report.ok(), report.describe().toString());
        assertEquals(plan.steps(), report.steps().done());
        assertEquals(List.of("ESWITCH_SET mode=1 numvfs=0"), kernel.calls().subList(0, 1), "switchdev only once VFs are gone");
        assertEquals(8, sys.numVfs(BDF).getAsInt());
        assertEquals(EswitchMode.SWITCHDEV, kernel.eswitchMode());
        for (int vf = 0; vf < 8; vf++) {
            assertEquals(PortCaps.CAP_ROCE | PortCaps.CAP_IPSEC_CRYPTO, kernel.vfCaps(vf));
        }
        assertEquals("eth13", report.representors().get("pf0vf3"), "representors found by phys_port_name");
        assertEquals(8, report.representors().size());
    }

    @Test
    void theFakeRefusesTheUnsafeOrder() {
        // the order matters: switchdev while VFs exist fails, so the test above can fail
        CardPlan unsafe = new CardPlan(spec, List.of(new CardPlan.Step.SetEswitchMode(spec.handle(), EswitchMode.SWITCHDEV)));
        CardPlan.Result r = setup.apply(unsafe);
        assertFalse(r.ok());
        assertTrue(r.steps().failed().get().error().contains("EBUSY"), r.steps().failed().get().error());
    }

    @Test
    void failureMidwayReportsWhatWasAppliedAndARerunConverges() {
        kernel.refusePortSetOnVf(3);
        CardPlan.Result first = setup.apply(setup.plan(spec));
        assertFalse(first.ok());
        assertEquals(List.of("SetNumVfs", "SetEswitchMode", "SetNumVfs", "SetPortFunction", "SetPortFunction",
                "SetPortFunction"), kinds(first.steps().done()));
        CardPlan.Step.SetPortFunction failed = (CardPlan.Step.SetPortFunction) first.steps().failed().orElseThrow().step();
        assertEquals(3, failed.vf());
        assertTrue(first.steps().failed().get().error().contains("EOPNOTSUPP"), first.steps().failed().get().error());
        assertEquals(4, first.steps().notAttempted().size());
        assertTrue(first.describe().get(6).startsWith("FAILED: devlink port function set pci/0000:03:00.0 (pf0vf3)"),
                first.describe().toString());

        kernel.clearFaults();
        CardPlan second = setup.plan(spec);
        assertEquals(List.of(3, 4, 5, 6, 7), second.steps().stream().map(s -> ((CardPlan.Step.SetPortFunction) s).vf()).toList(),
                "only what is still missing");
        assertTrue(setup.apply(second).ok());
        CardPlan third = setup.plan(spec);
        assertTrue(third.isEmpty(), third.describe().toString());
        assertEquals(List.of("card 0000:03:00.0: nothing to do"), third.describe());
        long eswitchSets = kernel.calls().stream().filter(l -> l.startsWith("ESWITCH_SET")).count();
        assertEquals(1, eswitchSets, "switchdev set once over all runs");
    }

    @Test
    void changingTheVfCountInSwitchdevGoesThroughZero() throws IOException {
        assertTrue(setup.apply(setup.plan(spec)).ok());
        CardPlan.Spec more = new CardPlan.Spec(BDF, 0, 12, OptionalInt.empty(), Map.of());
        assertEquals(List.of("1. echo 0 > /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs",
                "2. echo 12 > /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs"), setup.plan(more).describe());
    }

    @Test
    void dryRunWithoutACardPlansEverything() {
        CardPlan plan = CardPlanner.plan(spec, CardState.unknown());
        assertEquals(List.of("SetNumVfs", "SetEswitchMode", "SetNumVfs"), kinds(plan.steps()).subList(0, 3));
        assertEquals(11, plan.steps().size());
    }

    @Test
    void theEntryTypePlansAndAppliesThroughTheSameSeams() {
        io.ocatopic.dpu.DpuOffloadConfig cfg = Samples.twoDpu();
        io.ocatopic.netlink.DevlinkClient devlink = kernel.client();
        assertEquals(CardPlanner.plan(spec, CardState.unknown()), cfg.planCard("dpu-worker-0"), "offline: every step");
        CardPlan plan = cfg.planCard("dpu-worker-0", root, devlink);
        assertEquals(setup.plan(spec), plan);
        CardPlan.Result r = cfg.applyCard(plan, root, devlink);
        assertTrue(r.ok(), r.describe().toString());
        assertEquals(8, r.representors().size());
        assertTrue(cfg.planCard("dpu-worker-0", root, devlink).isEmpty());
    }

    @Test
    void representorNamesParse() {
        assertEquals("c1pf0vf1", RepresentorName.parse("c1pf0vf1").orElseThrow().toString());
        assertEquals(RepresentorName.Kind.HOST_PF, RepresentorName.parse("pf0hpf").orElseThrow().kind());
        assertEquals(RepresentorName.Kind.UPLINK, RepresentorName.parse("p0").orElseThrow().kind());
        assertEquals(OptionalInt.of(88), RepresentorName.parse("pf0sf88").orElseThrow().index());
        assertTrue(RepresentorName.parse("eth0").isEmpty());
    }
}
