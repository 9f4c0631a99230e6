package io.ocatopic.dpu.card;

import io.ocatopic.kube.StepReport;
import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The ordered steps that bring a card to its {@link Spec}; empty when the card is already there. Made by
 * {@link io.ocatopic.dpu.DpuOffloadConfig#planCard(String)} (offline: every step) or
 * {@link io.ocatopic.dpu.DpuOffloadConfig#planCard(String, java.nio.file.Path, io.ocatopic.netlink.DevlinkClient)}
 * (from the card's state), applied by
 * {@link io.ocatopic.dpu.DpuOffloadConfig#applyCard(CardPlan, java.nio.file.Path, io.ocatopic.netlink.DevlinkClient)}.
 *
 * <pre>{@code
 * CardPlan plan = config.planCard("dpu-0", Path.of("/"), devlink);
 * if (plan.isEmpty()) System.out.println("card already configured");
 * }</pre>
 *
 * @param spec  the desired state
 * @param steps the steps, in the order they must run
 */
public record CardPlan(Spec spec, List<Step> steps) {
    /**
     * Copies the steps.
     *
     * @param spec see the record description
     * @param steps see the record description
     */
    public CardPlan {
        steps = List.copyOf(steps);
    }

    /**
     * Returns whether the plan has no step, the card being set up already.
     *
     * @return whether nothing needs doing
     */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * Returns the plan as a listing, one numbered line per step.
     *
     * @return the plan as a listing: one numbered line per step
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (steps.isEmpty()) {
            out.add("card " + spec.pciAddress() + ": nothing to do");
        }
        for (int i = 0; i < steps.size(); i++) {
            out.add((i + 1) + ". " + steps.get(i).describe());
        }
        return out;
    }

    /**
     * What one card should look like: switchdev, a VF count on a PF, and each VF's port function.
     *
     * <pre>{@code
     * CardPlan.Spec spec = new CardPlan.Spec("0000:03:00.0", 0, 8, OptionalInt.empty(),
     *         Map.of(0, PortFunction.none().withActive(true)));
     * }</pre>
     *
     * @param pciAddress the PF's PCI address (devlink handle {@code pci/<address>})
     * @param pfNumber   the PF number in representor names ({@code pf0vf1})
     * @param numVfs     the VF count
     * @param controller the controller of the VFs' ports (1 for an external host), or empty for local
     * @param functions  VF number to the port-function settings to ensure
     */
    public record Spec(String pciAddress, int pfNumber, int numVfs, OptionalInt controller,
                       Map<Integer, PortFunction> functions) {
        /**
         * Copies the functions in VF order and validates.
         *
         * @param pciAddress see the record description
         * @param pfNumber see the record description
         * @param numVfs see the record description
         * @param controller see the record description
         * @param functions see the record description
         * @throws IllegalArgumentException when numVfs is negative or a function names a VF that does not exist
         */
        public Spec {
            functions = java.util.Collections.unmodifiableMap(new TreeMap<>(functions));
            if (numVfs < 0) {
                throw new IllegalArgumentException("numVfs must be >= 0");
            }
            for (int vf : functions.keySet()) {
                if (vf < 0 || vf >= numVfs) {
                    throw new IllegalArgumentException("port function for VF " + vf + " but only " + numVfs + " VFs");
                }
            }
        }

        /**
         * Returns the devlink handle of the PF.
         *
         * @return the devlink handle of the PF
         */
        public DevlinkHandle handle() {
            return DevlinkHandle.pci(pciAddress);
        }
    }

    /**
     * One step of a card plan.
     *
     * <pre>{@code
     * for (CardPlan.Step s : plan.steps()) System.out.println(s.describe());
     * }</pre>
     */
    public sealed interface Step {
        /**
         * Returns one line saying what the step does, as a plan listing prints it.
         *
         * @return one line saying what the step does, as a plan listing prints it
         */
        String describe();

        /**
         * Write {@code sriov_numvfs}.
         *
         * @param pciAddress the PF
         * @param numVfs     the count to write
         */
        record SetNumVfs(String pciAddress, int numVfs) implements Step {
            @Override
            public String describe() {
                return "echo " + numVfs + " > /sys/bus/pci/devices/" + pciAddress + "/sriov_numvfs";
            }
        }

        /**
         * Set the eswitch mode through devlink.
         *
         * @param handle the devlink instance
         * @param mode   the mode
         */
        record SetEswitchMode(DevlinkHandle handle, EswitchMode mode) implements Step {
            @Override
            public String describe() {
                return "devlink dev eswitch set " + handle + " mode " + mode.name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        /**
         * Set a VF's port function through devlink (the port is looked up when the step runs).
         *
         * @param handle     the devlink instance
         * @param controller the controller, or empty for local
         * @param pf         the PF number
         * @param vf         the VF number
         * @param function   the settings
         */
        record SetPortFunction(DevlinkHandle handle, OptionalInt controller, int pf, int vf, PortFunction function)
                implements Step {
            /**
             * Returns the representor name ({@code phys_port_name}) of the VF.
             *
             * @return the representor name ({@code phys_port_name}) of the VF ({@code pf0vf1}, {@code c1pf0vf1})
             */
            public String representor() {
                return (controller.isPresent() ? "c" + controller.getAsInt() : "") + "pf" + pf + "vf" + vf;
            }

            @Override
            public String describe() {
                StringBuilder sb = new StringBuilder("devlink port function set " + handle + " (" + representor() + ")");
                function.hwAddr().ifPresent(m -> sb.append(" hw_addr ").append(m));
                function.active().ifPresent(a -> sb.append(" state ").append(a ? "active" : "inactive"));
                function.caps().ifPresent(c -> sb.append(String.format(" caps 0x%x/0x%x", c.value(), c.selector())));
                return sb.toString();
            }
        }
    }

    /**
     * What applying a plan did: the steps (done, the one that failed and why, those not attempted) and the
     * VF representors found afterwards.
     *
     * <pre>{@code
     * CardPlan.Result r = config.applyCard(plan, Path.of("/"), devlink);
     * if (!r.ok()) System.err.println(r.steps().failed().get().error());
     * }</pre>
     *
     * @param steps        the step report
     * @param representors the VF representors found by {@code phys_port_name} after the run: name to netdev
     */
    public record Result(StepReport<Step> steps, Map<String, String> representors) {
        /**
         * Copies the map.
         *
         * @param steps see the record description
         * @param representors see the record description
         */
        public Result {
            java.util.Objects.requireNonNull(steps, "steps");
            representors = Map.copyOf(representors);
        }

        /**
         * Returns whether every step was applied.
         *
         * @return whether every step was applied
         */
        public boolean ok() {
            return steps.ok();
        }

        /**
         * Returns the outcome as a listing: the steps done, the failure, then the steps not attempted.
         *
         * @return one line per step: done, the failure, then what was not attempted
         */
        public List<String> describe() {
            return steps.describe(Step::describe);
        }
    }
}
