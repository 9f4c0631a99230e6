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
 * @param memoryGiB  the card's own memory (the Arm subsystem's DDR) in GiB, when known: BlueField-3 boards have 16 or
 *                   32 by model; the DPF path sizes and checks the DPUFlavor against it, and assumes the smaller 16 when
 *                   it is not given
 */
public record Card(CardModel model, String pciAddress, String uplink, String hostPf, OptionalInt totalVfs,
                   OptionalInt memoryGiB) {
    /**
     * A card whose memory is not given.
     *
     * @param model      see the record description
     * @param pciAddress see the record description
     * @param uplink     see the record description
     * @param hostPf     see the record description
     * @param totalVfs   see the record description
     */
    public Card(CardModel model, String pciAddress, String uplink, String hostPf, OptionalInt totalVfs) {
        this(model, pciAddress, uplink, hostPf, totalVfs, OptionalInt.empty());
    }

    /**
     * @param gib the card's memory in GiB
     * @return this card with its memory given
     */
    public Card withMemoryGiB(int gib) {
        return new Card(model, pciAddress, uplink, hostPf, totalVfs, OptionalInt.of(gib));
    }

    /** @return the VF limit validated against */
    public int maxVfs() {
        return totalVfs.orElse(model.defaultMaxVfs());
    }
}
