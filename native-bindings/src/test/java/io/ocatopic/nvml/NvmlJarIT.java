package io.ocatopic.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as users get it, carries the JNI trampolines and loads them from inside the jar
 * (extracted by JNA), in a fresh JVM whose class path holds only the jar, JNA and this probe.
 */
class NvmlJarIT {

    /** Child-JVM entry point: prints the getter binding and one reading of each hot getter. */
    public static final class Probe {
        private Probe() {
        }

        /** @param args the NVML library path, then optionally {@code mutate} to enable MIG mode on device 0 */
        public static void main(String[] args) {
            try (Nvml nvml = Nvml.open(args[0])) {
                NvmlDevice d = nvml.device(0);
                if (args.length > 1 && args[1].equals("mutate")) {
                    d.setMigMode(true);
                }
                System.out.println(nvml.getterBinding() + " from " + NvmlJni.class.getProtectionDomain().getCodeSource().getLocation()
                        + " temp=" + d.temperatureCelsius() + " power=" + d.powerMilliwatts() + " used=" + d.memoryUsedBytes());
            }
        }
    }

    @Test
    void thePackagedJarCallsTheHotGettersThroughJni() throws IOException, InterruptedException {
        Path jar;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            jar = s.filter(p -> p.getFileName().toString().matches("native-bindings-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run after package: no native-bindings jar in target/"));
        }
        String jna = Path.of(com.sun.jna.Native.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String core = Path.of(io.ocatopic.core.OcatopicException.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String probe = Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        Path tmp = Files.createTempDirectory("nvml-jar-it");
        Path mutations = Files.createTempFile("nvml-mutations", ".log");
        Files.delete(mutations);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.tmpdir=" + tmp, "-Djava.io.tmpdir=" + tmp,
                "-cp", String.join(java.io.File.pathSeparator, jar.toString(), core, jna, probe),
                Probe.class.getName(), FakeNvml.path(), "mutate")
                .redirectErrorStream(true);
        pb.environment().put("FAKE_NVML_MUTATIONS", mutations.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("JNI from file:" + jar.toAbsolutePath()), out);
        assertTrue(out.endsWith(" temp=40 power=61000 used=536870912"), out);
        // the double's mutation log, which GpuInspectBundleIT relies on to show inspect is read-only, records
        assertEquals(List.of("nvmlDeviceSetMigMode"), Files.readAllLines(mutations));
        Files.delete(mutations);
        try (Stream<Path> left = Files.walk(tmp)) {
            List<Path> files = left.filter(Files::isRegularFile).toList();
            assertEquals(List.of(), files, "the extracted copy is deleted once loaded");
        }
        Files.walk(tmp).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
}
