package io.ocatopic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files: the expected output of a render, kept in the source tree and compared as text. Run the
 * tests once with {@code -D}{@value #UPDATE_PROPERTY}{@code =true} to write (or rewrite) the files, review the
 * diff, and commit them.
 *
 * <pre>{@code
 * // rendered: the text the code under test produced, such as a YAML rendering
 * Golden.assertMatches(Path.of("src/test/resources/golden/site-a.yaml"), rendered);
 * }</pre>
 */
public final class Golden {
    /** The system property that turns comparison into rewriting. */
    public static final String UPDATE_PROPERTY = "ocatopic.golden.update";

    private Golden() {
    }

    /**
     * Compares text with a golden file, or writes the file when {@value #UPDATE_PROPERTY} is {@code true}.
     *
     * @param file   the golden file
     * @param actual the text produced now
     * @throws AssertionError       when the file is missing or differs; the message names the first line
     *                              that differs and how to update
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static void assertMatches(Path file, String actual) {
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, actual);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("missing golden file " + file + " (run with -D" + UPDATE_PROPERTY + "=true)");
            }
            String expected = Files.readString(file);
            if (!expected.equals(actual)) {
                throw new AssertionError("golden mismatch: " + file + " " + firstDifference(expected, actual)
                        + " (if intended, run with -D" + UPDATE_PROPERTY + "=true and review the diff)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + file, e);
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "<end of file>";
            String y = i < a.size() ? a.get(i) : "<end of output>";
            if (!x.equals(y)) {
                return "at line " + (i + 1) + ": expected [" + x + "] but was [" + y + "]";
            }
        }
        return "(line endings or a trailing newline differ)";
    }
}
