package io.ocatopic.scale;

/**
 * Progress of a scale run, called from the harness's threads. Every method does nothing by default.
 *
 * <pre>{@code
 * ScaleListener l = new ScaleListener() {
 *     public void spokesDone(Phase phase, int done, int total) { System.out.println(phase + " " + done); }
 * };
 * }</pre>
 */
public interface ScaleListener {
    /**
     * A phase started.
     *
     * @param phase  the phase
     * @param spokes how many spokes it writes
     */
    default void phaseStarted(Phase phase, int spokes) {
    }

    /**
     * More spokes are done in the current phase.
     *
     * @param phase the phase
     * @param done  spokes done so far
     * @param total spokes in the phase
     */
    default void spokesDone(Phase phase, int done, int total) {
    }

    /**
     * A phase ended (also when interrupted).
     *
     * @param report its figures
     */
    default void phaseFinished(PhaseReport report) {
    }

    /** A listener that ignores everything. */
    ScaleListener NONE = new ScaleListener() {
    };
}
