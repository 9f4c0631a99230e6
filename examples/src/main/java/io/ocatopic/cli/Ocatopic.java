package io.ocatopic.cli;

import io.ocatopic.core.OcatopicException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ocatopic} command: one thin picocli subcommand per verb, each parsing its options, calling
 * the module's entry type and printing the result.
 */
@Command(name = "ocatopic",
        mixinStandardHelpOptions = true,
        versionProvider = Ocatopic.Version.class,
        description = "Accelerated edge infrastructure on OpenShift/Kubernetes: factory installs (ztp),"
                + " kernel modules (kmm), DPUs (dpu), GPUs (gpu).",
        subcommands = {
            DemoCommand.class,
            ZtpCommand.class,
            KmmCommand.class,
            DpuCommand.class,
            GpuCommand.class,
            ScaleCommand.class,
            LintCommand.class,
            CompletionCommand.class,
            ApplyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Ocatopic implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The slf4j-simple level property, read when the first logger is made (after the options are parsed). */
    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress on stderr (errors still print).")
    boolean quiet;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Informational log lines on stderr.")
    void setVerbose(boolean on) {
        if (on) {
            System.setProperty(LOG_LEVEL, "info");
        }
    }

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Debug log lines on stderr, and a failure's stack trace.")
    void setDebug(boolean on) {
        if (on) {
            System.setProperty(LOG_LEVEL, "debug");
        }
    }

    /**
     * Whether {@code -q} was given to this command or a parent.
     *
     * @param spec the running command
     * @return whether progress is silenced
     */
    static boolean quiet(CommandLine.Model.CommandSpec spec) {
        return flag(spec, "--quiet");
    }

    /**
     * Whether {@code --debug} was given to this command or a parent.
     *
     * @param spec the running command
     * @return whether failures print their stack trace
     */
    static boolean debug(CommandLine.Model.CommandSpec spec) {
        return flag(spec, "--debug") || "1".equals(System.getenv("OCATOPIC_DEBUG"));
    }

    private static boolean flag(CommandLine.Model.CommandSpec spec, String name) {
        for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.ParseResult pr = s.commandLine() == null ? null : s.commandLine().getParseResult();
            if (pr != null && pr.hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        tuneHttpClient();
        System.exit(commandLine().execute(args));
    }

    /**
     * Gives the JDK's HTTP client 256 KiB socket buffers instead of 16 KiB, unless the user chose a size:
     * a registry mirror moves gigabytes through it, and the default costs about 10% of its throughput.
     * The property is read once per JVM, so only an application's entry point may set it, never the SDK.
     */
    static void tuneHttpClient() {
        if (System.getProperty(HTTP_BUFSIZE) == null) {
            System.setProperty(HTTP_BUFSIZE, String.valueOf(256 * 1024));
        }
    }

    /** The JDK HTTP client's buffer-size property. */
    static final String HTTP_BUFSIZE = "jdk.httpclient.bufsize";

    /** @return a configured command line, for embedding and tests */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Ocatopic()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Ocatopic::failed)
                .setParameterExceptionHandler(Ocatopic::badArguments)
                .setExitCodeExceptionMapper(Ocatopic::exitCode);
        documentExitCodes(cl);
        return cl;
    }

    /** The exit codes, the same for every command; {@link #exitCode(Throwable)} decides them. */
    static final java.util.Map<String, String> EXIT_CODES = exitCodes();

    private static java.util.Map<String, String> exitCodes() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("0", "ok");
        m.put("1", "a check or plan did not pass");
        m.put("2", "bad input (a file, a field, an option)");
        m.put("3", "an outside system failed or was unreachable");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Puts the exit codes into every command's {@code --help}. */
    private static void documentExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        cl.getSubcommands().values().forEach(Ocatopic::documentExitCodes);
    }

    /**
     * The exit code of every failure, decided here for every command: an SDK exception's
     * {@link OcatopicException#outcome()} (2 bad input, 1 did not pass, 3 an outside system failed), 2 for a
     * missing file or a bad option, 3 for any other I/O failure, 1 otherwise.
     *
     * @param e the failure
     * @return the exit code
     */
    static int exitCode(Throwable e) {
        if (e instanceof OcatopicException o) {
            return o.outcome().exitCode();
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException) {
            return 2;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return 3;
        }
        return 1;
    }

    /**
     * Reports a command's failure as one line on the error writer, prefixed with the full command path, without
     * a stack trace ({@code --debug}, or {@code OCATOPIC_DEBUG=1}, for one): the module exceptions carry a reason and name the
     * bad field in their message. The exit code comes from {@link #exitCode(Throwable)}.
     */
    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String what = e instanceof java.nio.file.NoSuchFileException nf ? "no such file: " + nf.getFile()
                : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof OcatopicException o && !o.problems().isEmpty()) {
            // one line: the summary, then every problem with its path
            String head = what.contains("\n") ? what.substring(0, what.indexOf('\n')) : what;
            what = head + (head.contains(o.problems().get(0).toString()) ? ""
                    : " " + String.join("; ", o.problems().stream().map(Object::toString).toList()));
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + what.replace('\n', ' '));
        if (debug(cl.getCommandSpec())) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exitCode(e);
    }

    /**
     * Reports a command line picocli could not parse (an unknown option, a bad enum value, a missing argument) as
     * one line with the full command path and where to look, like kubectl: exit 2, no usage dump.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String path = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(path + ": " + e.getMessage().replace('\n', ' ') + " (see '" + path + " --help')");
        if (debug(cl.getCommandSpec())) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return 2;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the SDK version this jar was built from */
    public static String sdkVersion() {
        Properties p = new Properties();
        try (InputStream in = Ocatopic.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ocatopic " + sdkVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
