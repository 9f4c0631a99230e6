package io.ocatopic.ztp.workflow;

/**
 * Receives progress events.
 *
 * <pre>{@code
 * ProgressListener log = e -> System.out.println(e.type() + " " + e.step() + " " + e.message());
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = e -> { };

    /**
     * Called for each event, on the thread that runs the workflow.
     *
     * @param event the event
     */
    void onEvent(WorkflowEvent event);
}
