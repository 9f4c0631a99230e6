package io.ocatopic.gpu.rdma;

import java.util.Locale;

/**
 * NVIDIA GPU architectures in release order.
 *
 * <pre>{@code
 * GpuArchitecture.forModel("H100-80GB").atLeast(GpuArchitecture.TURING); // true
 * }</pre>
 */
public enum GpuArchitecture {
    /** Kepler (GK1xx). */
    KEPLER,
    /** Maxwell (GM1xx/GM2xx). */
    MAXWELL,
    /** Pascal (GP1xx). */
    PASCAL,
    /** Volta (GV100). */
    VOLTA,
    /** Turing (TU1xx, e.g. T4). */
    TURING,
    /** Ampere (GA1xx, e.g. A100, A30, A10). */
    AMPERE,
    /** Ada Lovelace (AD1xx, e.g. L4, L40S). */
    ADA,
    /** Hopper (GH100, e.g. H100, H200). */
    HOPPER,
    /** Blackwell (GB1xx/GB2xx, e.g. B200). */
    BLACKWELL;

    /**
     * Whether this architecture is {@code other} or newer.
     *
     * @param other the reference
     * @return whether {@code this >= other}
     */
    public boolean atLeast(GpuArchitecture other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses an architecture name.
     *
     * @param s e.g. {@code hopper}, {@code Ada}
     * @return the architecture
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} for an unknown name
     */
    public static GpuArchitecture parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        return u.equals("ADA_LOVELACE") || u.equals("ADA-LOVELACE") ? ADA : Names.parse(GpuArchitecture.class, "GPU architecture", s);
    }

    /**
     * The architecture of a MIG catalog model or a marketing name's family.
     *
     * @param model e.g. {@code A100-40GB}, {@code H200}, {@code B200}, {@code T4}, {@code L40S}
     * @return the architecture
     * @throws io.ocatopic.gpu.GpuException {@code UNKNOWN_MODEL} when the family is unknown
     */
    public static GpuArchitecture forModel(String model) {
        String u = model.trim().toUpperCase(Locale.ROOT);
        if (u.startsWith("GB") || u.startsWith("B")) {
            return BLACKWELL;
        }
        if (u.startsWith("GH") || u.startsWith("H")) {
            return HOPPER;
        }
        if (u.startsWith("L")) {
            return ADA;
        }
        if (u.startsWith("A")) {
            return AMPERE;
        }
        if (u.startsWith("T")) {
            return TURING;
        }
        if (u.startsWith("V")) {
            return VOLTA;
        }
        if (u.startsWith("P")) {
            return PASCAL;
        }
        throw new io.ocatopic.gpu.GpuException(io.ocatopic.gpu.GpuException.Reason.UNKNOWN_MODEL, "GPU model \"" + model
                + "\" is not of a known family: give a model such as A100-40GB, H100-80GB, L40S or T4, or the architecture");
    }
}
