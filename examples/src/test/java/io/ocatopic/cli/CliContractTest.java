package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The rules every leaf command of {@code ocatopic} follows, checked over the whole command tree (so a new
 * command cannot skip them): an Examples section in its help, {@code -o} only ever the output format, the
 * cluster options together, and a row in one of the group tables that run it ({@link ZtpCliContractTest},
 * {@link GpuDpuCliContractTest}, {@link KmmScaleCliContractTest}).
 */
class CliContractTest {
    /** Every leaf command, as its path without {@code ocatopic}. */
    static List<CommandSpec> leaves() {
        List<CommandSpec> out = new ArrayList<>();
        collect(Ocatopic.commandLine().getCommandSpec(), out);
        return out;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> out) {
        if (spec.subcommands().isEmpty()) {
            out.add(spec);
            return;
        }
        Set<CommandSpec> seen = new java.util.LinkedHashSet<>();
        spec.subcommands().values().forEach(c -> seen.add(c.getCommandSpec()));
        seen.forEach(s -> collect(s, out));
    }

    private static String path(CommandSpec s) {
        return s.qualifiedName(" ").replaceFirst("^ocatopic ?", "");
    }

    @Test
    void everyLeafIsCoveredByAGroupTable() {
        Set<String> all = new TreeSet<>();
        leaves().stream().map(CliContractTest::path).filter(p -> !p.equals("help")).forEach(all::add);
        Set<String> covered = new TreeSet<>();
        covered.addAll(ZtpCliContractTest.LEAVES);
        covered.addAll(GpuDpuCliContractTest.LEAVES);
        covered.addAll(KmmScaleCliContractTest.LEAVES);
        Set<String> missing = new TreeSet<>(all);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "leaf commands no group table runs");
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(all);
        assertEquals(Set.of(), unknown, "group tables name commands that do not exist");
        System.out.println("CLI contract: " + all.size() + " leaf commands, every one in a group table");
    }

    @Test
    void everyLeafHasExamplesAndHelpOnStdout() {
        List<String> bad = new ArrayList<>();
        for (CommandSpec s : leaves()) {
            if (path(s).equals("help")) {
                continue;
            }
            CliRun.Result r = CliRun.exec(null, (path(s) + " --help").split(" "));
            if (r.rc() != 0 || !r.out().contains("Examples:") || !r.out().contains("  ocatopic " + path(s))
                    || !r.err().isBlank()) {
                bad.add(path(s) + " (rc " + r.rc() + ")");
            }
        }
        assertEquals(List.of(), bad, "leaves whose --help lacks an Examples section with their own command, or is not on stdout");
    }

    @Test
    void dashOIsAlwaysTheOutputFormatAndClusterOptionsComeTogether() {
        List<String> bad = new ArrayList<>();
        for (CommandSpec s : leaves()) {
            OptionSpec o = s.findOption("-o");
            if (o != null && o.type() != OutputOption.Format.class) {
                bad.add(path(s) + ": -o is " + o.type().getSimpleName() + ", not the output format");
            }
            boolean kubeconfig = s.findOption("--kubeconfig") != null;
            if (kubeconfig && (s.findOption("--context") == null || s.findOption("-n") == null)) {
                bad.add(path(s) + ": --kubeconfig without --context and -n/--namespace");
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theRootOptionsReachEveryLeaf() {
        for (CommandSpec s : leaves()) {
            for (String name : List.of("-q", "-v", "--debug")) {
                assertTrue(s.findOption(name) != null, path(s) + " lacks " + name);
            }
        }
    }

    @Test
    void aFailureIsOneLineNamingTheFullCommandAndDebugAddsTheStackTrace() {
        CliRun.Result plain = CliRun.exec(null, "dpu", "plan", "-f", "/nonexistent/dpu.yaml");
        assertEquals(2, plain.rc(), plain.err());
        assertEquals(1, plain.errLines().size(), plain.err());
        assertTrue(plain.errLines().get(0).startsWith("ocatopic dpu plan: "), plain.err());
        try {
            CliRun.Result debug = CliRun.exec(null, "--debug", "dpu", "plan", "-f", "/nonexistent/dpu.yaml");
            assertEquals(2, debug.rc(), debug.err());
            assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace: " + debug.err());
            assertEquals("debug", System.getProperty(Ocatopic.LOG_LEVEL), "--debug asks slf4j-simple for debug lines");
            System.clearProperty(Ocatopic.LOG_LEVEL);
            CliRun.Result verbose = CliRun.exec(null, "-v", "dpu", "plan", "-f", "/nonexistent/dpu.yaml");
            assertEquals(1, verbose.errLines().size(), "-v adds log lines, not a stack trace: " + verbose.err());
            assertEquals("info", System.getProperty(Ocatopic.LOG_LEVEL), "-v asks slf4j-simple for info lines");
        } finally {
            // in-process: the other tests of this JVM keep the default level
            System.clearProperty(Ocatopic.LOG_LEVEL);
        }
    }

    @Test
    void anArgumentPicocliCannotParseIsOneLineWithExit2() {
        for (String[] args : List.of(new String[] {"ztp", "render", "--format", "nope", "x.yaml"},
                new String[] {"gpu", "plan", "--no-such-option"}, new String[] {"dpu", "plan", "-o", "/tmp/dir"})) {
            CliRun.Result r = CliRun.exec(null, args);
            assertEquals(2, r.rc(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.errLines().get(0).startsWith("ocatopic " + args[0] + " " + args[1] + ": "), r.err());
            assertTrue(r.out().isBlank(), r.out());
        }
    }
}
