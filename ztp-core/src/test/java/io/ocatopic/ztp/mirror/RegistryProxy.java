package io.ocatopic.ztp.mirror;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP reverse proxy in front of a {@link LocalRegistry} (which runs with relative URLs):
 * counts the request body bytes of blob uploads per digest, and can flip one byte in the GET response
 * of one blob.
 */
final class RegistryProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private final Map<String, AtomicLong> uploadBytesBySession = new ConcurrentHashMap<>();
    private final Map<String, Long> uploadedBytesByDigest = new ConcurrentHashMap<>();
    private final AtomicLong uploadBytes = new AtomicLong();
    private volatile String corruptDigest;

    RegistryProxy(String upstreamHost) throws IOException {
        this.upstream = "http://" + upstreamHost;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Flip one byte in the middle of every GET response for this blob. */
    void corrupt(String digest) {
        corruptDigest = digest;
    }

    /** @return request body bytes of PATCH/PUT blob uploads since the last reset */
    long uploadBytes() {
        return uploadBytes.get();
    }

    /** @return bytes of each committed upload by digest since the last reset */
    Map<String, Long> uploadsByDigest() {
        return Map.copyOf(uploadedBytesByDigest);
    }

    void reset() {
        uploadBytes.set(0);
        uploadBytesBySession.clear();
        uploadedBytesByDigest.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            URI target = URI.create(upstream + ex.getRequestURI().toString());
            String path = ex.getRequestURI().getPath();
            boolean upload = path.contains("/blobs/uploads/") && (method.equals("PUT") || method.equals("PATCH"));
            String session = upload ? path.substring(path.lastIndexOf('/') + 1) : null;
            long length = ex.getRequestHeaders().getFirst("Content-Length") == null ? -1
                    : Long.parseLong(ex.getRequestHeaders().getFirst("Content-Length"));
            InputStream body = ex.getRequestBody();
            if (upload) {
                AtomicLong sessionBytes = uploadBytesBySession.computeIfAbsent(session, k -> new AtomicLong());
                body = new java.io.FilterInputStream(body) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            uploadBytes.addAndGet(n);
                            sessionBytes.addAndGet(n);
                        }
                        return n;
                    }
                };
            }
            InputStream finalBody = body;
            HttpRequest.BodyPublisher pub = length == 0 || (length < 0 && !"chunked".equalsIgnoreCase(
                    ex.getRequestHeaders().getFirst("Transfer-Encoding")))
                    ? HttpRequest.BodyPublishers.noBody()
                    : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> finalBody), length)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> finalBody);
            HttpRequest.Builder rb = HttpRequest.newBuilder(target).method(method, pub);
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase())) {
                    for (String v : h.getValue()) {
                        rb.header(h.getKey(), v);
                    }
                }
            }
            HttpResponse<InputStream> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (upload && method.equals("PUT") && r.statusCode() == 201) {
                String q = ex.getRequestURI().getQuery();
                String digest = q == null ? "?" : q.replaceAll(".*digest=([^&]*).*", "$1").replace("%3A", ":");
                uploadedBytesByDigest.merge(digest, uploadBytesBySession.get(session).get(), Long::sum);
            }
            r.headers().map().forEach((k, v) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            long respLength = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            boolean noBody = method.equals("HEAD") || r.statusCode() == 204 || r.statusCode() == 304;
            if (noBody) {
                r.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
                ex.sendResponseHeaders(r.statusCode(), -1);
                r.body().close();
                return;
            }
            ex.sendResponseHeaders(r.statusCode(), respLength == 0 ? -1 : Math.max(respLength, 0));
            boolean flip = method.equals("GET") && corruptDigest != null && path.endsWith("/blobs/" + corruptDigest)
                    && r.statusCode() == 200;
            try (InputStream in = r.body(); OutputStream out = ex.getResponseBody()) {
                byte[] buf = new byte[64 * 1024];
                long pos = 0;
                long flipAt = respLength > 0 ? respLength / 2 : 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (flip && flipAt >= pos && flipAt < pos + n) {
                        buf[(int) (flipAt - pos)] ^= 0x01;
                    }
                    pos += n;
                    out.write(buf, 0, n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        } catch (IOException e) {
            try {
                ex.sendResponseHeaders(502, -1);
            } catch (IOException ignored) {
                // headers already sent
            }
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
