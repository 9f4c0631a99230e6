package io.ocatopic.dpu;

/**
 * One validation problem: where in the configuration, and what is wrong.
 *
 * <pre>{@code
 * for (Violation v : e.violations()) System.err.println(v.path() + ": " + v.message());
 * }</pre>
 *
 * @param path    the field path, such as {@code nodes[1].host}
 * @param message what is wrong
 */
public record Violation(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
