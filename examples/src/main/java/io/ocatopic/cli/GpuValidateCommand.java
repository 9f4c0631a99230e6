package io.ocatopic.cli;

import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.core.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocatopic gpu validate FILE [--gpu MODEL]}: checks a mig-parted config against the catalog. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a mig-parted config: schema rules and every layout against the MIG catalog.")
public final class GpuValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "mig-parted config YAML")
    Path file;

    @Option(names = "--gpu", description = "GPU model for entries without device-filter: a catalog key (A30, A100-40GB,"
            + " A100-80GB, H100-80GB, H200, B200), an NVML product name with or without \"NVIDIA \""
            + " (\"NVIDIA A100-SXM4-40GB\", A100-SXM4-40GB) or a PCI id as mig-parted writes it (0x20B010DE)")
    String gpu = "";

    @Override
    public Integer call() throws Exception {
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        String model = gpu.isBlank() ? "" : gp.requireModelKey(gpu, "--gpu");
        List<Problem> problems = gp.validateMigPartedConfig(Files.readString(file), model);
        problems.forEach(System.out::println);
        System.out.println(problems.isEmpty() ? "valid" : problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }
}
