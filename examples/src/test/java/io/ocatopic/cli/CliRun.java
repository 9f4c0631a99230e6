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

    /**
     * What one command line did, its streams apart.
     *
     * @param rc  the exit code
     * @param out what it printed on stdout (the command's writer and System.out)
     * @param err what it printed on stderr (the command's writer and System.err)
     */
    record Result(int rc, String out, String err) {
        /** @return stderr's non-blank lines */
        java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Runs one command line with the given standard input, keeping stdout and stderr apart.
     *
     * @param stdin what the command reads from {@code -}, or null for nothing
     * @param args  the arguments after {@code ocatopic}
     * @return what it did
     */
    static Result exec(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysout = new ByteArrayOutputStream();
        ByteArrayOutputStream syserr = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        java.io.InputStream savedIn = System.in;
        int rc;
        try {
            System.setOut(new PrintStream(sysout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(syserr, true, StandardCharsets.UTF_8));
            System.setIn(new java.io.ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            CommandLine cl = Ocatopic.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            rc = cl.execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
        return new Result(rc, out + sysout.toString(StandardCharsets.UTF_8), err + syserr.toString(StandardCharsets.UTF_8));
    }
}
