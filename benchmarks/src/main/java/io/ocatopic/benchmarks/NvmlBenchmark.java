package io.ocatopic.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlDevice;
import io.ocatopic.nvml.internal.TelemetrySampler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * NVML hot getters through ocatopic's binding against a C program calling the same library, and the
 * {@link TelemetrySampler}'s CPU cost at 1 kHz over 8 devices.
 *
 * <p><b>Getters.</b> Calls per second of {@code nvmlDeviceGetMemoryInfo}, {@code nvmlDeviceGetUtilizationRates},
 * {@code nvmlDeviceGetTemperature} and {@code nvmlDeviceGetPowerUsage}, round robin over 8 devices: the public
 * {@link NvmlDevice} getters ({@code memoryUsedBytes()}, {@code gpuUtilization()}, {@code temperatureCelsius()},
 * {@code powerMilliwatts()}: the bundled JNI trampolines, return code checked; and, for comparison, the JNA
 * direct-mapped fallback, {@code -Docatopic.nvml.jni=false}) against
 * {@code benchmarks/src/main/c/nvml_getters.c} (compiled with {@code gcc -O2} at run time, {@code dlopen}s the
 * same library and calls the same functions through {@code dlsym} pointers). Goal: at least 0.3x of C.
 *
 * <p><b>Sampler.</b> {@link TelemetrySampler#start} at a 1 ms period over 8 devices (4 reads each per sample) for
 * 10 s; the process CPU time ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) and the
 * sampler thread's CPU time ({@link ThreadMXBean}) as a share of one core, next to the same process idle for
 * as long. Goal: under 5% of a core.
 *
 * <p><b>The library.</b> Both sides use the NVML test double {@code native-bindings/target/test-lib/libnvidia-ml.so.1}
 * (from {@code ocatopic-testing/src/main/c/fake_nvml.c}), simulating 8 devices: the C peer gets
 * {@code FAKE_NVML_DEVICES=8} in its environment, this JVM calls the double's {@code fakeNvmlReset("8")} hook
 * before {@code nvmlInit_v2}. The double is found through the system property {@code ocatopic.nvml.library},
 * else at {@code native-bindings/target/test-lib/libnvidia-ml.so.1} relative to the repository root (where
 * {@code run.sh} starts); when absent the benchmark builds it with the native-bindings build
 * ({@code mvn -B -q -pl native-bindings generate-test-resources}, whose antrun step compiles the double with
 * gcc). With {@code -Docatopic.nvml.library=/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1} on a GPU machine the
 * same program measures the real library (the reset hook is then skipped and the real devices are used).
 *
 * <p>Run: {@code benchmarks/run.sh NvmlBenchmark [seconds-per-getter] [sampler-seconds]} (defaults 2 and 10).
 */
public final class NvmlBenchmark {
    private static final String DOUBLE = "native-bindings/target/test-lib/libnvidia-ml.so.1";
    private static final int DEVICES = 8;

    private NvmlBenchmark() {
    }

    /** The double's test hook that selects its simulated devices. */
    interface FakeHooks extends Library {
        /** @param spec device list or count, as FAKE_NVML_DEVICES */
        void fakeNvmlReset(String spec);
    }

    /**
     * Runs both measurements and prints the tables.
     *
     * @param args seconds per getter (default 2), sampler seconds (default 10)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        double samplerSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 10.0;
        Path lib = locateLibrary();
        boolean isDouble = lib.endsWith(Path.of("test-lib/libnvidia-ml.so.1"));
        Map<String, Double> c = runC(CPeer.compile("nvml_getters.c", "-ldl"), lib, seconds);
        if (isDouble) {
            Native.load(lib.toString(), FakeHooks.class).fakeNvmlReset(Integer.toString(DEVICES));
        }
        Map<String, ToLongFunction<NvmlDevice>> getters = new LinkedHashMap<>();
        getters.put("memory", NvmlDevice::memoryUsedBytes);
        getters.put("utilization", d -> d.gpuUtilization().orElse(-1));
        getters.put("temperature", NvmlDevice::temperatureCelsius);
        getters.put("power", NvmlDevice::powerMilliwatts);
        // the JNA fallback first, in a session of its own, so the default session's call sites are measured
        // as an application sees them
        System.setProperty(Nvml.JNI_PROPERTY, "false");
        Map<String, Double> jna;
        try (Nvml fallback = Nvml.open(lib.toString())) {
            jna = measure(fallback, getters, seconds);
        } finally {
            System.clearProperty(Nvml.JNI_PROPERTY);
        }
        try (Nvml nvml = Nvml.open(lib.toString())) {
            Map<String, Double> j = measure(nvml, getters, seconds);
            System.out.printf("NvmlBenchmark: hot getters, round robin over %d devices of %s, %.1f s each; "
                    + "default binding: %s%n", nvml.deviceCount(), isDouble ? "the NVML test double" : lib, seconds,
                    nvml.getterBinding());
            System.out.printf("| %-12s | %14s | %14s | %9s | %8s | %14s | %9s |%n", "getter", "C calls/s",
                    "ocatopic /s", "vs C", "ns/call", "JNA direct /s", "vs C");
            System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(14), "-".repeat(16), "-".repeat(16),
                    "-".repeat(11), "-".repeat(10), "-".repeat(16), "-".repeat(11));
            double worst = Double.MAX_VALUE;
            for (String g : getters.keySet()) {
                double ratio = j.get(g) / c.get(g);
                worst = Math.min(worst, ratio);
                System.out.printf("| %-12s | %,14.0f | %,14.0f | %8.3fx | %8.1f | %,14.0f | %8.3fx |%n", g, c.get(g),
                        j.get(g), ratio, 1e9 / j.get(g), jna.get(g), jna.get(g) / c.get(g));
            }
            System.out.printf("goal >= 0.30x of C for getters (%s): %s (worst %.3fx)%n", nvml.getterBinding(),
                    worst >= 0.3 ? "met" : "NOT met", worst);
            sampler(nvml, samplerSeconds);
        }
    }

    private static Map<String, Double> measure(Nvml nvml, Map<String, ToLongFunction<NvmlDevice>> getters,
                                               double seconds) {
        NvmlDevice[] dev = nvml.devices().toArray(new NvmlDevice[0]);
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Map.Entry<String, ToLongFunction<NvmlDevice>> e : getters.entrySet()) {
            rate(dev, e.getValue(), Math.max(0.5, seconds / 2)); // warm-up: JIT
            rates.put(e.getKey(), rate(dev, e.getValue(), seconds));
        }
        return rates;
    }

    private static double rate(NvmlDevice[] dev, ToLongFunction<NvmlDevice> getter, double seconds) {
        int n = dev.length;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        long sink = 0;
        long t0 = System.nanoTime();
        long now;
        do {
            for (int k = 0; k < 1024; k++) {
                sink += getter.applyAsLong(dev[(int) ((calls + k) % n)]);
            }
            calls += 1024;
            now = System.nanoTime();
        } while (now < deadline);
        if (sink == 42) {
            System.out.print("");
        }
        return calls / ((now - t0) / 1e9);
    }

    private static void sampler(Nvml nvml, double seconds) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sleepMs = (long) (seconds * 1000);
        // the same process doing nothing for as long: JIT, GC and JMX background
        long idle0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        Thread.sleep(sleepMs);
        double idleShare = (os.getProcessCpuTime() - idle0) / (double) (System.nanoTime() - w0);
        try (TelemetrySampler s = TelemetrySampler.start(nvml, Duration.ofMillis(1))) {
            Thread.sleep(500); // settle: JIT of sampleOnce
            Thread samplerThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("nvml-telemetry")).findFirst().orElseThrow();
            long p0 = os.getProcessCpuTime();
            long t0 = threads.getThreadCpuTime(samplerThread.getId());
            long n0 = s.samples();
            long wall0 = System.nanoTime();
            Thread.sleep(sleepMs);
            long wall = System.nanoTime() - wall0;
            long n = s.samples() - n0;
            double process = (os.getProcessCpuTime() - p0) / (double) wall;
            double thread = (threads.getThreadCpuTime(samplerThread.getId()) - t0) / (double) wall;
            System.out.printf("%nTelemetrySampler: period 1 ms, %d devices x 4 getters per sample, %.0f s%n",
                    s.deviceCount(), wall / 1e9);
            System.out.printf("| %-40s | %14s |%n", "measure", "value");
            System.out.printf("|%s|%s|%n", "-".repeat(42), "-".repeat(16));
            System.out.printf("| %-40s | %,14.0f |%n", "samples per second (target 1,000)", n / (wall / 1e9));
            System.out.printf("| %-40s | %,14.0f |%n", "NVML calls per second", n * 4.0 * s.deviceCount() / (wall / 1e9));
            System.out.printf("| %-40s | %13.2f%% |%n", "sampler thread CPU, % of one core", 100 * thread);
            System.out.printf("| %-40s | %13.2f%% |%n", "process CPU, % of one core", 100 * process);
            System.out.printf("| %-40s | %13.2f%% |%n", "same process idle, % of one core", 100 * idleShare);
            System.out.printf("| %-40s | %14s |%n", "last error", s.lastError());
            System.out.printf("goal < 5%% of a core (process CPU): %s%n", process < 0.05 ? "met" : "NOT met");
        }
    }

    private static Map<String, Double> runC(Path exe, Path lib, double seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), lib.toString(), Double.toString(seconds))
                .redirectErrorStream(true);
        pb.environment().put("FAKE_NVML_DEVICES", Integer.toString(DEVICES));
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("C peer failed: " + out);
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            rates.put(f[0], Long.parseLong(f[1]) / (Long.parseLong(f[2]) / 1e9));
        }
        return rates;
    }

    private static Path locateLibrary() throws IOException, InterruptedException {
        String prop = System.getProperty(Nvml.LIBRARY_PROPERTY);
        if (prop != null) {
            return Path.of(prop).toAbsolutePath();
        }
        Path lib = Path.of(DOUBLE).toAbsolutePath();
        if (!Files.exists(lib)) {
            Process p = new ProcessBuilder("mvn", "-B", "-q", "-pl", "native-bindings", "generate-test-resources")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !Files.exists(lib)) {
                throw new IllegalStateException("building the NVML test double failed (run from the repository root):\n"
                        + out);
            }
        }
        return lib;
    }
}
