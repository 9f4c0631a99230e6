package io.ocatopic.cli;

import io.ocatopic.dpu.DpuOffloadConfig;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option of the {@code dpu} commands: a DpuOffloadConfig YAML file, {@code -} for stdin. */
final class DpuConfigFile {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "DpuOffloadConfig YAML file ('-' for stdin).")
    String file;

    /**
     * Reads and validates the config.
     *
     * @return the config
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException                       when it cannot be read
     */
    DpuOffloadConfig load() throws IOException {
        return DpuOffloadConfig.fromYaml(Inputs.read(file));
    }
}
