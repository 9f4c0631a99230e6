package io.ocatopic.ztp.mirror;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-test HTTP proxy in front of a real {@link LocalRegistry} (relative URLs) that injects the faults a
 * mirror meets on real networks, per repository (by the first path component of the repository):
 * a blob body that stalls half way, a blob redirected to a host that accepts connections and never answers,
 * HTTP 500 on every blob (or on the first GET of each), a blob body cut short, a manifest digest header that
 * names another digest. Optionally it is also a bearer-token gateway (distribution docs/spec/auth/token.md):
 * it answers requests without a token granting the repository and action with a 401 Bearer challenge
 * (held a moment, so that parallel first requests all meet it) and serves the token endpoint
 * {@code /token}, which checks Basic credentials; the real registry behind it is anonymous.
 */
final class FaultProxy implements AutoCloseable {
    /** A fault, chosen by the repository's first path component. */
    enum Fault {
        /** Blob GET: headers and half the body, then nothing. */
        STALL,
        /** Blob GET: 307 to a host that accepts connections and never answers. */
        REDIRECT_DEAD,
        /** Blob GET: always HTTP 500. */
        ERROR_500,
        /** Blob GET: HTTP 500 the first time for each blob, then the blob. */
        FLAKY_500,
        /** Blob GET: the full Content-Length, half the body, then the connection closed. */
        SHORT_BODY,
        /** Manifest GET/HEAD: a Docker-Content-Digest header naming another digest. */
        WRONG_DIGEST
    }

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "date");
    private static final Pattern REPO = Pattern.compile("^/v2/(.+?)/(manifests|blobs|tags)/.*");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Set<String> flakyServed = ConcurrentHashMap.newKeySet();
    private final ServerSocket dead;
    private final List<Socket> deadConnections = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger challenges = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String basic;

    FaultProxy(String upstreamHost) throws IOException {
        this.upstream = "http://" + upstreamHost;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!dead.isClosed()) {
                try {
                    deadConnections.add(dead.accept());   // accepted, never read, never answered
                } catch (IOException e) {
                    return;
                }
            }
        }, "fault-proxy-dead-host");
        t.setDaemon(true);
        t.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String deadHost() {
        return "127.0.0.1:" + dead.getLocalPort();
    }

    /** Injects a fault into every repository whose first path component is {@code top}. */
    FaultProxy fault(String top, Fault f) {
        faults.put(top, f);
        return this;
    }

    /** Makes the proxy a bearer-token gateway accepting these Basic credentials at its token endpoint. */
    FaultProxy bearer(String user, String password) {
        basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    int challenges() {
        return challenges.get();
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (basic != null && path.equals("/token")) {
                token(ex);
                return;
            }
            String method = ex.getRequestMethod();
            Matcher m = REPO.matcher(path);
            String repo = m.matches() ? m.group(1) : null;
            if (basic != null && repo != null && !authorized(ex, repo, method)) {
                challenges.incrementAndGet();
                Thread.sleep(150);   // let parallel first requests all reach the challenge
                String actions = method.equals("GET") || method.equals("HEAD") ? "pull" : "pull,push";
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"fault-proxy\",scope=\"repository:" + repo + ":" + actions + "\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            Fault fault = repo == null ? null : faults.get(repo.split("/")[0]);
            boolean blobGet = method.equals("GET") && m.matches() && m.group(2).equals("blobs") && !path.contains("/uploads/");
            if (fault == Fault.REDIRECT_DEAD && blobGet) {
                ex.getResponseHeaders().add("Location", "http://" + deadHost() + "/cdn" + path);
                ex.sendResponseHeaders(307, -1);
                return;
            }
            if (fault == Fault.ERROR_500 && blobGet || fault == Fault.FLAKY_500 && blobGet && flakyServed.add(path)) {
                byte[] body = "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected\"}]}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(500, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            HttpResponse<byte[]> r = forward(ex, method);
            r.headers().map().forEach((k, v) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            if (fault == Fault.WRONG_DIGEST && m.matches() && m.group(2).equals("manifests")) {
                ex.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + "0".repeat(64));
            }
            byte[] body = r.body();
            if (method.equals("HEAD") || r.statusCode() == 204) {
                r.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
                ex.sendResponseHeaders(r.statusCode(), -1);
                return;
            }
            ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            OutputStream out = ex.getResponseBody();
            if (blobGet && r.statusCode() == 200 && (fault == Fault.STALL || fault == Fault.SHORT_BODY)) {
                out.write(body, 0, body.length / 2);
                out.flush();
                if (fault == Fault.STALL) {
                    Thread.sleep(Long.MAX_VALUE);
                }
                return;   // closing a fixed-length body early drops the connection
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            try {
                ex.close();
            } catch (RuntimeException ignored) {
                // the body was short on purpose
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, String method) throws IOException, InterruptedException {
        byte[] in = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
                .method(method, in.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(in));
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!HOP.contains(k.toLowerCase()) && !k.equalsIgnoreCase("authorization")) {
                v.forEach(value -> rb.header(k, value));
            }
        });
        return http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private boolean authorized(HttpExchange ex, String repo, String method) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        Set<String> granted = tokens.getOrDefault(auth.substring(7), Set.of());
        boolean pull = method.equals("GET") || method.equals("HEAD");
        if (!granted.contains(repo + ":" + (pull ? "pull" : "push"))) {
            return false;
        }
        String q = ex.getRequestURI().getRawQuery();
        if (q != null && q.contains("from=")) {
            String from = URLDecoder.decode(q.replaceAll(".*from=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            return granted.contains(from + ":pull");
        }
        return true;
    }

    private void token(HttpExchange ex) throws IOException {
        if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            return;
        }
        Set<String> granted = ConcurrentHashMap.newKeySet();
        String q = ex.getRequestURI().getRawQuery();
        for (String p : q == null ? new String[0] : q.split("&")) {
            String v = URLDecoder.decode(p, StandardCharsets.UTF_8);
            if (v.startsWith("scope=repository:")) {
                String s = v.substring("scope=repository:".length());
                int colon = s.lastIndexOf(':');
                for (String action : s.substring(colon + 1).split(",")) {
                    granted.add(s.substring(0, colon) + ":" + action);
                }
            }
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, granted);
        tokensIssued.incrementAndGet();
        byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            dead.close();
            for (Socket s : deadConnections) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
