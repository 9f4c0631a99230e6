package io.ocatopic.gpu;

/**
 * The GPU operator's {@code mig.strategy}: how the device plugin exposes MIG devices.
 * Source: NVIDIA/k8s-device-plugin {@code internal/lm/mig-strategy.go}.
 *
 * <pre>{@code
 * MigStrategy s = MigStrategy.parse("mixed");
 * }</pre>
 */
public enum MigStrategy {
    /** MIG devices are not exposed. */
    NONE("none"),
    /** One MIG profile per node, exposed as {@code nvidia.com/gpu}. */
    SINGLE("single"),
    /** Each profile as its own resource {@code nvidia.com/mig-<profile>}. */
    MIXED("mixed");

    private final String value;

    MigStrategy(String value) {
        this.value = value;
    }

    /**
     * Returns the value as the ClusterPolicy writes it.
     *
     * @return the value as the ClusterPolicy writes it
     */
    public String value() {
        return value;
    }

    /**
     * Parses a strategy name.
     *
     * @param s none, single or mixed (case-insensitive)
     * @return the strategy
     * @throws IllegalArgumentException for any other value
     */
    public static MigStrategy parse(String s) {
        for (MigStrategy m : values()) {
            if (m.value.equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown MIG strategy " + s + " (none, single, mixed)");
    }
}
