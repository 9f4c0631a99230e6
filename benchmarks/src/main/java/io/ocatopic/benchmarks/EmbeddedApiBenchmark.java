package io.ocatopic.benchmarks;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ocatopic.testing.EmbeddedApi;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The embedded API against the store a user would otherwise take, fabric8's {@code KubernetesMockServer} in CRUD
 * mode: the same objects stored (one {@code Lease} per namespace, as a fleet's spokes hold), then the
 * klusterlet's renewal (a GET and an UPDATE of one lease) from 4 threads, and the requests/s of each. The
 * embedded API also schema-checks every write against the bundled CRDs; fabric8's mock checks nothing, so the
 * comparison leans towards the peer.
 *
 * <pre>{@code
 * benchmarks/run.sh EmbeddedApiBenchmark 10000 4000
 * }</pre>
 */
public final class EmbeddedApiBenchmark {
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private EmbeddedApiBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args objects stored (default 10000), renewals timed (default 4000)
     * @throws Exception when a call fails
     */
    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
        int renewals = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        System.out.printf("EmbeddedApiBenchmark: %d leases stored, %d renewals (GET + UPDATE) from 4 threads, %d cores%n",
                objects, renewals, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-44s %12s %12s %12s%n", "store", "fill s", "renewals/s", "requests/s");
        double[] ours;
        try (EmbeddedApi api = EmbeddedApi.start()) {
            ours = run("ocatopic EmbeddedApi (indexed, schema-checked)", api.client(), objects, renewals);
        }
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        double[] peer;
        try (KubernetesClient client = server.createClient()) {
            peer = run("fabric8 KubernetesMockServer (CRUD mode)", client, objects, renewals);
        } finally {
            server.destroy();
        }
        System.out.printf(Locale.ROOT, "ratio ours : fabric8 (renewals/s) %.1fx; fill time fabric8 : ours %.1fx%n",
                ours[1] / peer[1], peer[0] / ours[0]);
        java.lang.ref.Reference.reachabilityFence(MOCK_LOG);
    }

    /** Fills, then times the renewals; returns {fill seconds, renewals/s}. */
    private static double[] run(String name, KubernetesClient client, int objects, int renewals) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long f0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t;
                fs.add(pool.submit(() -> {
                    for (int i = from; i < objects; i += 4) {
                        client.resources(Lease.class).inNamespace("spoke-" + i).resource(lease(i)).create();
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double fill = (System.nanoTime() - f0) / 1e9;
            // warm-up, untimed
            renew(client, pool, objects, Math.min(500, renewals));
            long r0 = System.nanoTime();
            renew(client, pool, objects, renewals);
            double secs = (System.nanoTime() - r0) / 1e9;
            double rate = renewals / secs;
            System.out.printf(Locale.ROOT, "%-44s %12.1f %12.0f %12.0f%n", name, fill, rate, 2 * rate);
            return new double[] {fill, rate};
        } finally {
            pool.shutdownNow();
        }
    }

    private static void renew(KubernetesClient client, ExecutorService pool, int objects, int count) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                for (int k = 0; k < count / 4; k++) {
                    // each thread its own quarter of the leases, as each spoke renews only its own
                    int i = ThreadLocalRandom.current().nextInt(objects / 4) * 4 + thread;
                    Lease l = client.resources(Lease.class).inNamespace("spoke-" + i).withName("managed-cluster-lease").get();
                    l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                    client.resources(Lease.class).inNamespace("spoke-" + i).resource(l).update();
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
    }

    private static Lease lease(int i) {
        return new LeaseBuilder().withNewMetadata().withName("managed-cluster-lease").withNamespace("spoke-" + i)
                .endMetadata().withNewSpec().withLeaseDurationSeconds(60).withHolderIdentity("spoke-" + i)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build();
    }
}
