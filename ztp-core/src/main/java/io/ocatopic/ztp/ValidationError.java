package io.ocatopic.ztp;

import java.util.Objects;

/**
 * One problem in a spec, at a field path such as {@code clusters[0].nodes[2].externalNic.mac}.
 *
 * @param path    where the problem is (dotted, with list indexes)
 * @param message what is wrong; never contains a secret value
 */
public record ValidationError(String path, String message) {
    /**
     * Checks both parts are present.
     *
     * @param path    the field path
     * @param message the problem
     */
    public ValidationError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
