package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OcatopicCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Ocatopic.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int rc = cl.execute(args);
        return new String[] {String.valueOf(rc), out.toString()};
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = Ocatopic.commandLine();
        walk(cl);
    }

    private static void walk(CommandLine cl) {
        assertTrue(cl.getCommandSpec().mixinStandardHelpOptions() || cl.getCommandName().equals("help"),
                cl.getCommandName() + " lacks --help");
        for (CommandLine sub : cl.getSubcommands().values()) {
            walk(sub);
        }
    }

    @Test
    void versionNamesTheSdk() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("ocatopic "), r[1]);
        assertTrue(!r[1].contains("unknown"), r[1]);
    }

    @Test
    void demoReportsEachStepAndPassesTheEmbeddedApi() {
        String[] r = run("demo");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("embedded-api     OK"), r[1]);
        assertTrue(r[1].contains("demo: all steps passed"), r[1]);
    }
}
