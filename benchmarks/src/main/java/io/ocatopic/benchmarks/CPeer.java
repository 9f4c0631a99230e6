package io.ocatopic.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles the C peer programs under {@code benchmarks/src/main/c} with gcc at run time. */
final class CPeer {
    private CPeer() {
    }

    /**
     * Compiles one C source into a temporary executable, deleted when the JVM exits.
     *
     * @param source    the file name under {@code benchmarks/src/main/c}
     * @param linkFlags extra flags after the source, for example {@code -ldl}
     * @return the executable
     * @throws IOException          when gcc cannot run
     * @throws InterruptedException when interrupted while waiting for gcc
     */
    static Path compile(String source, String... linkFlags) throws IOException, InterruptedException {
        Path src = Path.of("benchmarks/src/main/c", source);
        if (!Files.exists(src)) {
            src = Path.of("src/main/c", source);
        }
        Path dir = Files.createTempDirectory("ocatopic-bench-c");
        Path exe = dir.resolve(source.replaceFirst("\\.c$", ""));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-Werror", "-o", exe.toString(), src.toString()));
        cmd.addAll(List.of(linkFlags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gcc failed: " + out);
        }
        exe.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return exe;
    }
}
