package io.ocatopic.cli;

import static io.ocatopic.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OcatopicCommandTest {

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
    void everyCommandsHelpListsTheExitCodes() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        exitCodesIn(Ocatopic.commandLine(), missing);
        assertEquals(java.util.List.of(), missing);
        String[] r = run("ztp", "validate", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("Exit codes:") && r[1].contains("2   bad input") && r[1].contains("3   an outside system"), r[1]);
    }

    private static void exitCodesIn(CommandLine cl, java.util.List<String> missing) {
        String usage = cl.getUsageMessage();
        if (!usage.contains("Exit codes:") || !usage.contains("1   a check or plan did not pass")) {
            missing.add(cl.getCommandSpec().qualifiedName());
        }
        cl.getSubcommands().values().forEach(c -> exitCodesIn(c, missing));
    }

    @Test
    void versionNamesTheSdk() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("ocatopic "), r[1]);
        assertTrue(!r[1].contains("unknown"), r[1]);
    }

    @Test
    void demoRunsEveryStepOnEmbeddedDefaults(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        String[] r = run("demo", "--spokes", "10", "--out-dir", out.toString());
        assertEquals("0", r[0], r[1]);
        for (String step : new String[] {"chassis", "module", "mig", "dpu", "acm-scale"}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  " + step + "\\s+(OK|SKIPPED|FAILED)\\s+(.*)$")
                    .matcher(r[1]);
            assertTrue(m.find(), step + " has no report line: " + r[1]);
            assertEquals("OK", m.group(1), step + ": " + m.group(2));
        }
        assertTrue(r[1].contains("left behind: 0"), r[1]);
        assertTrue(r[1].contains("verify") && r[1].contains("VERIFIED"), r[1]);
        // what the demo says it rendered and signed is really on disk
        try (var files = java.nio.file.Files.walk(out)) {
            java.util.List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.equals("install-config.yaml")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".ko")), names.toString());
        }
    }
}
