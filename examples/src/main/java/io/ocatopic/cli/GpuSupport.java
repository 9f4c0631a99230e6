package io.ocatopic.cli;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.mig.GpuModel;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.mig.MigProfile;
import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the gpu verbs share: parsing {@code [group:]profile=count} demands, opening NVML with a preflight, and the
 * result values printed by {@code -o yaml|json}.
 */
final class GpuSupport {
    private GpuSupport() {
    }

    /**
     * Parses the demands and checks every profile is a MIG profile of some catalog model.
     *
     * @param specs the {@code --demand} values
     * @return the demands
     * @throws IllegalArgumentException (exit 2) for a malformed demand or a profile no catalog model has
     */
    static List<Demand> demands(List<String> specs) {
        List<Demand> out = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>();
        for (GpuModel m : MigCatalog.builtin().models()) {
            m.profiles().stream().map(MigProfile::name).forEach(known::add);
        }
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("demand must be [group:]profile=count: " + s);
            }
            String left = s.substring(0, eq);
            int count;
            try {
                count = Integer.parseInt(s.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("demand must be [group:]profile=count with a whole count: " + s);
            }
            int colon = left.indexOf(':');
            String profile = colon < 0 ? left : left.substring(colon + 1);
            if (!known.contains(profile)) {
                throw new IllegalArgumentException("--demand " + s + ": profile \"" + profile + "\" is not a MIG profile"
                        + " of any catalog model (known: " + String.join(", ", known) + ")");
            }
            out.add(colon < 0 ? Demand.fleetWide(left, count)
                    : Demand.forGroup(left.substring(0, colon), profile, count));
        }
        return out;
    }

    /** The NVML library chosen by {@code --library}, the system property, or the default, and how it was chosen. */
    record Library(String name, String source) {
        static Library of(String flag) {
            if (flag != null) {
                return new Library(flag, "--library");
            }
            String prop = System.getProperty(Nvml.LIBRARY_PROPERTY);
            return prop != null ? new Library(prop, "-D" + Nvml.LIBRARY_PROPERTY)
                    : new Library(Nvml.DEFAULT_LIBRARY, "the default");
        }
    }

    /**
     * Opens NVML, failing in one line naming the library and how it was chosen when it cannot load or initialise.
     *
     * @param flag the {@code --library} value, or null
     * @return an open session
     * @throws IOException (exit 3) when NVML cannot be opened
     */
    static Nvml openNvml(String flag) throws IOException {
        Library lib = Library.of(flag);
        try {
            return Nvml.open(lib.name());
        } catch (NvmlException e) {
            throw new IOException("cannot open NVML " + lib.name() + " (from " + lib.source() + "): " + e.getMessage(), e);
        }
    }

    /**
     * One step of a node's diff, as {@code -o yaml|json} prints it.
     *
     * @param action   {@code enable-mig}, {@code destroy} or {@code create}
     * @param gpu      the GPU index
     * @param instance the instance as {@code profile@start}, "" for enable-mig
     */
    record ActionView(String action, int gpu, String instance) {
        static ActionView of(MigPlan.Action a) {
            if (a instanceof MigPlan.Action.Destroy d) {
                return new ActionView("destroy", d.gpu(), d.instance().toString());
            }
            if (a instanceof MigPlan.Action.Create c) {
                return new ActionView("create", c.gpu(), c.instance().toString());
            }
            return new ActionView("enable-mig", a.gpu(), "");
        }

        static List<ActionView> of(List<MigPlan.Action> actions) {
            return actions.stream().map(ActionView::of).toList();
        }
    }

    /**
     * One GPU of a plan.
     *
     * @param index   the GPU index
     * @param model   the catalog key
     * @param current the instances now, as {@code profile@start}
     * @param target  the instances planned
     * @param touched whether the plan changes it
     */
    record GpuView(int index, String model, List<String> current, List<String> target, boolean touched) {
    }

    /**
     * One node of a plan.
     *
     * @param node    the node name
     * @param gpus    its GPUs
     * @param actions its diff, in order
     */
    record NodeView(String node, List<GpuView> gpus, List<ActionView> actions) {
        static NodeView of(MigPlan.Node n) {
            return new NodeView(n.node(), n.gpus().stream().map(g -> new GpuView(g.index(), g.model(),
                    g.current().stream().map(Object::toString).toList(), g.target().stream().map(Object::toString).toList(),
                    g.touched())).toList(), ActionView.of(n.actions()));
        }
    }

    /**
     * The result of {@code gpu plan -o yaml|json}.
     *
     * @param satisfiedTotal instances placed
     * @param demandedTotal  instances asked for
     * @param satisfied      placed by {@code [group:]profile}
     * @param demanded       asked for by {@code [group:]profile}
     * @param touchedGpus    GPUs the plan changes
     * @param method         how the plan was found
     * @param nodes          every node
     */
    record PlanView(int satisfiedTotal, int demandedTotal, Map<String, Integer> satisfied, Map<String, Integer> demanded,
                    int touchedGpus, String method, List<NodeView> nodes) {
        static PlanView of(MigPlan p) {
            return new PlanView(p.satisfiedTotal(), p.demandedTotal(), p.satisfied(), p.demanded(), p.touchedGpus(),
                    p.method(), p.nodes().stream().map(NodeView::of).toList());
        }
    }
}
