package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.scale.Fleet;
import io.ocatopic.scale.FleetCleanup;
import io.ocatopic.scale.FleetConfig;
import io.ocatopic.scale.FleetReport;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.KubeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic scale fleet}: N simulated klusterlets against a hub (embedded by default), the scenarios
 * join/steady/rollout/churn, judged against the Kubernetes API call latency SLOs; JSON + HTML report.
 * Exit 0 when every SLO held, every lease was on time and every spoke converged; 1 when not; 2 bad
 * input; 3 when the API cannot be reached (preflight, within seconds) or the cleanup could not be verified.
 */
@Command(name = "fleet",
        mixinStandardHelpOptions = true,
        description = "Simulated fleet: klusterlet leases, ManagedCluster and ManifestWork status, KMM module"
                + " rollout; judged against the SIG Scalability API latency SLOs; JSON + HTML report; cleanup"
                + " verified by listing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocatopic scale fleet --spokes 2000 --scenarios join,steady --steady 120",
            "  ocatopic scale fleet --spokes 500 --scenarios rollout --nodes 3",
            "  ocatopic scale fleet --scenarios ramp --ramp-start 500 --ramp-max 8000 --ramp-steady 120",
            "  ocatopic scale fleet --kubeconfig hub.kubeconfig --spokes 100 --scenarios join,steady --steady 300",
            "  ocatopic scale fleet --spokes 50 --scenarios join -o json --out-dir /tmp/fleet"
        })
public final class ScaleFleetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--spokes", defaultValue = "100", description = "Simulated managed clusters (default: ${DEFAULT-VALUE}).")
    int spokes;

    @Option(names = "--scenarios", split = ",", defaultValue = "join,steady",
            description = "join, steady, rollout, churn, ramp (grow the fleet until an SLO breaks), comma separated (default: ${DEFAULT-VALUE}).")
    List<Fleet.Scenario> scenarios;

    @Option(names = "--steady", defaultValue = "120", paramLabel = "SECONDS", description = "steady duration (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(names = "--lease-seconds", defaultValue = "60", description = "ManagedCluster leaseDurationSeconds (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--status-sync", defaultValue = "60", paramLabel = "SECONDS",
            description = "ManagedCluster status resync (default: ${DEFAULT-VALUE}).")
    int statusSync;

    @Option(names = "--work-status-sync", defaultValue = "10", paramLabel = "SECONDS",
            description = "ManifestWork status sync (default: ${DEFAULT-VALUE}, the work agent's).")
    double workStatusSync;

    @Option(names = "--nodes", defaultValue = "1", description = "Simulated nodes per spoke (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--module-load-delay", defaultValue = "5", paramLabel = "SECONDS",
            description = "Time a node takes to load the module, 1x to 2x (default: ${DEFAULT-VALUE}).")
    double moduleLoadDelay;

    @Option(names = "--join-batch", defaultValue = "500", description = "Spokes per join batch (default: ${DEFAULT-VALUE}).")
    int joinBatch;

    @Option(names = "--churn-fraction", defaultValue = "0.1", description = "Share of spokes that go offline (default: ${DEFAULT-VALUE}).")
    double churnFraction;

    @Option(names = "--workers", defaultValue = "8", description = "Threads for all spokes (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--slo-warmup", defaultValue = "60", paramLabel = "SECONDS",
            description = "Start of the run the SLO verdict leaves out (default: ${DEFAULT-VALUE}).")
    int sloWarmup;

    @Option(names = "--simulate-hub", arity = "1", paramLabel = "true|false",
            description = "Play the hub controllers (accept, lease expiry, KMM hub); default: true on the embedded API, false on a real hub.")
    Optional<Boolean> simulateHub;

    @Option(names = "--ramp-start", defaultValue = "500", description = "ramp: the fleet's size in the first round (default: ${DEFAULT-VALUE}).")
    int rampStart;

    @Option(names = "--ramp-factor", defaultValue = "2", description = "ramp: each round's size is the last times this (default: ${DEFAULT-VALUE}).")
    double rampFactor;

    @Option(names = "--ramp-step", defaultValue = "0", description = "ramp: spokes added on top of the factor each round (default: ${DEFAULT-VALUE}).")
    int rampStep;

    @Option(names = "--ramp-max", defaultValue = "10000", description = "ramp: the largest fleet tried (default: ${DEFAULT-VALUE}).")
    int rampMax;

    @Option(names = "--ramp-steady", defaultValue = "90", paramLabel = "SECONDS",
            description = "ramp: how long each size is held before it is judged (default: ${DEFAULT-VALUE}).")
    long rampSteady;

    @Option(names = "--shard", defaultValue = "0", description = "This process's shard (default: ${DEFAULT-VALUE}).")
    int shard;

    @Option(names = "--shards", defaultValue = "1", description = "Processes sharing the fleet (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--run-id", description = "Run id labelling every object (default: random).")
    Optional<String> runId;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    @Option(names = {"--cluster", "--in-cluster"},
            description = "Drive the current cluster (KUBECONFIG, ~/.kube/config, or in a pod its service account, as"
                    + " FleetJob's pods do) instead of an embedded API; --kubeconfig or --context imply it.")
    boolean inCluster;

    @Option(names = {"--out-dir", "--out"}, paramLabel = "DIR",
            description = "Where to write fleet-report.json/html (default: scale-reports/<run id>); --out is its older name.")
    Optional<Path> outDir;

    @Option(names = "--keep", description = "Leave the objects in place (remove them later with 'scale cleanup --run-id').")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean real = ScaleRunOptions.real(cluster, inCluster);
        FleetConfig config = FleetConfig.builder().runId(runId.orElse(io.ocatopic.scale.ScaleConfig.newRunId()))
                .spokes(spokes).nodesPerSpoke(nodes).leaseDurationSeconds(leaseSeconds)
                .clusterStatusSync(Duration.ofSeconds(statusSync)).workStatusSync(Duration.ofMillis((long) (workStatusSync * 1000))).joinBatch(joinBatch)
                .steady(Duration.ofSeconds(steadySeconds)).moduleLoadDelay(Duration.ofMillis((long) (moduleLoadDelay * 1000)))
                .churnFraction(churnFraction).workers(workers).sloWarmup(Duration.ofSeconds(sloWarmup))
                .simulateHub(simulateHub.orElse(!real)).shard(shard, shards)
                .rampStart(rampStart).rampFactor(rampFactor).rampStep(rampStep).rampMax(rampMax)
                .rampSteady(Duration.ofSeconds(rampSteady)).build(); // IllegalArgumentException: exit 2
        java.util.logging.Logger mockLog = ScaleRun.quietMockServer();
        EmbeddedApi embedded = null;
        KubernetesClient client;
        if (real) {
            client = cluster.connect(); // preflight: unreachable is exit 3 in seconds, one line
        } else {
            embedded = EmbeddedApi.start();
            client = embedded.client();
        }
        try {
            String reached = Fleet.preflight(client, Duration.ofSeconds(8));
            String target = embedded != null ? "embedded API " + client.getMasterUrl()
                    + " (fabric8 mock with the bundled CRDs; not a hub: no figure here is a hub figure)"
                    : "hub " + reached;
            err.println("target: " + target);
            err.flush();
            return run(out, err, client, target, config);
        } finally {
            ScaleRun.close(embedded, client, mockLog);
        }
    }

    private int run(PrintWriter out, PrintWriter err, KubernetesClient client, String target, FleetConfig config)
            throws IOException {
        boolean quiet = Ocatopic.quiet(spec);
        Fleet fleet = Fleet.of(client, config).withListener(e -> {
            if (quiet && e.kind() != io.ocatopic.kube.ProgressEvent.Kind.WAITING) {
                return;   // -q: no progress; retries still show
            }
            String counts = e.total() > 0 ? e.done() + "/" + e.total() + " " + e.subject() : e.message();
            err.println("fleet: " + e.step() + ": " + counts + (e.kind() == io.ocatopic.kube.ProgressEvent.Kind.FAILED
                    ? " (failed)" : ""));
            err.flush();
        });
        Thread hook = new Thread(() -> {
            fleet.cancel();
            try {
                fleet.awaitFinished(Duration.ofSeconds(30));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            if (!keep) {
                err.println("fleet: interrupted; cleanup: " + FleetCleanup.run(client, config.runId(),
                        Duration.ofSeconds(30)).describe());
            } else {
                err.println("fleet: interrupted; objects labelled scale.ocatopic.io/run=" + config.runId() + " kept");
            }
            err.flush();
        }, "ocatopic-fleet-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        FleetReport report;
        try {
            report = fleet.run(target, config.shards() > 1 ? scenariosForShard() : scenarios);
            if (!keep) {
                report = Fleet.withCleanup(report, FleetCleanup.run(client, config.runId(), Duration.ofSeconds(60)));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it waits for this run
            }
        }
        Path dir = outDir.orElse(Path.of("scale-reports", config.runId()));
        try {
            Path html = report.writeTo(dir);
            err.println("report: " + html.toAbsolutePath());
            err.println("report: " + dir.resolve("fleet-report.json").toAbsolutePath());
        } catch (IOException e) {
            throw new IOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
        final FleetReport r = report;
        output.print(out, report, () -> out.print(r.summary()));
        err.flush();
        if (report.cleanup() != null && !report.cleanup().reached()) {
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "the cleanup could not be verified: "
                    + report.cleanup().describe() + "; run 'ocatopic scale cleanup --run-id " + config.runId() + "'", null);
        }
        boolean converged = report.scenarios().stream().allMatch(s -> s.done() == s.spokes());
        boolean ok = report.sloPassed() && report.leases().late() == 0 && converged && !report.interrupted()
                && (report.cleanup() == null || report.cleanup().clean());
        return ok ? 0 : 1;
    }

    private List<Fleet.Scenario> scenariosForShard() {
        return scenarios; // every shard runs the same scenarios over its part of the fleet
    }
}
