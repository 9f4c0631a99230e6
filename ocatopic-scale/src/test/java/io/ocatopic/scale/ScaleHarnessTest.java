package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScaleHarnessTest {
    @Test
    void kmmRunWritesFleetAndSpokeObjectsInEveryPhaseAndCleansUp() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            ScaleConfig c = ScaleConfig.builder().runId("kmmtest").spokes(12).concurrency(3).payloadBytes(100).build();
            AtomicInteger finished = new AtomicInteger();
            ScaleReport r = ScaleHarness.of(api.client(), ScaleSources.kmm(), c).withListener(e -> {
                if (e.kind() == ProgressEvent.Kind.DONE && e.subject().equals("spokes")) {
                    finished.incrementAndGet();
                }
            }).run();
            assertEquals(List.of(Phase.CREATE, Phase.UPDATE, Phase.DELETE),
                    r.phases().stream().map(PhaseReport::phase).toList());
            assertEquals(3, finished.get());
            for (PhaseReport p : r.phases()) {
                assertEquals(1 + 12 * 3, p.objects(), p.phase() + " " + p.errorSamples());
                assertEquals(0, p.errors(), p.errorSamples().toString());
                assertEquals(12, p.spokes());
                assertEquals(p.eventsExpected(), p.eventsObserved(), p.phase() + " events");
                assertEquals(p.objects(), p.write().count());
            }
            assertFalse(r.interrupted());
            assertEquals(0, r.remaining());
            assertEquals(0, ScaleCleanup.of(api.client(), ScaleSources.knownKinds()).count(Optional.of("kmmtest")));
        }
    }

    @Test
    void objectsCarryRunLabelGenerationAndPayloadAndUpdateChangesThem() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            ScaleConfig c = ScaleConfig.builder().runId("labels").spokes(3).concurrency(1).payloadBytes(1000)
                    .phases(List.of(Phase.CREATE)).cleanup(false).build();
            ScaleHarness.of(api.client(), ScaleSources.acm(), c).run();
            ManagedCluster mc = api.client().resources(ManagedCluster.class).withName("labels-00001").get();
            assertEquals("labels", mc.getMetadata().getLabels().get(ScaleLabels.RUN));
            assertEquals("1", mc.getMetadata().getLabels().get(ScaleLabels.SPOKE));
            assertEquals("0", mc.getMetadata().getAnnotations().get(ScaleLabels.GENERATION));
            String payload0 = mc.getMetadata().getAnnotations().get(ScaleLabels.PAYLOAD);
            assertEquals(1000, payload0.length());
            assertEquals(12, ScaleCleanup.of(api.client(), ScaleSources.knownKinds()).count(Optional.of("labels")));

            ScaleConfig u = ScaleConfig.builder().runId("labels").spokes(3).concurrency(2).payloadBytes(1000)
                    .phases(List.of(Phase.UPDATE)).cleanup(false).build();
            ScaleReport r = ScaleHarness.of(api.client(), ScaleSources.acm(), u).run();
            assertEquals(12, r.phases().get(0).eventsObserved(), "every update seen as a MODIFIED event");
            mc = api.client().resources(ManagedCluster.class).withName("labels-00001").get();
            assertEquals("1", mc.getMetadata().getAnnotations().get(ScaleLabels.GENERATION));
            assertTrue(!payload0.equals(mc.getMetadata().getAnnotations().get(ScaleLabels.PAYLOAD)));

            ScaleCleanup.Result res = ScaleCleanup.of(api.client(), ScaleSources.knownKinds()).deleteRun("labels");
            assertEquals(12, res.deleted());
            assertEquals(0, res.remaining());
        }
    }

    @Test
    void cancelMidCreateStopsAndLeavesOnlyLabelledObjectsThatCleanupRemoves() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            // another run's object must survive the cleanup of this one
            ScaleHarness.of(api.client(), ScaleSources.acm(), ScaleConfig.builder().runId("other").spokes(1)
                    .phases(List.of(Phase.CREATE)).cleanup(false).build()).run();
            ScaleConfig c = ScaleConfig.builder().runId("cancel").spokes(100_000).concurrency(2)
                    .cleanup(false).build();
            ScaleHarness h = ScaleHarness.of(api.client(), ScaleSources.acm(), c);
            CompletableFuture<ScaleReport> run = CompletableFuture.supplyAsync(h::run);
            ScaleCleanup cleanup = ScaleCleanup.of(api.client(), ScaleSources.knownKinds());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cleanup.count(Optional.of("cancel")) < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            h.cancel();
            ScaleReport r = run.get(60, TimeUnit.SECONDS);
            assertTrue(h.awaitFinished(Duration.ZERO));
            assertTrue(r.interrupted());
            assertEquals(1, r.phases().size());
            assertTrue(r.phases().get(0).interrupted());
            assertTrue(r.phases().get(0).spokes() < 100_000);
            long left = cleanup.count(Optional.of("cancel"));
            assertTrue(left >= 40, "objects of the cancelled run remain until cleanup: " + left);
            ScaleCleanup.Result res = cleanup.deleteRun("cancel");
            assertEquals(left, res.deleted());
            assertEquals(0, res.remaining());
            assertEquals(0, cleanup.count(Optional.of("cancel")));
            assertEquals(4, cleanup.count(Optional.of("other")));
            assertEquals(4, cleanup.deleteAll().deleted());
            assertEquals(0, cleanup.count(Optional.empty()));
        }
    }

    @Test
    void sourcesNameEveryObjectAfterTheRunAndEmitOnlyDeclaredKinds() {
        for (SpokeSource s : ScaleSources.all()) {
            List<HasMetadata> objs = s.spokeObjects("rabc", 3);
            assertFalse(objs.isEmpty());
            assertEquals("Namespace", objs.get(0).getKind(), s.name() + ": namespace first");
            for (HasMetadata o : objs) {
                assertTrue(s.kinds().contains(o.getClass()), s.name() + " emits undeclared " + o.getClass());
                String full = o.getMetadata().getName() + "/" + o.getMetadata().getNamespace();
                assertTrue(full.contains("rabc-00003"), full);
            }
        }
        assertEquals(List.of("6.1.0-56-amd64", "6.1.0-53-amd64"), ScaleSources.kernelsOf(1));
        assertEquals(List.of("6.1.0-54-amd64"), ScaleSources.kernelsOf(0));
    }

    @Test
    void configRejectsBadValuesNamingTheField() {
        for (var bad : List.<Runnable>of(
                () -> ScaleConfig.builder().runId("Bad_ID").build(),
                () -> ScaleConfig.builder().spokes(0).build(),
                () -> ScaleConfig.builder().concurrency(0).build(),
                () -> ScaleConfig.builder().payloadBytes(ScaleConfig.MAX_PAYLOAD + 1).build(),
                () -> ScaleConfig.builder().phases(List.of()).build())) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    bad::run);
            assertTrue(e.getMessage().matches("^(runId|spokes|concurrency|payloadBytes|phases): .*"), e.getMessage());
        }
        assertEquals(List.of(Phase.CREATE, Phase.DELETE),
                ScaleConfig.builder().phases(List.of(Phase.DELETE, Phase.CREATE)).build().phases());
    }
}
