package io.ocatopic.gpu.internal;

import io.ocatopic.core.Problem;
import java.util.List;

/** Reads the {@code path: message} lines the gpu checks write into {@link Problem}s. */
public final class Problems {
    private Problems() {
    }

    /**
     * Reads lines.
     *
     * @param lines each {@code path: message}; a line without a path is a problem of the whole input
     * @return the problems, in order
     */
    public static List<Problem> of(List<String> lines) {
        return lines.stream().map(Problems::of).toList();
    }

    /**
     * Reads one line: the path is the part before the first ": " when it holds no space.
     *
     * @param line {@code path: message}, or a message alone
     * @return the problem
     */
    public static Problem of(String line) {
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).indexOf(' ') < 0) {
            return new Problem(line.substring(0, colon), line.substring(colon + 2));
        }
        return new Problem("", line);
    }
}
