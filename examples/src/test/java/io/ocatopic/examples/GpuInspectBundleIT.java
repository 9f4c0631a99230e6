package io.ocatopic.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.testing.RealEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/gpu-inspect.sh} (issue 5, point 7): the bundle it assembles (a jlink runtime and the jars)
 * runs the read-only inspect against the NVML test double through its own runtime, and the double's
 * mutation log shows that inspect called nothing that changes MIG mode or instances.
 */
class GpuInspectBundleIT {

    @Test
    void theBundleInspectsThroughItsOwnRuntimeAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path lib = root.resolve("native-bindings/target/test-lib/libnvidia-ml.so.1");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.exists(lib) || !Files.isExecutable(jlink)) {
            RealEnvironment.missing("GpuInspectBundleIT needs the NVML test double (" + lib + ") and jlink (" + jlink + ")");
            return;
        }
        Path bundle = tmp.resolve("gpu-inspect");
        String assembled = run(root, List.of("bash", "scripts/gpu-inspect.sh", "assemble", bundle.toString()), null, 300);
        assertTrue(Files.isExecutable(bundle.resolve("runtime/bin/java")), assembled);
        assertTrue(Files.isExecutable(bundle.resolve("inspect.sh")), assembled);

        Path mutations = tmp.resolve("mutations.log");
        String out = run(tmp, List.of(bundle.resolve("inspect.sh").toString(), "--library", lib.toString()), mutations, 120);
        assertTrue(out.contains("GPU 0: NVIDIA A100-SXM4-40GB"), out);
        assertTrue(out.contains("GPU 1: NVIDIA H100 80GB HBM3"), out);
        assertTrue(out.contains("CONFIRMED A100-40GB 3g.20gb"), out);
        assertTrue(out.contains("CONFIRMED H100-80GB 7g.80gb"), out);
        assertTrue(out.contains("catalog contradictions: 0"), out);
        assertTrue(out.contains("telemetry getters: JNI"), out);
        assertFalse(Files.exists(mutations), () -> "inspect must be read-only, yet it called: " + read(mutations));
        // the bundle carries what -o json needs (the SDK's mapper and Jackson, no fabric8)
        String json = run(tmp, List.of(bundle.resolve("inspect.sh").toString(), "--library", lib.toString(), "-o", "json"),
                null, 120);
        assertTrue(json.strip().startsWith("{") && json.contains("\"devices\""), json);
    }

    private static String run(Path dir, List<String> cmd, Path mutations, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("gpu-inspect-it", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("JAVA_HOME");
        if (mutations != null) {
            pb.environment().put("FAKE_NVML_MUTATIONS", mutations.toString());
        }
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd + "\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
