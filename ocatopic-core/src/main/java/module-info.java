/**
 * ocatopic's error model, below every other module: the root {@link io.ocatopic.core.OcatopicException}
 * (a machine-readable reason and an outcome the command line maps to its exit code) and the one
 * {@code (path, message)} {@link io.ocatopic.core.Problem}. It depends on the JDK alone, so the native
 * bindings share it without pulling in the Kubernetes client.
 */
module io.ocatopic.core {
    exports io.ocatopic.core;
}
