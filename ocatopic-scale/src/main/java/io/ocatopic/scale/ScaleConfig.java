package io.ocatopic.scale;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a scale run does: how many spokes, how many at once, how big each object is, which phases.
 *
 * <pre>{@code
 * ScaleConfig c = ScaleConfig.builder().spokes(1000).concurrency(16).payloadBytes(2048).build();
 * }</pre>
 *
 * @param runId         the run id, a DNS-1123 label of at most 20 characters; it labels and names every object
 * @param spokes        the number of simulated spokes, at least 1
 * @param concurrency   how many spokes are written at once, at least 1
 * @param payloadBytes  extra bytes per object (an annotation), 0 to 200 KiB
 * @param phases        the phases to run, in {@link Phase} order, at least one
 * @param settleTimeout how long to wait after a phase for the watch events of its writes
 * @param cleanup       whether to delete everything labelled with the run id at the end
 */
public record ScaleConfig(String runId, int spokes, int concurrency, int payloadBytes, List<Phase> phases,
                          Duration settleTimeout, boolean cleanup) {
    private static final Pattern RUN_ID = Pattern.compile("[a-z]([-a-z0-9]{0,18}[a-z0-9])?");
    /** The largest payload: annotations on a real API server are limited to 256 KiB in total. */
    public static final int MAX_PAYLOAD = 200 * 1024;

    /**
     * Validates the configuration; an {@link IllegalArgumentException} names the first invalid field.
     *
     * @param runId the run id, a DNS-1123 label of at most 20 characters; it labels and names every object
     * @param spokes the number of simulated spokes, at least 1
     * @param concurrency how many spokes are written at once, at least 1
     * @param payloadBytes extra bytes per object (an annotation), 0 to 200 KiB
     * @param phases the phases to run, in {@link Phase} order, at least one
     * @param settleTimeout how long to wait after a phase for the watch events of its writes
     * @param cleanup whether to delete everything labelled with the run id at the end
     */
    public ScaleConfig {
        Objects.requireNonNull(runId, "runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId: '" + runId
                    + "' must be a lowercase DNS-1123 label of 1-20 characters starting with a letter");
        }
        if (spokes < 1) {
            throw new IllegalArgumentException("spokes: must be at least 1, got " + spokes);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: must be at least 1, got " + concurrency);
        }
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payloadBytes: must be 0.." + MAX_PAYLOAD + ", got " + payloadBytes);
        }
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("phases: at least one phase is needed");
        }
        EnumSet<Phase> set = EnumSet.copyOf(phases);
        phases = List.copyOf(new ArrayList<>(set));
        Objects.requireNonNull(settleTimeout, "settleTimeout");
    }

    /**
     * Starts a configuration with the defaults.
     *
     * @return a builder with defaults: 100 spokes, concurrency 4, 512 bytes, every phase, cleanup on
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes a new random run id.
     *
     * @return a new random run id such as {@code r3f9a1c}
     */
    public static String newRunId() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return "r" + HexFormat.of().formatHex(b);
    }

    /** Builds a {@link ScaleConfig}. */
    public static final class Builder {
        private String runId = newRunId();
        private int spokes = 100;
        private int concurrency = 4;
        private int payloadBytes = 512;
        private List<Phase> phases = List.of(Phase.values());
        private Duration settleTimeout = Duration.ofSeconds(30);
        private boolean cleanup = true;

        private Builder() {
        }

        /**
         * Sets the run id.
         *
         * @param v the run id
         * @return this builder
         */
        public Builder runId(String v) {
            runId = v;
            return this;
        }

        /**
         * Sets the number of simulated spokes.
         *
         * @param v the number of spokes
         * @return this builder
         */
        public Builder spokes(int v) {
            spokes = v;
            return this;
        }

        /**
         * Sets how many spokes are written at once.
         *
         * @param v how many spokes at once
         * @return this builder
         */
        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        /**
         * Sets the extra bytes per object.
         *
         * @param v extra bytes per object
         * @return this builder
         */
        public Builder payloadBytes(int v) {
            payloadBytes = v;
            return this;
        }

        /**
         * Sets the phases to run.
         *
         * @param v the phases
         * @return this builder
         */
        public Builder phases(List<Phase> v) {
            phases = v;
            return this;
        }

        /**
         * Sets how long to wait for the watch events after each phase.
         *
         * @param v how long to wait for watch events after each phase
         * @return this builder
         */
        public Builder settleTimeout(Duration v) {
            settleTimeout = v;
            return this;
        }

        /**
         * Sets whether the run's objects are deleted at the end.
         *
         * @param v whether to delete the run's objects at the end
         * @return this builder
         */
        public Builder cleanup(boolean v) {
            cleanup = v;
            return this;
        }

        /**
         * Builds and validates the configuration.
         *
         * @return the validated configuration
         */
        public ScaleConfig build() {
            return new ScaleConfig(runId, spokes, concurrency, payloadBytes, phases, settleTimeout, cleanup);
        }
    }
}
