package io.ocatopic.cli;

import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.node.NodeInspector;
import io.ocatopic.nvml.Nvml;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic gpu inspect}: read-only hardware check through NVML; never changes MIG mode or instances. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read-only: devices, MIG mode, profiles, placements, telemetry; compare with the catalog.",
            "NVML is opened first: a library that cannot be loaded fails at once (exit 3) naming it and how it was"
                + " chosen (--library, -Docatopic.nvml.library, or the default nvidia-ml).",
            "-o yaml|json prints {devices[{index, name, uuid, busId, pciDeviceId, model, migCurrent, migPending,"
                + " memoryTotalBytes, memoryUsedBytes, temperatureCelsius, powerMilliwatts, profiles[], notes[]}],"
                + " contradictions, getterBinding}."},
        footer = {"", "Examples:",
            "  ocatopic gpu inspect",
            "  ocatopic gpu inspect --library /usr/lib64/libnvidia-ml.so.1 -o json",
            "  ocatopic gpu inspect -o yaml > inspect.yaml"})
public final class GpuInspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--library", paramLabel = "LIB",
            description = "NVML library name or path (default: -Docatopic.nvml.library, else nvidia-ml).")
    String library;

    /**
     * What {@code -o yaml|json} prints.
     *
     * @param devices        every device, as NVML reports it and compared with the catalog
     * @param contradictions how many profiles contradict the catalog
     * @param getterBinding  how the telemetry getters are called (JNI or JNA direct mapping)
     */
    record Inspection(java.util.List<NodeInspector.DeviceReport> devices, long contradictions, String getterBinding) {
    }

    /**
     * Runs only this verb (used by scripts/gpu-inspect.sh with a small class path and a jlink runtime).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GpuInspectCommand()).setExitCodeExceptionMapper(Ocatopic::exitCode)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("ocatopic gpu inspect: " + e.getMessage());
                    cl.getErr().flush();
                    return Ocatopic.exitCode(e);
                }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Nvml nvml = GpuSupport.openNvml(library)) {
            NodeInspector.Report r = new NodeInspector(MigCatalog.builtin()).inspect(nvml);
            Inspection data = new Inspection(r.devices(), r.contradictions(), nvml.getterBinding());
            if (output.format == OutputOption.Format.YAML) {
                // every string quoted: a bus id such as 00000000:41:00.0 is a YAML 1.1 base-60 number when plain
                out.print(io.ocatopic.kube.internal.Mappers.yaml().writer()
                        .without(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .writeValueAsString(data));
                out.flush();
                return 0;
            }
            output.print(out, data, () -> {
                out.print(r.text());
                out.println("catalog contradictions: " + r.contradictions());
                out.println("telemetry getters: " + nvml.getterBinding());
            });
            return 0;
        }
    }
}
