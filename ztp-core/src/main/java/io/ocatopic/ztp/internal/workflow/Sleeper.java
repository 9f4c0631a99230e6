package io.ocatopic.ztp.internal.workflow;

import java.time.Duration;

/**
 * Waits between polls and probes; tests substitute one that does not sleep.
 *
 * <pre>{@code
 * Sleeper real = Sleeper.REAL;
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps with {@link Thread#sleep(long)}. */
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException when interrupted (cancellation)
     */
    void sleep(Duration duration) throws InterruptedException;
}
