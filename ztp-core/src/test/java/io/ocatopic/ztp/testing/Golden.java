package io.ocatopic.ztp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden-file comparison; {@code -Docatopic.golden.update=true} rewrites the files instead. */
public final class Golden {
    private Golden() {
    }

    /** @return the golden directory in the source tree */
    public static Path root() {
        return Path.of("src/test/resources/golden");
    }

    /**
     * Compares text to a golden file (or writes it when updating).
     *
     * @param rel    path under the golden root
     * @param actual the text
     */
    public static void check(Path rel, String actual) {
        Path f = root().resolve(rel);
        try {
            if (Boolean.getBoolean("ocatopic.golden.update")) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, actual);
                return;
            }
            assertTrue(Files.exists(f), "missing golden file " + f + " (run with -Docatopic.golden.update=true)");
            assertEquals(Files.readString(f), actual, "golden mismatch: " + f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
