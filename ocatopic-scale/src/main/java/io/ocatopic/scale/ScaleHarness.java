package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.scale.internal.EventWatch;
import io.ocatopic.scale.internal.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a Kubernetes API with the objects of N simulated spokes: create, update and delete phases
 * with a fixed number of spokes in flight, a watch that times each write to its event, and a cleanup
 * by label at the end (also after {@link #cancel()} or an interrupt of the running thread).
 *
 * <p>Writes go through the SDK's one apply path ({@link Applier#auto}): server-side apply on a real
 * API server, create-or-update on the embedded API. So the figures are what ocatopic itself achieves.
 *
 * <pre>{@code
 * try (EmbeddedApi api = EmbeddedApi.start()) {
 *     ScaleConfig config = ScaleConfig.builder().spokes(500).concurrency(4).build();
 *     ScaleReport report = ScaleHarness.of(api.client(), ScaleSources.acm(), config).run();
 *     report.writeTo(Path.of("target/scale"));
 * }
 * }</pre>
 */
public final class ScaleHarness {
    private final KubernetesClient client;
    private final Applier applier;
    private final SpokeSource source;
    private final ScaleConfig config;
    private final ProgressEvent.Listener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    private ScaleHarness(KubernetesClient client, SpokeSource source, ScaleConfig config, ProgressEvent.Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.applier = Applier.auto(client);
        this.source = Objects.requireNonNull(source, "source");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A harness for one run.
     *
     * @param client the API to drive
     * @param source the objects of each spoke
     * @param config what to do
     * @return the harness; call {@link #run()} once
     */
    public static ScaleHarness of(KubernetesClient client, SpokeSource source, ScaleConfig config) {
        return new ScaleHarness(client, source, config, ProgressEvent.Listener.NONE);
    }

    /**
     * The same harness reporting progress to a listener.
     *
     * @param l the listener
     * @return a new harness
     */
    public ScaleHarness withListener(ProgressEvent.Listener l) {
        return new ScaleHarness(client, source, config, l);
    }

    /**
     * The configuration this harness runs.
     *
     * @return the configuration
     */
    public ScaleConfig config() {
        return config;
    }

    /** Asks a running {@link #run()} to stop after the writes in flight; it then cleans up and returns. */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Waits for {@link #run()} to return (cleanup included).
     *
     * @param timeout the longest wait
     * @return whether it returned in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the phases, then cleans up by label when the configuration says so. An interrupt of the
     * calling thread or {@link #cancel()} ends the current phase early; the report says so.
     *
     * @return the figures
     * @throws KubeException when the watch cannot be opened (for example a type is not installed)
     */
    public ScaleReport run() {
        long runStart = System.nanoTime();
        Instant startedAt = Instant.now();
        List<PhaseReport> reports = new ArrayList<>();
        boolean interrupted = false;
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), daemonThreads());
        ScaleCleanup.Result cleanup = new ScaleCleanup.Result(0, -1);
        String cleanupError = "";
        try (EventWatch watch = openWatch()) {
            for (Phase phase : config.phases()) {
                if (cancelled.get() || Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                PhaseReport r = runPhase(phase, pool, watch, runStart);
                reports.add(r);
                listener.on(ProgressEvent.of(r.interrupted() ? ProgressEvent.Kind.FAILED : ProgressEvent.Kind.DONE,
                        step(phase), "spokes", r.objects() + " objects, " + r.errors() + " errors"));
                if (r.interrupted()) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
            boolean wasInterrupted = Thread.interrupted();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                wasInterrupted = true;
            }
            try {
                if (config.cleanup()) {
                    cleanup = ScaleCleanup.of(client, source.kinds()).deleteRun(config.runId());
                }
            } catch (RuntimeException e) {
                cleanupError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                if (wasInterrupted) {
                    Thread.currentThread().interrupt();
                }
                finished.countDown();
            }
        }
        return new ScaleReport(config.runId(), source.name(), source.origin(), client.getMasterUrl().toString(),
                startedAt.toString(), config.spokes(), config.concurrency(), config.payloadBytes(), reports,
                interrupted || cancelled.get(), config.cleanup(), cleanup.deleted(), cleanup.remaining(),
                cleanupError);
    }

    /** The progress step of a phase: its name in lower case ({@code create}, {@code update}, {@code delete}). */
    private static String step(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    private EventWatch openWatch() {
        try {
            return new EventWatch(client, config.runId(), source.kinds());
        } catch (KubernetesClientException e) {
            throw new KubeException(e.getCode() == 404 ? KubeException.Reason.UNKNOWN_TYPE
                    : KubeException.Reason.UNREACHABLE, e.getCode(),
                    "cannot watch the kinds of source " + source.name() + ": " + e.getMessage(), e);
        }
    }

    private PhaseReport runPhase(Phase phase, ExecutorService pool, EventWatch watch, long runStart) {
        Recorder rec = new Recorder();
        watch.recordInto(rec);
        int n = config.spokes();
        listener.on(ProgressEvent.of(ProgressEvent.Kind.STARTED, step(phase), "spokes", n + " spokes"));
        String generation = phase == Phase.CREATE ? "0" : "1";
        String payload = payload(config.payloadBytes(), phase.ordinal());
        AtomicLong expected = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        boolean interrupted = false;
        long start = System.nanoTime();
        if (phase != Phase.DELETE) {
            writeAll(phase, source.fleetObjects(config.runId()), "fleet", generation, payload, rec, watch, expected);
        }
        List<Future<?>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int spoke = i;
            futures.add(pool.submit(() -> {
                if (cancelled.get()) {
                    return;
                }
                List<HasMetadata> objects = new ArrayList<>(source.spokeObjects(config.runId(), spoke));
                if (phase == Phase.DELETE) {
                    Collections.reverse(objects);
                }
                if (writeAll(phase, objects, String.valueOf(spoke), generation, payload, rec, watch, expected)) {
                    listener.on(ProgressEvent.advanced(step(phase), "spokes", done.incrementAndGet(), n));
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                cancelled.set(true);
                interrupted = true;
                futures.forEach(x -> x.cancel(true));
                break;
            } catch (ExecutionException e) {
                rec.error("spoke task failed: " + e.getCause());
            }
        }
        if (phase == Phase.DELETE && !interrupted && !cancelled.get()) {
            List<HasMetadata> fleet = new ArrayList<>(source.fleetObjects(config.runId()));
            Collections.reverse(fleet);
            writeAll(phase, fleet, "fleet", generation, payload, rec, watch, expected);
        }
        long end = System.nanoTime();
        interrupted |= cancelled.get();
        if (!interrupted) {
            try {
                watch.settle(config.settleTimeout());
            } catch (InterruptedException e) {
                cancelled.set(true);
                interrupted = true;
                Thread.currentThread().interrupt();
            }
        }
        return rec.report(phase, done.get(), runStart, start, end, expected.get(), interrupted);
    }

    /**
     * Writes (or deletes) the objects of one spoke or of the fleet.
     *
     * @return whether every object was attempted (false when cancelled part way)
     */
    private boolean writeAll(Phase phase, List<HasMetadata> objects, String spoke, String generation,
                             String payload, Recorder rec, EventWatch watch, AtomicLong expected) {
        for (HasMetadata o : objects) {
            if (cancelled.get() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            decorate(o, spoke, generation, payload);
            String key = phase == Phase.DELETE ? EventWatch.deleteKey(o) : EventWatch.writeKey(o, generation);
            long sent = System.nanoTime();
            watch.expect(key, sent);
            try {
                if (phase == Phase.DELETE) {
                    if (!applier.delete(o)) {
                        watch.forget(key);
                        rec.error(EventWatch.id(o) + ": already absent");
                        continue;
                    }
                } else {
                    applier.apply(o);
                }
                long now = System.nanoTime();
                rec.write(now, now - sent);
                expected.incrementAndGet();
            } catch (RuntimeException e) {
                watch.forget(key);
                if (cancelled.get() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                rec.error(EventWatch.id(o) + ": " + e.getMessage());
            }
        }
        return true;
    }

    private void decorate(HasMetadata o, String spoke, String generation, String payload) {
        ObjectMeta m = o.getMetadata();
        LinkedHashMap<String, String> labels = new LinkedHashMap<>(m.getLabels() == null ? java.util.Map.of() : m.getLabels());
        labels.put(ScaleLabels.RUN, config.runId());
        labels.put(ScaleLabels.SPOKE, spoke);
        labels.put(ScaleLabels.MANAGED_BY, ScaleLabels.MANAGED_BY_VALUE);
        m.setLabels(labels);
        LinkedHashMap<String, String> ann = new LinkedHashMap<>(m.getAnnotations() == null ? java.util.Map.of() : m.getAnnotations());
        ann.put(ScaleLabels.GENERATION, generation);
        if (!payload.isEmpty()) {
            ann.put(ScaleLabels.PAYLOAD, payload);
        }
        m.setAnnotations(ann);
    }

    static String payload(int bytes, int seed) {
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
        Random r = new Random(seed * 7919L + bytes);
        char[] c = new char[bytes];
        for (int i = 0; i < bytes; i++) {
            c[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return new String(c);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ocatopic-scale-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
