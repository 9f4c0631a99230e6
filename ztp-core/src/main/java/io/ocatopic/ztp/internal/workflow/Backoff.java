package io.ocatopic.ztp.internal.workflow;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial * multiplier^n}, capped at {@code max}.
 *
 * <pre>{@code
 * Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 2.0);
 * b.delay(3);   // 40s
 * }</pre>
 *
 * @param initial    first delay
 * @param max        cap
 * @param multiplier growth per failure, at least 1
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
    /** 5 s doubling to 10 min: for ships and stores that are offline for hours. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 2.0);

    /**
     * Checks the values.
     *
     * @param initial    first delay
     * @param max        cap
     * @param multiplier growth
     */
    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("need 0 <= initial <= max and multiplier >= 1");
        }
    }

    /**
     * The delay after a number of consecutive failures.
     *
     * @param failures consecutive failures so far, from 0
     * @return the delay
     */
    public Duration delay(int failures) {
        double ms = initial.toMillis() * Math.pow(multiplier, Math.min(failures, 62));
        return ms >= max.toMillis() ? max : Duration.ofMillis((long) ms);
    }
}
