package io.ocatopic.benchmarks;

import io.ocatopic.scale.Fleet;
import io.ocatopic.scale.FleetConfig;
import io.ocatopic.scale.FleetReport;
import io.ocatopic.testing.EmbeddedApi;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated spokes per core: {@code steady} at growing fleet sizes against the embedded API (lease 60 s,
 * the upstream default), reporting for each size the late renewals, the SLO verdict, and the CPU the
 * simulator's own threads used ({@code ocatopic-fleet}; the embedded API's threads are counted apart), so
 * spokes per core = spokes / (simulator CPU seconds / wall seconds). The largest size with every lease on
 * time and every SLO met is the figure. Also the must-show run: 2,000 spokes, 2 minutes.
 *
 * <pre>{@code
 * benchmarks/run.sh FleetBenchmark 120 2000 5000 10000
 * }</pre>
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args steady seconds (default 120), then fleet sizes (default 2000 5000 10000)
     */
    public static void main(String[] args) {
        java.util.logging.Logger mockLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        mockLog.setLevel(java.util.logging.Level.WARNING);
        int steady = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(2000, 5000, 10000);
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.printf("%8s %9s %8s %6s %6s %9s %9s %10s %8s%n", "spokes", "renewals", "late", "failed", "SLO",
                "req/s", "simCPU%", "spokes/core", "held");
        int largest = 0;
        for (int n : sizes) {
            try (EmbeddedApi api = EmbeddedApi.start()) {
                FleetConfig c = FleetConfig.builder().runId("bench" + n).spokes(n).steady(Duration.ofSeconds(steady))
                        .sloWarmup(Duration.ofSeconds(Math.min(60, steady / 2))).workers(Integer.getInteger("ocatopic.bench.workers", 4)).build();
                Fleet fleet = Fleet.of(api.client(), c);
                java.util.Map<Long, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
                java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                // sample the pool's threads while they live; the pool ends with the run
                Thread sampler = new Thread(() -> {
                    while (!done.get()) {
                        fleetCpu(tm, seen);
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                FleetReport r = fleet.run("embedded API", List.of(Fleet.Scenario.STEADY));
                long wall = System.nanoTime() - t0;
                done.set(true);
                long cpu = seen.values().stream().mapToLong(Long::longValue).sum();
                double cores = cpu / (double) wall;
                boolean held = r.leases().late() == 0 && r.leases().failed() == 0 && r.sloPassed();
                if (held) {
                    largest = Math.max(largest, n);
                }
                System.out.printf("%8d %9d %8d %6d %6s %9.1f %8.1f%% %10.0f %8s%n", n, r.leases().renewals(),
                        r.leases().late(), r.leases().failed(), r.sloPassed() ? "pass" : "FAIL", r.requestsPerSecond(),
                        cores * 100, cores > 0 ? n / cores : 0, held ? "yes" : "no");
                System.out.print(r.summary());
            }
        }
        System.out.println("largest fleet with every lease on time and every SLO met: " + largest);
        java.lang.ref.Reference.reachabilityFence(mockLog);
    }

    /** CPU time of the threads still alive named ocatopic-fleet (the pool lives for the whole run). */
    private static void fleetCpu(ThreadMXBean tm, java.util.Map<Long, Long> seen) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ocatopic-fleet")) {
                long v = tm.getThreadCpuTime(t.getId());
                if (v > 0) {
                    seen.merge(t.getId(), v, Math::max);
                }
            }
        }
    }
}
