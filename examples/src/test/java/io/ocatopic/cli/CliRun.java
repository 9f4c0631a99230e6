package io.ocatopic.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the {@code ocatopic} command line in-process for tests, capturing everything it prints. */
final class CliRun {
    private CliRun() {
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments after {@code ocatopic}
     * @return {@code [exit code, output]}: the command's out and err writers, then System.out
     */
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream sysout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(sysout, true, StandardCharsets.UTF_8));
            CommandLine cl = Ocatopic.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(out, true));
            rc = cl.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new String[] {String.valueOf(rc), out + sysout.toString(StandardCharsets.UTF_8)};
    }
}
