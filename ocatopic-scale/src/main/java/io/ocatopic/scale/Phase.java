package io.ocatopic.scale;

/** A phase of a scale run, in the order they run. */
public enum Phase {
    /** Write every object for the first time. */
    CREATE,
    /** Write every object again with a new generation and payload. */
    UPDATE,
    /** Delete every object (spoke objects in reverse order, then fleet objects). */
    DELETE
}
