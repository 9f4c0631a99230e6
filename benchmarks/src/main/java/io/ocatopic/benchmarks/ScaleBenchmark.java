package io.ocatopic.benchmarks;

import io.ocatopic.scale.Phase;
import io.ocatopic.scale.PhaseReport;
import io.ocatopic.scale.ScaleConfig;
import io.ocatopic.scale.ScaleHarness;
import io.ocatopic.scale.ScaleReport;
import io.ocatopic.scale.ScaleSources;
import io.ocatopic.scale.SpokeSource;
import io.ocatopic.testing.EmbeddedApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ACM and KMM scale passes against the embedded API at concurrency 1, 4 and 16: objects per second
 * and p99 latencies per phase, each concurrency side by side with concurrency 1 as the ratio. Where the
 * ratio stops growing with concurrency, the API (not the harness) is the limit.
 *
 * <pre>{@code
 * benchmarks/run.sh ScaleBenchmark 1000
 * }</pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: the number of spokes (default 1000), then concurrencies (default 1 4 16)
     */
    public static void main(String[] args) {
        java.util.logging.Logger mockLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        mockLog.setLevel(java.util.logging.Level.WARNING);
        int spokes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Integer> levels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        if (levels.isEmpty()) {
            levels = List.of(1, 4, 16);
        }
        System.out.printf("ScaleBenchmark: %d spokes per pass, embedded API (fabric8 mock server, CRUD), %d cores, Java %s%n",
                spokes, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-4s %5s | %-7s %9s %7s %10s %10s | %6s%n", "src", "conc", "phase", "obj/s", "x c=" + levels.get(0),
                "write p99", "event p99", "errors");
        for (SpokeSource source : List.of(ScaleSources.acm(), ScaleSources.kmm())) {
            List<ScaleReport> reports = new ArrayList<>();
            for (int c : levels) {
                try (EmbeddedApi api = EmbeddedApi.start()) {
                    ScaleConfig config = ScaleConfig.builder().runId("bench-" + source.name() + "-c" + c)
                            .spokes(spokes).concurrency(c).settleTimeout(Duration.ofSeconds(60)).build();
                    ScaleReport r = ScaleHarness.of(api.client(), source, config).run();
                    reports.add(r);
                    for (PhaseReport p : r.phases()) {
                        double base = reports.get(0).phase(p.phase()).map(PhaseReport::objectsPerSecond).orElse(0.0);
                        System.out.printf(Locale.ROOT, "%-4s %5d | %-7s %9.1f %6.2fx %8.1fms %8.1fms | %6d%s%n",
                                source.name(), c, p.phase().name().toLowerCase(Locale.ROOT), p.objectsPerSecond(),
                                base == 0 ? 0 : p.objectsPerSecond() / base, p.write().p99Ms(), p.event().p99Ms(),
                                p.errors(), p.eventsObserved() == p.eventsExpected() ? ""
                                        : "  events " + p.eventsObserved() + "/" + p.eventsExpected());
                    }
                }
            }
            System.out.printf("%s objects per pass: create %d (source %s)%n", source.name(),
                    reports.get(0).phase(Phase.CREATE).map(PhaseReport::objects).orElse(0L), source.origin());
        }
        java.lang.ref.Reference.reachabilityFence(mockLog);
    }
}
