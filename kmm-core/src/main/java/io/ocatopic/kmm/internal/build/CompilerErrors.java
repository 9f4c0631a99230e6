package io.ocatopic.kmm.internal.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the lines that explain a failed kernel-module compile out of build output: gcc/clang diagnostics
 * ({@code file:line:col: error: ...}, {@code fatal error}), linker and modpost errors, and make's
 * {@code *** } lines.
 *
 * <pre>{@code
 * List<String> errors = CompilerErrors.extract(buildLog);
 * }</pre>
 */
public final class CompilerErrors {
    private static final Pattern ERROR = Pattern.compile(
            "(^|\\s)[^\\s:]+:\\d+(:\\d+)?: (fatal )?error: .*|^ERROR: modpost: .*|.*make(\\[\\d+\\])?: \\*\\*\\* .*|.*undefined reference to .*");

    private CompilerErrors() {
    }

    /**
     * The error lines, in order, without duplicates.
     *
     * @param lines build output lines
     * @return the error lines (empty when none looks like a compiler error)
     */
    public static List<String> extract(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String t = l.strip();
            if (ERROR.matcher(t).matches() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
