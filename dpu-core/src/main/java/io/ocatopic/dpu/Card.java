package io.ocatopic.dpu;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The BlueField card of one DPU node.
 *
 * <pre>{@code
 * Card card = new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty());
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
public record Card(Model model, String pciAddress, String uplink, String hostPf, OptionalInt totalVfs,
                   OptionalInt memoryGiB) {
    /**
     * BlueField card models by PCI id: vendor 0x15b3 (Mellanox), device 0xa2d6 (BlueField-2) or 0xa2dc
     * (BlueField-3), as dpu-network-operator's switchdev script and the SR-IOV network operator
     * ({@code pkg/vendors/mellanox}) match them.
     *
     * <pre>{@code
     * Card.Model m = Card.Model.byDeviceId("a2dc").orElseThrow();   // BLUEFIELD_3
     * }</pre>
     */
    public enum Model {
        /** BlueField-2 (device 0xa2d6). */
        BLUEFIELD_2("a2d6", "bf2", 127, EnumSet.of(DpuOffloadConfig.Offload.OVS_HW_OFFLOAD,
                DpuOffloadConfig.Offload.IPSEC_CRYPTO, DpuOffloadConfig.Offload.ROCE)),
        /** BlueField-3 (device 0xa2dc). */
        BLUEFIELD_3("a2dc", "bf3", 127, EnumSet.allOf(DpuOffloadConfig.Offload.class));

        /** The Mellanox PCI vendor id. */
        public static final String VENDOR = "15b3";

        private final String deviceId;
        private final String shortName;
        private final int defaultMaxVfs;
        private final Set<DpuOffloadConfig.Offload> offloads;

        Model(String deviceId, String shortName, int defaultMaxVfs, Set<DpuOffloadConfig.Offload> offloads) {
            this.deviceId = deviceId;
            this.shortName = shortName;
            this.defaultMaxVfs = defaultMaxVfs;
            this.offloads = offloads;
        }

        /**
         * Returns the PCI device id, lower-case hex without 0x.
         *
         * @return the PCI device id, lower-case hex without 0x
         */
        public String deviceId() {
            return deviceId;
        }

        /**
         * Returns the short name used in resource names.
         *
         * @return a short name for resource names ({@code bf2}, {@code bf3})
         */
        public String shortName() {
            return shortName;
        }

        /**
         * The VF limit ocatopic validates against when the card's own {@code sriov_totalvfs} is not given
         * (127 per PF, the mlx5 firmware's usual NUM_OF_VFS ceiling; card setup checks the card itself).
         *
         * @return the limit
         */
        public int defaultMaxVfs() {
            return defaultMaxVfs;
        }

        /**
         * The offloads ocatopic configures on this model. IPsec packet offload through devlink port
         * function caps is configured for BlueField-3 only (not verified on BlueField-2).
         *
         * @return the offloads
         */
        public Set<DpuOffloadConfig.Offload> offloads() {
            return EnumSet.copyOf(offloads);
        }

        /**
         * Looks up the BlueField model with a PCI device id.
         *
         * @param deviceId a PCI device id ({@code a2d6}, {@code 0xa2dc})
         * @return the model, if it is a BlueField
         */
        public static Optional<Model> byDeviceId(String deviceId) {
            String d = deviceId.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
            for (Model m : values()) {
                if (m.deviceId.equals(d)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A card whose memory is not given.
     *
     * @param model      see the record description
     * @param pciAddress see the record description
     * @param uplink     see the record description
     * @param hostPf     see the record description
     * @param totalVfs   see the record description
     */
    public Card(Model model, String pciAddress, String uplink, String hostPf, OptionalInt totalVfs) {
        this(model, pciAddress, uplink, hostPf, totalVfs, OptionalInt.empty());
    }

    /**
     * Returns a copy of this card with its memory size given.
     *
     * @param gib the card's memory in GiB
     * @return this card with its memory given
     */
    public Card withMemoryGiB(int gib) {
        return new Card(model, pciAddress, uplink, hostPf, totalVfs, OptionalInt.of(gib));
    }

    /**
     * Returns the most VFs this model supports, the limit {@code numVfs} is validated against.
     *
     * @return the VF limit validated against
     */
    public int maxVfs() {
        return totalVfs.orElse(model.defaultMaxVfs());
    }
}
