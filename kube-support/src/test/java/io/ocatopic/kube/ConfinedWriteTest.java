package io.ocatopic.kube;

import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 case 1: a name derived from input ("x/../../../../escaped/PWNED") wrote outside the output directory. */
class ConfinedWriteTest {
    @Test
    void aNameEscapingTheDirectoryIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("infra/ok.yaml", "a: 1\n");
        files.put("x/../../../../escaped/PWNED.yaml", "b: 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(out, files));
        assertTrue(e.getMessage().contains("escapes the output directory"), e.getMessage());
        assertFalse(Files.exists(out.resolve("infra/ok.yaml")), "nothing is written when one name escapes");
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(out, Map.of("/etc/x.yaml", "")));
        assertEquals(1, AtomicFiles.writeAllUnder(out, Map.of("infra/ok.yaml", "a: 1\n")).size());
        assertEquals("a: 1\n", Files.readString(out.resolve("infra/ok.yaml")));
    }
}
