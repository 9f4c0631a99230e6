package io.ocatopic.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files under src/test/resources/golden, rewritten only with -Docatopic.golden.update=true. */
public final class Golden {
    private Golden() {
    }

    /**
     * Compares text with a golden file.
     *
     * @param name   file name
     * @param actual rendered text
     * @throws IOException when the file cannot be read
     */
    public static void check(String name, String actual) throws IOException {
        Path p = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("ocatopic.golden.update")) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        assertEquals(Files.readString(p), actual, "golden " + name);
    }
}
