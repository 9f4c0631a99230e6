package io.ocatopic.dpu;

import java.util.OptionalInt;

/**
 * The BlueField card of one DPU node.
 *
 * <pre>{@code
 * Card card = new Card(CardModel.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty());
 * }</pre>
 *
 * @param model      the model
 * @param pciAddress the PF's PCI address as the DPU sees it ({@code 0000:03:00.0}); the devlink handle is {@code pci/<address>}
 * @param uplink     the uplink representor's {@code phys_port_name} on the DPU ({@code p0})
 * @param hostPf     the PF's netdev name on the host, for SR-IOV {@code pfNames} ({@code ens1f0})
 * @param totalVfs   the card's {@code sriov_totalvfs}, when known; otherwise the model's default limit applies
 */
public record Card(CardModel model, String pciAddress, String uplink, String hostPf, OptionalInt totalVfs) {
    /** @return the VF limit validated against */
    public int maxVfs() {
        return totalVfs.orElse(model.defaultMaxVfs());
    }
}
