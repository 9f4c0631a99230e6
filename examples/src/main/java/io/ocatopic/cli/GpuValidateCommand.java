package io.ocatopic.cli;

import io.ocatopic.core.Problem;
import io.ocatopic.gpu.GpuPartitioner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocatopic gpu validate FILE [--gpu MODEL]}: checks a mig-parted config against the catalog. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a mig-parted config: schema rules and every layout against the MIG catalog.",
            "-o yaml|json prints {valid, problems[{path, message}]}. Exit 1 when the config has a problem, 2 when the"
                + " file cannot be read or --gpu names no catalog model."},
        footer = {"", "Examples:",
            "  ocatopic gpu validate mig-parted-config.yaml",
            "  ocatopic gpu validate config.yaml --gpu \"NVIDIA A100-SXM4-40GB\" -o json",
            "  ocatopic gpu plan fleet.yaml --demand 1g.5gb=7 --mig-parted | ocatopic gpu validate -"})
public final class GpuValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "FILE", description = "mig-parted config YAML ('-' for stdin).")
    String file;

    @Option(names = "--gpu", description = "GPU model for entries without device-filter: a catalog key (A30, A100-40GB,"
            + " A100-80GB, H100-80GB, H200, B200), an NVML product name with or without \"NVIDIA \""
            + " (\"NVIDIA A100-SXM4-40GB\", A100-SXM4-40GB) or a PCI id as mig-parted writes it (0x20B010DE).")
    String gpu = "";

    /**
     * What {@code -o yaml|json} prints.
     *
     * @param valid    whether the config has no problem
     * @param problems every problem, with its path
     */
    record Validation(boolean valid, List<Problem> problems) {
    }

    @Override
    public Integer call() throws Exception {
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        String model = gpu.isBlank() ? "" : gp.requireModelKey(gpu, "--gpu");
        List<Problem> problems = gp.validateMigPartedConfig(Inputs.read(file), model);
        PrintWriter out = spec.commandLine().getOut();
        output.print(out, new Validation(problems.isEmpty(), problems), () -> {
            problems.forEach(out::println);
            out.println(problems.isEmpty() ? "valid" : problems.size() + " problem(s)");
        });
        return problems.isEmpty() ? 0 : 1;
    }
}
