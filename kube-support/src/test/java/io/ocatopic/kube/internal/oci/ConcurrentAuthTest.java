package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication under concurrency, against an in-process fake registry that holds the first
 * {@value #THREADS} unauthenticated requests until all have arrived, so that every one of them is refused
 * with a 401 before any has authenticated: the race a parallel mirror runs into on its first requests.
 */
class ConcurrentAuthTest {
    private static final int THREADS = 8;
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "robot:pa55".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private final ExecutorService serverPool = Executors.newCachedThreadPool();
    private final CountDownLatch allRefused = new CountDownLatch(THREADS);
    private final AtomicInteger tokensIssued = new AtomicInteger();
    /** token -> the repository it grants. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean bearer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(serverPool);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverPool.shutdownNow();
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange ex) throws IOException {
        String q = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        if (!BASIC.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        String repo = q.replaceAll(".*scope=repository:([^:]+):.*", "$1");
        String token = "tok-" + tokensIssued.incrementAndGet();
        tokens.put(token, repo);
        byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private void registry(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String repo = ex.getRequestURI().getPath().replaceAll("^/v2/(.+)/manifests/.*$", "$1");
        boolean ok = bearer ? auth != null && auth.startsWith("Bearer ") && repo.equals(tokens.get(auth.substring(7)))
                : BASIC.equals(auth);
        if (!ok) {
            if (auth == null) {
                allRefused.countDown();
                try {
                    allRefused.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.getResponseHeaders().add("WWW-Authenticate", bearer
                    ? "Bearer realm=\"http://" + host() + "/token\",service=\"fake\",scope=\"repository:" + repo + ":pull\""
                    : "Basic realm=\"fake\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
        ex.getResponseHeaders().add("Content-Type", Manifest.OCI_MANIFEST);
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    /** Runs one HEAD per thread at once; returns the failures' messages. */
    private List<String> headAtOnce(RegistryClient c, boolean sameRepository) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String repo = sameRepository ? "org/app" : "org/app" + i % 3;
                futures.add(pool.submit(() -> {
                    try {
                        return c.headManifest(repo, "1").orElseThrow();
                    } catch (RegistryException e) {
                        return "FAILED " + e.getMessage();
                    }
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : futures) {
                String r = f.get(20, TimeUnit.SECONDS);
                if (!r.equals(DIGEST)) {
                    failures.add(r);
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void basicAuthRaceOfParallelFirstRequestsAllSucceed() {
        List<String> failures = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> headAtOnce(
                RegistryClient.create(host(), RegistryClient.Options.insecurePlainHttp()
                        .withCredentials(RegistryCredentials.of("robot", "pa55"))), true));
        assertEquals(List.of(), failures);
        assertEquals(0, allRefused.getCount(), "all first requests were refused at once");
    }

    @Test
    void bearerAuthRaceOfParallelFirstRequestsFetchesOneTokenPerScope() {
        bearer = true;
        List<String> failures = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> headAtOnce(
                RegistryClient.create(host(), RegistryClient.Options.insecurePlainHttp()
                        .withCredentials(RegistryCredentials.of("robot", "pa55"))), false));
        assertEquals(List.of(), failures);
        assertEquals(3, tokensIssued.get(), "one token per repository scope, however many requests were refused");
    }

    @Test
    void secretsStayOutOfMessagesAndToString() throws Exception {
        RegistryClient c = RegistryClient.create(host(), RegistryClient.Options.insecurePlainHttp()
                .withCredentials(RegistryCredentials.of("robot", "WRONG-pa55")));
        List<String> failures = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> headAtOnce(c, true));
        assertEquals(THREADS, failures.size());
        for (String f : failures) {
            assertTrue(f.contains("credentials refused"), f);
            assertFalse(f.contains("WRONG-pa55") || f.contains(BASIC.substring(6)), f);
        }
        assertFalse(c.options().toString().contains("WRONG-pa55"), c.options().toString());
    }
}
