package io.ocatopic.scale;

/** The labels and annotations the harness puts on every object it writes. */
public final class ScaleLabels {
    /** Label: the run id; cleanup deletes by it. */
    public static final String RUN = "scale.ocatopic.io/run";
    /** Label: the spoke index, or {@code fleet} for fleet-wide objects. */
    public static final String SPOKE = "scale.ocatopic.io/spoke";
    /** Label: who manages the object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY}. */
    public static final String MANAGED_BY_VALUE = "ocatopic-scale";
    /** Annotation: the write generation (0 on create, 1 on update); the watch matches events by it. */
    public static final String GENERATION = "scale.ocatopic.io/generation";
    /** Annotation: filler that gives every object the configured extra size. */
    public static final String PAYLOAD = "scale.ocatopic.io/payload";

    private ScaleLabels() {
    }
}
