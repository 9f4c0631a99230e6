package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.scale.Phase;
import io.ocatopic.scale.PhaseReport;
import io.ocatopic.scale.ScaleCleanup;
import io.ocatopic.scale.ScaleConfig;
import io.ocatopic.scale.ScaleHarness;
import io.ocatopic.scale.ScaleReport;
import io.ocatopic.scale.SpokeSource;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.KubeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/** What {@code scale acm} and {@code scale kmm} do: connect, run the harness with a progress display, report. */
final class ScaleRun {
    /** Exit code of a run that was interrupted (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private ScaleRun() {
    }

    /**
     * Sets the embedded mock server's logger to WARNING. java.util.logging keeps loggers weakly: the caller
     * holds the returned logger (and fences it) so the level survives garbage collection; otherwise every
     * request is logged at INFO.
     *
     * @return the logger to keep reachable for the run
     */
    static java.util.logging.Logger quietMockServer() {
        java.util.logging.Logger mockLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        mockLog.setLevel(java.util.logging.Level.WARNING);
        return mockLog;
    }

    /**
     * Ends a run: stops the embedded API (which closes its client) or closes the client of the real one, and
     * keeps the mock server's logger reachable until then.
     *
     * @param embedded the embedded API, or null when the run used a kubeconfig
     * @param client   the run's client
     * @param mockLog  the logger {@link #quietMockServer()} returned
     */
    static void close(EmbeddedApi embedded, KubernetesClient client, java.util.logging.Logger mockLog) {
        if (embedded != null) {
            embedded.close();
        } else if (client != null) {
            client.close();
        }
        java.lang.ref.Reference.reachabilityFence(mockLog);
    }

    static int execute(CommandLine.Model.CommandSpec spec, ScaleRunOptions o, ClusterOptions cluster,
                       OutputOption output, SpokeSource source) throws IOException {
        ScaleConfig config = ScaleConfig.builder().runId(o.runId.orElse(ScaleConfig.newRunId())).spokes(o.spokes)
                .concurrency(o.concurrency).payloadBytes(o.objectSize).phases(o.phases)
                .settleTimeout(Duration.ofSeconds(o.settleTimeout)).cleanup(!o.keep).build(); // IllegalArgumentException: exit 2
        java.util.logging.Logger mockLog = quietMockServer();
        EmbeddedApi embedded = null;
        KubernetesClient client;
        if (ScaleRunOptions.real(cluster, o.cluster)) {
            client = cluster.connect(); // preflight: unreachable is exit 3 in seconds, one line
        } else {
            embedded = EmbeddedApi.start();
            client = embedded.client();
        }
        try {
            return run(spec, output, client, embedded == null ? "cluster" : "embedded API", source, config,
                    o.outDir.orElse(Path.of("scale-reports", config.runId())));
        } finally {
            ScaleRun.close(embedded, client, mockLog);
        }
    }

    private static int run(CommandLine.Model.CommandSpec spec, OutputOption output, KubernetesClient client, String kind,
                           SpokeSource source, ScaleConfig config, Path dir) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("scale %s: run %s, %d spokes, concurrency %d, %d extra bytes/object, %s at %s%n", source.name(),
                config.runId(), config.spokes(), config.concurrency(), config.payloadBytes(), kind,
                client.getMasterUrl());
        err.printf("objects from: %s%n", source.origin());
        err.flush();
        AtomicReference<Progress> bar = new AtomicReference<>();
        ProgressEvent.Listener listener = e -> {
            switch (e.kind()) {
                case STARTED -> bar.set(Progress.start(spec, e.step() + " spokes", (int) Math.max(0, e.total())));
                case ADVANCED -> {
                    Progress p = bar.get();
                    if (p != null) {
                        p.update((int) e.done());
                    }
                }
                case DONE, FAILED -> {
                    Progress p = bar.get();
                    if (p != null) {
                        p.finish();
                    }
                }
                default -> { }
            }
        };
        ScaleHarness harness = ScaleHarness.of(client, source, config).withListener(listener);
        Thread hook = new Thread(() -> {
            // SIGINT/SIGTERM: stop writing, let run() clean up by label; clean up here if it cannot
            harness.cancel();
            try {
                if (!harness.awaitFinished(Duration.ofSeconds(60)) && config.cleanup()) {
                    ScaleCleanup.of(client, source.kinds()).deleteRun(config.runId());
                }
            } catch (InterruptedException | RuntimeException e) {
                err.println("scale: cleanup on exit failed: " + e.getMessage()
                        + "; run 'ocatopic scale cleanup --run-id " + config.runId() + "'");
            }
            err.println("scale: interrupted; objects labelled " + "scale.ocatopic.io/run=" + config.runId()
                    + (config.cleanup() ? " cleaned up" : " kept"));
            err.flush();
        }, "ocatopic-scale-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        ScaleReport report;
        try {
            report = harness.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this run to finish
            }
        }
        ScaleReport.Written files;
        try {
            files = report.writeTo(dir);
        } catch (IOException e) {
            throw new IOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
        PrintWriter where = output.text() ? out : err;
        final ScaleReport r = report;
        output.print(out, report, () -> out.print(r.summary()));
        where.println("report: " + files.json().toAbsolutePath());
        where.println("report: " + files.html().toAbsolutePath());
        if (report.cleanup()) {
            where.printf("cleanup: %d deleted, %d remaining%s%n", report.cleanedUp(), report.remaining(),
                    report.cleanupError().isEmpty() ? "" : " (" + report.cleanupError() + ")");
        } else {
            where.println("kept: remove with 'ocatopic scale cleanup --run-id " + report.runId() + "'");
        }
        where.flush();
        long errors = report.phases().stream().mapToLong(PhaseReport::errors).sum();
        for (PhaseReport p : report.phases()) {
            p.errorSamples().forEach(s -> err.println("scale: " + p.phase().name().toLowerCase(java.util.Locale.ROOT)
                    + " error: " + s));
        }
        err.flush();
        if (report.interrupted()) {
            return INTERRUPTED;
        }
        return errors == 0 && (!report.cleanup() || report.remaining() == 0) ? 0 : 1;
    }
}
