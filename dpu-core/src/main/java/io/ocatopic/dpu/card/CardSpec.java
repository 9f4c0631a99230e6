package io.ocatopic.dpu.card;

import io.ocatopic.netlink.DevlinkHandle;
import io.ocatopic.netlink.PortFunction;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What one card should look like: switchdev, a VF count on a PF, and each VF's port function.
 *
 * <pre>{@code
 * CardSpec spec = new CardSpec("0000:03:00.0", 0, 8, OptionalInt.empty(),
 *         Map.of(0, PortFunction.none().withActive(true)));
 * }</pre>
 *
 * @param pciAddress the PF's PCI address (devlink handle {@code pci/<address>})
 * @param pfNumber   the PF number in representor names ({@code pf0vf1})
 * @param numVfs     the VF count
 * @param controller the controller of the VFs' ports (1 for an external host), or empty for local
 * @param functions  VF number to the port-function settings to ensure
 */
public record CardSpec(String pciAddress, int pfNumber, int numVfs, OptionalInt controller,
                       Map<Integer, PortFunction> functions) {
    /**
     * Copies the functions in VF order and validates.
     *
     * @param pciAddress see the record description
     * @param pfNumber see the record description
     * @param numVfs see the record description
     * @param controller see the record description
     * @param functions see the record description
     */
    public CardSpec {
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

    /** @return the devlink handle of the PF */
    public DevlinkHandle handle() {
        return DevlinkHandle.pci(pciAddress);
    }
}
