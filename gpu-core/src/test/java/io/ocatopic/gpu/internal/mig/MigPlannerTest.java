package io.ocatopic.gpu.internal.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MigPlannerTest {
    private final MigCatalog catalog = MigCatalog.builtin();
    private final MigPlanner planner = new MigPlanner(catalog);

    @Test
    void layoutSpacesAreEnumeratedAndValid() {
        for (GpuModel m : catalog.models()) {
            LayoutSpace s = planner.space(m.key());
            LayoutValidator v = new LayoutValidator(s);
            assertTrue(s.size() > 10, m.key());
            for (int i = 0; i < s.size(); i++) {
                assertEquals(List.of(), v.validate(s.instances(i)), m.key() + " " + s.instances(i));
            }
        }
    }

    @Test
    void validatorExplains() {
        LayoutValidator v = new LayoutValidator(planner.space("A100-40GB"));
        // 7 compute slices, but the four 2-slice 1g.10gb use all 8 memory slices (k8s-test-infra#886)
        assertEquals(List.of("memory slices: 11 needed, 8 on A100-40GB"),
                v.validateCounts(Map.of("1g.10gb", 4, "1g.5gb", 3)));
        // 4g.20gb sits at 0 only; 1g.5gb cannot start at 7, so the fourth one has nowhere to go
        assertEquals(List.of("compute slices: 8 used, 7 on A100-40GB"),
                v.validateCounts(Map.of("4g.20gb", 1, "1g.5gb", 4)));
        assertTrue(v.validateCounts(Map.of("2g.10gb", 3, "1g.5gb", 1)).isEmpty());
        assertTrue(v.validateCounts(Map.of("3g.20gb", 1, "4g.20gb", 1)).isEmpty());
        assertEquals(List.of("1g.20gb: profile is unknown for A100-40GB"), v.validateCounts(Map.of("1g.20gb", 1)));
        assertEquals(List.of("3g.20gb: 3 instances, at most 2 on A100-40GB", "compute slices: 9 used, 7 on A100-40GB",
                "memory slices: 12 needed, 8 on A100-40GB"), v.validateCounts(Map.of("3g.20gb", 3)));
        assertEquals(List.of("4g.20gb@4: start 4 is not allowed for 4g.20gb (allowed [0])"),
                v.validate(List.of(new MigPlan.Instance("4g.20gb", 4))));
        assertEquals(List.of("2g.10gb@2: memory slices [2,4) overlap another instance"),
                v.validate(List.of(new MigPlan.Instance("3g.20gb", 0), new MigPlan.Instance("2g.10gb", 2))));
    }

    private static Fleet oneGpu(String model) {
        return new Fleet(List.of(new Fleet.Node("n0", "", List.of(Fleet.Gpu.empty(0, model)))));
    }

    @Test
    void beatsFirstFitOnTheKnownCase() {
        List<Demand> d = List.of(Demand.fleetWide("1g.10gb", 4), Demand.fleetWide("1g.5gb", 3));
        MigPlan ff = new FirstFitPlanner(planner).plan(oneGpu("A100-40GB"), d);
        MigPlan best = planner.plan(oneGpu("A100-40GB"), d);
        assertEquals(4, ff.satisfiedTotal());
        assertEquals(5, best.satisfiedTotal());
        assertEquals("exact", best.method());
        // explicit placements: 2-wide instances first, then the 1-wide ones in the remaining slices
        assertEquals(List.of(new MigPlan.Action.EnableMig(0), new MigPlan.Action.Create(0, new MigPlan.Instance("1g.10gb", 4)),
                new MigPlan.Action.Create(0, new MigPlan.Instance("1g.10gb", 6)),
                new MigPlan.Action.Create(0, new MigPlan.Instance("1g.5gb", 1)),
                new MigPlan.Action.Create(0, new MigPlan.Instance("1g.5gb", 2)),
                new MigPlan.Action.Create(0, new MigPlan.Instance("1g.5gb", 3))), best.nodes().get(0).actions());
    }

    @Test
    void neverMovesBusyAndTouchesNothingWhenDemandIsMet() {
        Fleet.Gpu g0 = new Fleet.Gpu(0, "A100-40GB", true, List.of(new Fleet.Instance("3g.20gb", 4, true),
                new Fleet.Instance("1g.5gb", 0, false)));
        Fleet.Gpu g1 = new Fleet.Gpu(1, "A100-40GB", true, List.of(new Fleet.Instance("7g.40gb", 0, false)));
        Fleet f = new Fleet(List.of(new Fleet.Node("n0", "", List.of(g0, g1))));
        MigPlan keep = planner.plan(f, List.of(Demand.fleetWide("3g.20gb", 1), Demand.fleetWide("7g.40gb", 1)));
        assertEquals(0, keep.touchedGpus());
        assertEquals(List.of(), keep.nodes().get(0).actions());
        MigPlan more = planner.plan(f, List.of(Demand.fleetWide("3g.20gb", 3)));
        assertEquals(3, more.satisfiedTotal());
        MigPlan.Gpu p0 = more.nodes().get(0).gpus().get(0);
        assertTrue(p0.target().contains(new MigPlan.Instance("3g.20gb", 4)));
        for (MigPlan.Action a : more.nodes().get(0).actions()) {
            assertFalse(a instanceof MigPlan.Action.Destroy dd && dd.instance().equals(new MigPlan.Instance("3g.20gb", 4)));
        }
    }

    /** Exhaustive search: every combination of per-GPU layouts, scored with the closed-form objective. */
    private int exhaustive(Fleet f, List<Demand> demands) {
        List<Fleet.Gpu> gpus = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Fleet.Node n : f.nodes()) {
            for (Fleet.Gpu g : n.gpus()) {
                gpus.add(g);
                groups.add(n.group());
            }
        }
        List<List<Map<String, Integer>>> opts = new ArrayList<>();
        for (Fleet.Gpu g : gpus) {
            LayoutSpace s = planner.space(g.model());
            Set<Map<String, Integer>> seen = new java.util.LinkedHashSet<>();
            for (int i = 0; i < s.size(); i++) {
                List<MigPlan.Instance> inst = s.instances(i);
                boolean ok = g.instances().stream().filter(Fleet.Instance::busy).allMatch(b -> inst.contains(b.placed()));
                if (!ok) {
                    continue;
                }
                // only demanded profiles matter to the score: project onto them
                Map<String, Integer> c = new HashMap<>();
                inst.stream().filter(pi -> demands.stream().anyMatch(dd -> dd.profile().equals(pi.profile())))
                        .forEach(pi -> c.merge(pi.profile(), 1, Integer::sum));
                seen.add(c);
            }
            opts.add(new ArrayList<>(seen));
        }
        return search(0, gpus, groups, opts, new ArrayList<>(), demands);
    }

    private int search(int i, List<Fleet.Gpu> gpus, List<String> groups, List<List<Map<String, Integer>>> opts,
                       List<Map<String, Integer>> chosen, List<Demand> demands) {
        if (i == gpus.size()) {
            return score(groups, chosen, demands);
        }
        int best = 0;
        for (Map<String, Integer> o : opts.get(i)) {
            chosen.add(o);
            best = Math.max(best, search(i + 1, gpus, groups, opts, chosen, demands));
            chosen.remove(chosen.size() - 1);
        }
        return best;
    }

    private static int score(List<String> groups, List<Map<String, Integer>> chosen, List<Demand> demands) {
        Set<String> profiles = new TreeSet<>();
        demands.forEach(d -> profiles.add(d.profile()));
        int total = 0;
        for (String p : profiles) {
            Map<String, Integer> supply = new HashMap<>();
            for (int i = 0; i < chosen.size(); i++) {
                supply.merge(groups.get(i), chosen.get(i).getOrDefault(p, 0), Integer::sum);
            }
            int fleet = demands.stream().filter(d -> d.isFleetWide() && d.profile().equals(p)).mapToInt(Demand::count).sum();
            int excess = 0;
            for (Map.Entry<String, Integer> e : supply.entrySet()) {
                int dg = demands.stream().filter(d -> d.group().equals(e.getKey()) && !d.isFleetWide()
                        && d.profile().equals(p)).mapToInt(Demand::count).sum();
                total += Math.min(dg, e.getValue());
                excess += Math.max(0, e.getValue() - dg);
            }
            total += Math.min(fleet, excess);
        }
        return total;
    }

    private Fleet randomFleet(Random r, int maxGpus) {
        String[] models = {"A100-40GB", "H100-80GB", "A30"};
        List<Fleet.Node> nodes = new ArrayList<>();
        int nNodes = 1 + r.nextInt(2);
        int left = maxGpus;
        for (int n = 0; n < nNodes && left > 0; n++) {
            List<Fleet.Gpu> gpus = new ArrayList<>();
            int k = 1 + r.nextInt(Math.min(2, left));
            left -= k;
            for (int g = 0; g < k; g++) {
                String model = models[r.nextInt(models.length)];
                LayoutSpace s = planner.space(model);
                if (r.nextInt(3) == 0) {
                    List<MigPlan.Instance> cur = s.instances(r.nextInt(s.size()));
                    List<Fleet.Instance> obs = cur.stream().map(pi -> new Fleet.Instance(pi.profile(), pi.start(),
                            r.nextInt(3) == 0)).toList();
                    gpus.add(new Fleet.Gpu(g, model, true, obs));
                } else {
                    gpus.add(Fleet.Gpu.empty(g, model));
                }
            }
            nodes.add(new Fleet.Node("n" + n, r.nextBoolean() ? "g" + (n % 2) : "", gpus));
        }
        return new Fleet(nodes);
    }

    private List<Demand> randomDemand(Random r, boolean small) {
        String[] names = {"1g.5gb", "1g.10gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb", "1g.20gb", "3g.40gb",
            "2g.12gb", "1g.6gb", "1g.5gb+me"};
        List<Demand> d = new ArrayList<>();
        int k = 1 + r.nextInt(small ? 3 : 4);
        for (int i = 0; i < k; i++) {
            String p = names[r.nextInt(names.length)];
            int c = 1 + r.nextInt(small ? 4 : 30);
            d.add(r.nextInt(3) == 0 ? Demand.forGroup("g" + r.nextInt(2), p, c) : Demand.fleetWide(p, c));
        }
        return d;
    }

    @Test
    void neverWorseThanExhaustiveOrFirstFitOnRandomSmallFleets() {
        Random r = new Random(20240501);
        int better = 0;
        for (int t = 0; t < 1000; t++) {
            Fleet f = randomFleet(r, 3);
            List<Demand> d = randomDemand(r, true);
            MigPlan plan = planner.plan(f, d);
            int opt = exhaustive(f, d);
            assertEquals(opt, plan.satisfiedTotal(), "fleet " + t + " " + f + " " + d);
            MigPlan ff = new FirstFitPlanner(planner).plan(f, d);
            assertTrue(plan.satisfiedTotal() >= ff.satisfiedTotal());
            if (plan.satisfiedTotal() > ff.satisfiedTotal()) {
                better++;
            }
            // the fleet search on its own (no exact programme, no first-fit guard) reaches the optimum too
            MigPlan own = planner.plan(f, d, MigPlanner.Mode.GREEDY);
            assertEquals(opt, own.satisfiedTotal(), "own search, fleet " + t + " " + f + " " + d);
            assertBusyKept(f, own);
            for (MigPlan.Node np : plan.nodes()) {
                for (MigPlan.Gpu gp : np.gpus()) {
                    assertEquals(List.of(), new LayoutValidator(planner.space(gp.model())).validate(gp.target()));
                }
            }
        }
        System.out.println("planner beat first-fit on " + better + " of 1000 random small fleets");
        assertTrue(better > 0, "the known first-fit failures must show up");
    }

    @Test
    void ownSearchOnLargerFleetsIsNeverWorseThanFirstFit() {
        Random r = new Random(7);
        int better = 0;
        int fewerTouched = 0;
        for (int t = 0; t < 60; t++) {
            List<Fleet.Node> nodes = new ArrayList<>();
            int size = 10 + r.nextInt(60);
            for (int n = 0; n < size; n++) {
                Fleet.Node one = randomFleet(r, 3).nodes().get(0);
                nodes.add(new Fleet.Node("n" + n, one.group(), one.gpus()));
            }
            Fleet f = new Fleet(nodes);
            List<Demand> d = randomDemand(r, false);
            MigPlan ff = new FirstFitPlanner(planner).plan(f, d);
            MigPlan own = planner.plan(f, d, MigPlanner.Mode.GREEDY);
            MigPlan auto = planner.plan(f, d);
            assertTrue(own.satisfiedTotal() >= ff.satisfiedTotal(), "fleet " + t + " " + d);
            assertTrue(auto.satisfiedTotal() >= own.satisfiedTotal());
            assertTrue(own.satisfiedTotal() <= own.demandedTotal());
            assertBusyKept(f, own);
            if (own.satisfiedTotal() > ff.satisfiedTotal()) {
                better++;
            } else if (own.touchedGpus() < ff.touchedGpus()) {
                fewerTouched++;
            }
        }
        System.out.println("own search beat first-fit on " + better + " of 60 larger fleets, touched fewer GPUs on "
                + fewerTouched + " more");
        assertTrue(better > 0);
    }

    /**
     * The shape that defeated plain coordinate ascent (29,062 of 30,100 at 10,000 GPUs): a group demand
     * that needs every GPU of its group in one layout, and profiles only one model offers, next to plenty
     * of small-profile demand that every GPU could serve.
     */
    @Test
    void ownSearchMeetsScarceGroupAndSingleSourceDemand() {
        List<Fleet.Node> nodes = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            List<Fleet.Gpu> gpus = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                gpus.add(Fleet.Gpu.empty(g, n % 2 == 0 ? "A100-40GB" : "H100-80GB"));
            }
            nodes.add(new Fleet.Node("node-" + n, n % 5 == 0 ? "inference" : "", gpus));
        }
        Fleet fleet = new Fleet(nodes);
        // 10 inference H100 nodes x 8 GPUs x 3 x 2g.20gb = 240: the group's whole capacity
        List<Demand> demand = List.of(Demand.fleetWide("1g.10gb", 1120), Demand.fleetWide("1g.5gb", 720),
                Demand.fleetWide("3g.20gb", 120), Demand.fleetWide("3g.40gb", 160),
                Demand.forGroup("inference", "2g.20gb", 240), Demand.fleetWide("7g.80gb", 48));
        MigPlan ff = new FirstFitPlanner(planner).plan(fleet, demand);
        MigPlan own = planner.plan(fleet, demand, MigPlanner.Mode.GREEDY);
        assertEquals(own.demanded(), own.satisfied());
        assertEquals(2408, own.satisfiedTotal());
        assertTrue(own.touchedGpus() <= ff.touchedGpus(), own.touchedGpus() + " > " + ff.touchedGpus());
        MigPlan auto = planner.plan(fleet, demand);
        assertEquals("greedy", auto.method(), "AUTO returns the own search when first-fit is not better");
        for (MigPlan.Node np : own.nodes()) {
            for (MigPlan.Gpu gp : np.gpus()) {
                assertEquals(List.of(), new LayoutValidator(planner.space(gp.model())).validate(gp.target()));
                if (np.node().startsWith("node-") && gp.target().stream().anyMatch(pi -> pi.profile().equals("2g.20gb"))) {
                    assertEquals(0, Integer.parseInt(np.node().substring(5)) % 5, "2g.20gb only in the group");
                }
            }
        }
    }

    /** Every busy instance is in its GPU's target at the same place and is never destroyed. */
    private static void assertBusyKept(Fleet f, MigPlan plan) {
        for (int n = 0; n < f.nodes().size(); n++) {
            Fleet.Node node = f.nodes().get(n);
            MigPlan.Node np = plan.nodes().get(n);
            for (int g = 0; g < node.gpus().size(); g++) {
                Fleet.Gpu gpu = node.gpus().get(g);
                for (Fleet.Instance oi : gpu.instances()) {
                    if (oi.busy()) {
                        assertTrue(np.gpus().get(g).target().contains(oi.placed()), oi + " moved");
                        assertFalse(np.actions().contains(new MigPlan.Action.Destroy(gpu.index(), oi.placed())), oi + " destroyed");
                    }
                }
            }
        }
    }
}
