package io.ocatopic.core;

import java.util.Objects;

/**
 * One thing wrong with an input or a rendered object: the field path it concerns and what is wrong,
 * with the fix where there is one ({@code spec.moduleLoader.container.kernelMappings[0].containerImage:
 * is required}). Messages never carry secret values.
 *
 * @param path    the field path, dotted with {@code [i]} for list items; empty for the whole object
 * @param message what is wrong, and how to fix it
 */
public record Problem(String path, String message) {
    /**
     * Checks both parts.
     *
     * @param path    the field path
     * @param message what is wrong
     */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Returns the problem as {@code path: message}, or the message alone when the path is empty.
     *
     * @return {@code path: message}, or the message alone when the path is empty
     */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
