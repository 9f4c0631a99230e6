package io.ocatopic.cli;

import io.ocatopic.dpu.DpuOffloadConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option of the {@code dpu} commands: a DpuOffloadConfig YAML file, {@code -} for stdin. */
final class DpuConfigFile {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "DpuOffloadConfig YAML file ('-' for stdin)")
    String file;

    /**
     * Reads and validates the config.
     *
     * @return the config
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException                       when it cannot be read
     */
    DpuOffloadConfig load() throws IOException {
        String text = "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file));
        return DpuOffloadConfig.fromYaml(text);
    }
}
