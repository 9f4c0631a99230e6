package io.ocatopic.cli;

import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.node.NodeInspector;
import io.ocatopic.nvml.Nvml;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic gpu inspect}: read-only hardware check through NVML; never changes MIG mode or instances. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Read-only: devices, MIG mode, profiles, placements, telemetry; compare with the catalog.")
public final class GpuInspectCommand implements Callable<Integer> {
    @Option(names = "--library", description = "NVML library name or path (default nvidia-ml)")
    String library = System.getProperty(Nvml.LIBRARY_PROPERTY, Nvml.DEFAULT_LIBRARY);

    /**
     * Runs only this verb (used by scripts/gpu-inspect.sh with a small class path and a jlink runtime).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new GpuInspectCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try (Nvml nvml = Nvml.open(library)) {
            NodeInspector.Report r = new NodeInspector(MigCatalog.builtin()).inspect(nvml);
            System.out.print(r.text());
            System.out.println("catalog contradictions: " + r.contradictions());
            System.out.println("telemetry getters: " + nvml.getterBinding());
            return 0;
        }
    }
}
