package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic completion bash}: a script bash sources without error and that completes a subcommand. */
class CompletionCommandTest {
    @Test
    void bashSourcesTheScriptAndCompletesASubcommand(@TempDir Path dir) throws Exception {
        String[] r = CliRun.run("completion", "bash");
        assertEquals("0", r[0], r[1]);
        Path script = dir.resolve("ocatopic.bash");
        Files.writeString(script, r[1]);
        String probe = "source " + script + "; COMP_WORDS=(ocatopic zt); COMP_CWORD=1; COMP_LINE='ocatopic zt';"
                + " COMP_POINT=11; _complete_ocatopic ocatopic zt ocatopic; echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.strip().equals("ztp"), out);
        assertEquals("2", CliRun.run("completion", "fish")[0]);
    }
}
