package io.ocatopic.cli;

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
            ApplyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Ocatopic implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        return new CommandLine(new Ocatopic()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Ocatopic::failed);
    }

    /**
     * Reports a command's failure as one line on the error writer, exit code 1, without a stack trace: the
     * module exceptions carry a reason and name the bad field in their message.
     */
    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String what = e instanceof java.nio.file.NoSuchFileException nf ? "no such file: " + nf.getFile()
                : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("ocatopic " + cl.getCommandName() + ": " + what);
        cl.getErr().flush();
        return cl.getExitCodeExceptionMapper() != null ? cl.getExitCodeExceptionMapper().getExitCode(e)
                : CommandLine.ExitCode.SOFTWARE;
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
