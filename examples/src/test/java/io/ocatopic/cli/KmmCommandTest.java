package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.examples.ModuleBuildExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocatopic kmm build} and ModuleBuildExample name the KMM objects after the kernel module with a
 * DNS-1123 subdomain ({@code ocatopic_hello} gives {@code ocatopic-hello}); modprobe keeps the kernel's name.
 */
class KmmCommandTest {
    /** A Docker API that is not there: the build fails at the engine, after validation passed. */
    private static final String NO_ENGINE = "unix:///nonexistent/ocatopic-kmm-command-test.sock";

    static String[] build(Path source, String name) {
        return CliRun.run("kmm", "build", "--name", name, "--namespace", "kmm-demo", "--source", source.toString(),
                "--kernel", "6.1.0-54-amd64", "--image", "reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}",
                "--builder-image", "reg.example.com/kbuild:1", "--base-image", "reg.example.com/busybox:1",
                "--docker-host", NO_ENGINE);
    }

    static Path source(Path dir) throws IOException {
        Files.writeString(dir.resolve("Makefile"), "obj-m += ocatopic_hello.o\n");
        return dir;
    }

    @Test
    void aKernelModuleNameWithUnderscoresIsAccepted(@TempDir Path tmp) throws IOException {
        String[] r = build(source(tmp), "ocatopic_hello");
        assertEquals("3", r[0], "no engine: an outside system is missing, exit 3: " + r[1]);
        assertTrue(r[1].contains("ocatopic kmm build: ENGINE"), "validation passed, the engine is absent: " + r[1]);
        assertTrue(r[1].contains("compiling ocatopic-hello for 6.1.0-54-amd64"), r[1]);
    }

    @Test
    void aNameThatStaysInvalidNamesTheField(@TempDir Path tmp) throws IOException {
        String[] r = build(source(tmp), "ocatopic_hello.");
        assertEquals("2", r[0], "bad input exits 2: " + r[1]);
        assertTrue(r[1].contains("INVALID: ") && r[1].contains("metadata.name: 'ocatopic-hello.' is not a DNS-1123 subdomain"), r[1]);
        assertFalse(r[1].contains("compiling"), "validation fails before the engine: " + r[1]);
    }

    @Test
    void moduleBuildExampleNamesObjectsAfterTheKernelModule() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            ModuleBuildExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("name: \"ocatopic-hello\""), out);
        assertTrue(out.contains("moduleName: \"ocatopic_hello\""), out);
        assertTrue(out.contains("/kmm/ocatopic-hello@sha256:"), out);
        assertFalse(out.contains("name: \"ocatopic_hello\""), out);
        assertTrue(out.contains("applied ManagedClusterModule and edge-b's Module"), out);
    }
}
