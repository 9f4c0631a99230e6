package io.ocatopic.dpu;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * BlueField card models by PCI id: vendor 0x15b3 (Mellanox), device 0xa2d6 (BlueField-2) or 0xa2dc
 * (BlueField-3), as dpu-network-operator's switchdev script and the SR-IOV network operator
 * ({@code pkg/vendors/mellanox}) match them.
 *
 * <pre>{@code
 * CardModel m = CardModel.byDeviceId("a2dc").orElseThrow();   // BLUEFIELD_3
 * }</pre>
 */
public enum CardModel {
    /** BlueField-2 (device 0xa2d6). */
    BLUEFIELD_2("a2d6", "bf2", 127, EnumSet.of(Offload.OVS_HW_OFFLOAD, Offload.IPSEC_CRYPTO, Offload.ROCE)),
    /** BlueField-3 (device 0xa2dc). */
    BLUEFIELD_3("a2dc", "bf3", 127, EnumSet.allOf(Offload.class));

    /** The Mellanox PCI vendor id. */
    public static final String VENDOR = "15b3";

    private final String deviceId;
    private final String shortName;
    private final int defaultMaxVfs;
    private final Set<Offload> offloads;

    CardModel(String deviceId, String shortName, int defaultMaxVfs, Set<Offload> offloads) {
        this.deviceId = deviceId;
        this.shortName = shortName;
        this.defaultMaxVfs = defaultMaxVfs;
        this.offloads = offloads;
    }

    /** @return the PCI device id, lower-case hex without 0x */
    public String deviceId() {
        return deviceId;
    }

    /** @return a short name for resource names ({@code bf2}, {@code bf3}) */
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
    public Set<Offload> offloads() {
        return EnumSet.copyOf(offloads);
    }

    /**
     * @param deviceId a PCI device id ({@code a2d6}, {@code 0xa2dc})
     * @return the model, if it is a BlueField
     */
    public static Optional<CardModel> byDeviceId(String deviceId) {
        String d = deviceId.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
        for (CardModel m : values()) {
            if (m.deviceId.equals(d)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
