package io.ocatopic.benchmarks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.scale.Fleet;
import io.ocatopic.scale.FleetConfig;
import io.ocatopic.scale.FleetReport;
import io.ocatopic.testing.EmbeddedApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated spokes per core: {@code steady} at growing fleet sizes, the simulator in a JVM of its own pinned to one
 * core ({@code taskset -c 0}) and the hub, the embedded API, in another JVM pinned to the other core
 * ({@code taskset -c 1}), so that neither takes the other's CPU and the simulator's figure is its whole process:
 * the fleet's timers, the HTTP client, JSON, JIT and GC. For each size it reports the late and failed lease
 * renewals, the SLO verdict, the request rate, and the CPU both processes used during {@code steady}. The largest
 * size with every lease on time (none over 1 s behind its schedule), none failed and every SLO met is the figure:
 * one core sustained it. The last two columns are each process's longest garbage-collection pause (ms), the usual
 * cause of a late renewal.
 *
 * <pre>{@code
 * benchmarks/run.sh FleetBenchmark 120 10000 20000 40000
 * }</pre>
 *
 * <p>On a machine without {@code taskset} or with one core, both processes run unpinned and the output says so.
 */
public final class FleetBenchmark {
    private static final String RESULT = "RESULT ";

    private FleetBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args steady seconds (default 120), then fleet sizes (default 10000 20000 40000); or, inside the child
     *             processes, {@code serve} or {@code simulate URL SPOKES STEADY}
     * @throws Exception when a child process cannot be started
     */
    public static void main(String[] args) throws Exception {
        quietMockServer();
        watchGc();
        if (args.length > 0 && args[0].equals("serve")) {
            serve();
            return;
        }
        if (args.length > 0 && args[0].equals("simulate")) {
            simulate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int steady = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10000, 20000, 40000);
        }
        boolean pinned = Runtime.getRuntime().availableProcessors() >= 2 && Files.isExecutable(Path.of("/usr/bin/taskset"));
        System.out.println("FleetBenchmark: steady " + steady + " s, lease 60 s, " + (pinned
                ? "simulator pinned to CPU 0, embedded API pinned to CPU 1 (taskset), one JVM each"
                : "NOT pinned (no taskset or one core): simulator and embedded API share the machine"));
        System.out.printf("%8s %9s %8s %6s %6s %9s %11s %11s %12s %6s %8s %8s%n", "spokes", "renewals", "late", "failed",
                "SLO", "req/s", "sim CPU", "API CPU", "max lag ms", "held", "sim GC", "API GC");
        int largest = 0;
        List<String> summaries = new ArrayList<>();
        for (int n : sizes) {
            Process server = child(pinned ? "1" : null, "serve");
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String[] row = {null};
            try {
                String url = out.readLine();
                if (url == null || !url.startsWith("http")) {
                    throw new IllegalStateException("the embedded API did not start: " + url);
                }
                Process sim = child(pinned ? "0" : null, "simulate", url, String.valueOf(n), String.valueOf(steady));
                long[] apiCpu = new long[2];
                String[] result = {null};
                StringBuilder summary = new StringBuilder();
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            if (line.equals("STEADY")) {
                                apiCpu[0] = cpuTicks(server.pid());
                            } else if (line.startsWith(RESULT)) {
                                apiCpu[1] = cpuTicks(server.pid());
                                result[0] = line.substring(RESULT.length());
                            } else {
                                summary.append(line).append('\n');
                            }
                        }
                    } catch (IOException e) {
                        summary.append("reading the simulator failed: ").append(e.getMessage()).append('\n');
                    }
                });
                reader.start();
                int rc = sim.waitFor();
                reader.join();
                if (result[0] == null) {
                    System.out.printf("%8d  the simulator exited %d without a result%n%s", n, rc, summary);
                    continue;
                }
                // spokes renewals late failed slo reqPerSec simCpuNanos steadyNanos maxLagMs
                String[] f = result[0].split(" ");
                long late = Long.parseLong(f[2]);
                long failed = Long.parseLong(f[3]);
                boolean slo = f[4].equals("pass");
                double simCores = Long.parseLong(f[6]) / (double) Long.parseLong(f[7]);
                double apiCores = (apiCpu[1] - apiCpu[0]) * 1e9 / 100.0 / Long.parseLong(f[7]);
                boolean held = late == 0 && failed == 0 && slo;
                if (held) {
                    largest = Math.max(largest, n);
                }
                row[0] = String.format(Locale.ROOT, "%8d %9s %8d %6d %6s %9s %10.1f%% %10.1f%% %12s %6s %8s", n, f[1],
                        late, failed, slo ? "pass" : "FAIL", f[5], simCores * 100, apiCores * 100, f[8], held ? "yes" : "no",
                        f[9]);
                summaries.add(summary.toString());
            } finally {
                server.getOutputStream().close();
                String gc = null;
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("GCMAX ")) {
                        gc = line.substring(6);
                    }
                }
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
                if (row[0] != null) {
                    System.out.println(row[0] + " " + String.format("%8s", gc == null ? "?" : gc));
                }
            }
        }
        System.out.println("largest fleet with every lease on time and every SLO met"
                + (pinned ? " on one core: " : ": ") + largest);
        for (String s : summaries) {
            System.out.print(s);
        }
    }

    /** A child JVM on this class path, pinned to one CPU where {@code cpu} is given. */
    private static Process child(String cpu, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (cpu != null) {
            cmd.addAll(List.of("/usr/bin/taskset", "-c", cpu));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g"));
        if (args[0].equals("serve")) {
            // the stand-in hub: a JVM on one CPU picks the serial collector, whose full collections of a heap of
            // 60,000 spokes' objects stop it for 1.6-2.1 s and make renewals late; a real hub is no such JVM
            cmd.addAll(List.of("-Xms4g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=100"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        String workers = System.getProperty("ocatopic.bench.workers");
        if (workers != null) {
            cmd.add("-Docatopic.bench.workers=" + workers);
        }
        cmd.add(FleetBenchmark.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The hub: an embedded API until standard input closes; prints its URL first. */
    private static void serve() throws IOException {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            System.out.println(api.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our standard input
            }
        }
        System.out.println("GCMAX " + GC_MAX_MS.get());
        System.out.flush();
    }

    private static final AtomicLong GC_MAX_MS = new AtomicLong();

    /** Keeps the longest garbage-collection pause of this JVM, in ms. */
    private static void watchGc() {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter em) {
                em.addNotificationListener((n, h) -> {
                    if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                        GC_MAX_MS.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                    }
                }, null, null);
            }
        }
    }

    /** The fleet: join, then steady; prints STEADY when steady starts, then the summary and one RESULT line. */
    private static void simulate(String url, int n, int steady) {
        Config cfg = new ConfigBuilder(Config.empty()).withMasterUrl(url).withHttp2Disable(true).withNamespace("default")
                .build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong steadyCpu = new AtomicLong();
        AtomicLong steadyStart = new AtomicLong();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(cfg).build()) {
            FleetConfig c = FleetConfig.builder().runId("bench" + n).spokes(n).steady(Duration.ofSeconds(steady))
                    .sloWarmup(Duration.ofSeconds(Math.min(60, steady / 2)))
                    .workers(Integer.getInteger("ocatopic.bench.workers", 4)).build();
            Fleet fleet = Fleet.of(client, c).withListener(e -> {
                if (e.kind() == ProgressEvent.Kind.STARTED && e.step().equals("steady")) {
                    steadyCpu.set(os.getProcessCpuTime());
                    steadyStart.set(System.nanoTime());
                    System.out.println("STEADY");
                    System.out.flush();
                }
            });
            FleetReport r = fleet.run("embedded API in another process (" + url + ")", List.of(Fleet.Scenario.STEADY));
            long cpu = os.getProcessCpuTime() - steadyCpu.get();
            long wall = System.nanoTime() - steadyStart.get();
            System.out.print(r.summary());
            System.out.println(RESULT + n + " " + r.leases().renewals() + " " + r.leases().late() + " "
                    + r.leases().failed() + " " + (r.sloPassed() ? "pass" : "FAIL") + " "
                    + String.format(Locale.ROOT, "%.1f", r.requestsPerSecond()) + " " + cpu + " " + wall + " "
                    + Math.round(r.leases().maxLagMs()) + " " + GC_MAX_MS.get());
            System.out.flush();
        }
    }

    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static void quietMockServer() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }
}
