package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.ztp.ImportCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Automatic reconnection against a hub that is down, then up, then flapping. */
class ReconnectLoopTest {
    // one import = 5 hub calls (Namespace, ManagedCluster, KlusterletAddonConfig, auto-import Secret, delete import)
    static final String IMPORT = "UUUUU";

    @Test
    void oneCompletedImportPerRecoveryAndTheHubHoldsTheCurrentEndpoint() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            AtomicInteger moves = new AtomicInteger();
            String script = ""
                    + "DDD" + "U" + IMPORT          // recovery 1: down three probes, then up: one import
                    + "UU"                           // steady
                    + "DD" + "M" + "UU" + "D"        // recovery 2: spoke moved meanwhile; hub drops mid-import
                    + "D" + "U" + IMPORT             // still recovery 2 after the drop was seen: one import
                    + "U"                            // steady
                    + "D" + "U" + "UUD"              // recovery 3: drop mid-import not seen by a probe...
                    + "U" + IMPORT                   // ...the retry completes it: one import
                    + "UU";
            FlappingHub hub = new FlappingHub(ClusterApi.of(api.applier()), script, moves::incrementAndGet);
            List<Duration> sleeps = new ArrayList<>();
            List<ProgressEvent> events = new ArrayList<>();
            ReconnectLoop loop = ReconnectLoop.builder(hub, "ship-1",
                            () -> ImportCredentials.token(url(moves.get()), io.ocatopic.kube.Secret.of("tok-" + moves.get())))
                    .labels(Map.of("site", "ship"))
                    .backoff(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(20), 2.0))
                    .steadyInterval(Duration.ofMinutes(1)).sleeper(sleeps::add).listener(events::add).build();
            ReconnectLoop.Result r = loop.run(hub::done);

            assertEquals(3, r.completedImports(), events.toString());
            assertEquals(3, hub.completedImports.get());
            assertEquals(2, r.failedImports());
            assertEquals(0, hub.incompleteSecretWrites.get());
            assertEquals(1, hub.maxInFlight.get());
            assertEquals(3, events.stream().filter(e -> (e.kind() == ProgressEvent.Kind.DONE && e.step().equals(WorkflowEvents.IMPORT))).count());
            assertEquals(r.failedProbes(), events.stream().filter(e -> (e.kind() == ProgressEvent.Kind.WAITING && e.step().equals(WorkflowEvents.PROBE))).count());
            // backoff grows and is capped while the hub is down
            assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)), sleeps.subList(0, 3));
            // the hub ends holding the spoke's current endpoint
            ManagedCluster mc = api.client().resources(ManagedCluster.class).withName("ship-1").get();
            assertEquals(url(1), mc.getSpec().managedClusterClientConfigs().get(0).url());
            assertEquals("ship", mc.getMetadata().getLabels().get("site"));
            Secret s = api.client().secrets().inNamespace("ship-1").withName("auto-import-secret").get();
            assertEquals(url(1), s.getStringData().get("server"));
            assertEquals("tok-1", s.getStringData().get("token"));
        }
    }

    @Test
    void hubThatStaysDownNeverImports() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FlappingHub hub = new FlappingHub(ClusterApi.of(api.applier()), "DDDDDDDDDD", () -> { });
            List<Duration> sleeps = new ArrayList<>();
            ReconnectLoop.Result r = ReconnectLoop.builder(hub, "ship-1",
                    () -> ImportCredentials.token(url(0), io.ocatopic.kube.Secret.of("t"))).sleeper(sleeps::add).build()
                    .run(hub::done);
            assertEquals(0, r.completedImports());
            assertEquals(10, r.failedProbes());
            assertEquals(Backoff.DEFAULT.max(), sleeps.get(9));
            assertEquals(null, api.client().resources(ManagedCluster.class).withName("ship-1").get());
        }
    }

    @Test
    void importsSharingAReimporterNeverOverlap() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FlappingHub hub = new FlappingHub(ClusterApi.of(api.applier()), "", () -> { });
            Reimporter shared = new Reimporter();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        shared.importCluster(hub, "store-1", Map.of(),
                                ImportCredentials.token(url(id), io.ocatopic.kube.Secret.of("t" + id)));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(20, hub.completedImports.get());
            assertEquals(1, hub.maxInFlight.get());
            assertTrue(hub.incompleteSecretWrites.get() == 0);
        }
    }

    static String url(int move) {
        return "https://api.ship-1.port-" + move + ".example.net:6443";
    }
}
