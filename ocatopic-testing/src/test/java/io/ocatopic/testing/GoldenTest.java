package io.ocatopic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTest {
    @Test
    void matchesMissesAndUpdates(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/out.yaml");
        AssertionError missing = assertThrows(AssertionError.class, () -> Golden.assertMatches(f, "a: 1\n"));
        assertTrue(missing.getMessage().contains("missing golden file") && missing.getMessage().contains(Golden.UPDATE_PROPERTY),
                missing.getMessage());

        System.setProperty(Golden.UPDATE_PROPERTY, "true");
        try {
            Golden.assertMatches(f, "a: 1\nb: 2\n");
        } finally {
            System.clearProperty(Golden.UPDATE_PROPERTY);
        }
        assertEquals("a: 1\nb: 2\n", Files.readString(f));
        Golden.assertMatches(f, "a: 1\nb: 2\n");

        AssertionError diff = assertThrows(AssertionError.class, () -> Golden.assertMatches(f, "a: 1\nb: 3\n"));
        assertTrue(diff.getMessage().contains("at line 2: expected [b: 2] but was [b: 3]"), diff.getMessage());
        AssertionError shorter = assertThrows(AssertionError.class, () -> Golden.assertMatches(f, "a: 1\n"));
        assertTrue(shorter.getMessage().contains("but was [<end of output>]"), shorter.getMessage());
        assertEquals("a: 1\nb: 2\n", Files.readString(f), "a failed comparison writes nothing");
    }
}
