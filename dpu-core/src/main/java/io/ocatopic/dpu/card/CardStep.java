package io.ocatopic.dpu.card;

import io.ocatopic.netlink.DevlinkHandle;
import io.ocatopic.netlink.EswitchMode;
import io.ocatopic.netlink.PortFunction;
import java.util.OptionalInt;

/**
 * One step of a card plan.
 *
 * <pre>{@code
 * for (CardStep s : plan.steps()) System.out.println(s.describe());
 * }</pre>
 */
public sealed interface CardStep {
    /** @return one line saying what the step does, as a dry run prints it */
    String describe();

    /**
     * Write {@code sriov_numvfs}.
     *
     * @param pciAddress the PF
     * @param numVfs     the count to write
     */
    record SetNumVfs(String pciAddress, int numVfs) implements CardStep {
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
    record SetEswitchMode(DevlinkHandle handle, EswitchMode mode) implements CardStep {
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
            implements CardStep {
        /** @return the representor name of the VF ({@code pf0vf1}, {@code c1pf0vf1}) */
        public RepresentorName representor() {
            return RepresentorName.vf(controller, pf, vf);
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
