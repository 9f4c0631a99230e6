package io.ocatopic.kube.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.internal.Mappers;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small OCI distribution API client for one registry, on {@code java.net.http}: manifests (get,
 * head, put), blobs (exists, streamed download with digest verification, monolithic and chunked
 * streamed upload, cross-repository mount), with anonymous, basic and bearer-token authentication.
 *
 * <p>Endpoints and status codes follow the OCI distribution spec (opencontainers/distribution-spec
 * spec.md: "Pulling manifests", "Pushing blobs" monolithic/chunked, "Mounting a blob from another
 * repository"); the token flow follows distribution docs/spec/auth/token.md (401 with
 * {@code WWW-Authenticate: Bearer realm,service,scope}, then a GET to the realm answering
 * {@code token}/{@code access_token} and {@code expires_in}). Credentials are sent only in
 * {@code Authorization} headers, never logged, and never follow a redirect to another host.
 *
 * <pre>{@code
 * RegistryClient registry = RegistryClient.create("127.0.0.1:5000", RegistryClient.Options.insecurePlainHttp());
 * Manifest m = registry.getManifest("org/app", "1.0");
 * try (InputStream in = registry.openBlob("org/app", m.blobs().get(0), n -> { })) {
 *     in.transferTo(out);  // throws if the bytes do not match the digest
 * }
 * }</pre>
 */
public final class RegistryClient implements ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = Mappers.json();
    private static final String ACCEPT = String.join(", ", Manifest.SUPPORTED);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private final String host;
    private final Options options;
    private final HttpClient http;
    private final URI base;
    /** Bearer tokens by scope (this client is one registry, so the key is the scope). */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** One lock per scope, so that concurrent 401s for a scope fetch one token, not one each. */
    private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();
    /** Whether the registry asked for Basic credentials: then every request carries them. */
    private volatile boolean basicRequested;

    /** A whole, small response (status, headers and body bytes). */
    private record Reply(int statusCode, HttpHeaders headers, byte[] body) {
    }

    private record Token(String value, Instant expires) {
        @Override
        public String toString() {
            return "Token[<redacted>, expires=" + expires + "]";
        }
    }

    /** What a request needs access to, as a token scope. */
    private record Scope(String repository, boolean push, String mountFrom) {
        String key() {
            return repository + (push ? ":push" : ":pull") + (mountFrom == null ? "" : "<" + mountFrom);
        }

        List<String> scopes() {
            List<String> out = new ArrayList<>();
            if (CATALOG.equals(repository)) {
                out.add("registry:catalog:*");
                return out;
            }
            out.add("repository:" + repository + (push ? ":pull,push" : ":pull"));
            if (mountFrom != null) {
                out.add("repository:" + mountFrom + ":pull");
            }
            return out;
        }
    }

    /**
     * How to reach one registry: TLS (verified by default, optionally against an extra CA bundle) or, only
     * when explicitly asked, plain HTTP; and optional credentials.
     *
     * @param plainHttp whether to talk plain HTTP (the insecure switch, meant for loopback tests)
     * @param caBundle a PEM file of CA certificates trusted in addition to the JDK's, if any
     * @param credentials explicit credentials, if any (otherwise anonymous)
     * @param deadlines the connect, read-idle and total deadlines of every request
     */
    public record Options(boolean plainHttp, Optional<Path> caBundle, Optional<RegistryCredentials> credentials,
                          Deadlines deadlines) {
        /**
         * Validates the parts.
         *
         * @param plainHttp plain HTTP switch
         * @param caBundle optional CA bundle
         * @param credentials optional credentials
         * @param deadlines the deadlines
         */
        public Options {
            Objects.requireNonNull(caBundle, "caBundle");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(deadlines, "deadlines");
            if (plainHttp && caBundle.isPresent()) {
                throw new IllegalArgumentException("a CA bundle makes no sense for a plain HTTP registry");
            }
        }

        /**
         * Options with the {@linkplain Deadlines#DEFAULT default deadlines}.
         *
         * @param plainHttp plain HTTP switch
         * @param caBundle optional CA bundle
         * @param credentials optional credentials
         */
        public Options(boolean plainHttp, Optional<Path> caBundle, Optional<RegistryCredentials> credentials) {
            this(plainHttp, caBundle, credentials, Deadlines.DEFAULT);
        }

        /**
         * @param d the deadlines
         * @return the same options with other deadlines
         */
        public Options withDeadlines(Deadlines d) {
            return new Options(plainHttp, caBundle, credentials, d);
        }

        /** @return HTTPS with certificate and host name verification against the JDK trust store; anonymous */
        public static Options tls() {
            return new Options(false, Optional.empty(), Optional.empty());
        }

        /** @return plain HTTP without TLS (loopback registries in tests); anonymous */
        public static Options insecurePlainHttp() {
            return new Options(true, Optional.empty(), Optional.empty());
        }

        /**
         * @param pem the PEM file
         * @return the same options trusting the CA certificates of a PEM bundle as well
         */
        public Options withCaBundle(Path pem) {
            return new Options(plainHttp, Optional.of(pem), credentials, deadlines);
        }

        /**
         * @param creds the credentials
         * @return the same options with explicit credentials
         */
        public Options withCredentials(RegistryCredentials creds) {
            return new Options(plainHttp, caBundle, Optional.of(creds), deadlines);
        }
    }

    /**
     * The deadlines of every request this client sends, redirects and token requests included, so that no
     * request waits forever: a connection must be made within {@code connect}; the answer's headers, and
     * each next piece of a body (both ways), must come within {@code idle}; the whole request, body
     * included, must finish within {@code total}. A deadline that passes fails the request with
     * {@link RegistryException.Kind#TIMEOUT}.
     *
     * @param connect the longest wait for a TCP (and TLS) connection
     * @param idle the longest wait for the answer, or for the next bytes of a body being read or sent
     * @param total the longest a request may take from start to the end of its body
     */
    public record Deadlines(Duration connect, Duration idle, Duration total) {
        /** Connect 10 s, read-idle 30 s, total 1 h (a multi-GiB layer over a slow link fits). */
        public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofHours(1));

        /**
         * Validates the parts.
         *
         * @param connect connect deadline
         * @param idle read-idle deadline
         * @param total total deadline
         */
        public Deadlines {
            for (Duration d : new Duration[] {connect, idle, total}) {
                Objects.requireNonNull(d, "deadline");
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("deadlines must be positive: " + d);
                }
            }
        }
    }

    private RegistryClient(String host, Options options, HttpClient http) {
        this.host = host;
        this.options = options;
        this.http = http;
        this.base = URI.create((options.plainHttp() ? "http://" : "https://") + host);
    }

    /**
     * Creates a client for one registry.
     *
     * @param host the registry host with optional port ({@code registry-1.docker.io} for Docker Hub)
     * @param options TLS and credentials
     * @return the client
     * @throws RegistryException when the CA bundle cannot be read
     * @throws IllegalArgumentException when the host is not {@code host[:port]}
     */
    public static RegistryClient create(String host, Options options) throws RegistryException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        ImageReference.requireRegistryHost("registry", host);
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.deadlines().connect());
        if (options.caBundle().isPresent()) {
            b.sslContext(sslContext(options.caBundle().get()));
        }
        return new RegistryClient(host, options, b.build());
    }

    /** @return the registry host this client talks to */
    public String host() {
        return host;
    }

    /** @return the options this client was made with */
    public Options options() {
        return options;
    }

    /**
     * Checks that the registry answers the API base endpoint ({@code GET /v2/}) with the credentials
     * given, doing the auth flow once.
     *
     * @param repository a repository to request pull access for (bearer registries scope tokens)
     * @throws RegistryException when it does not answer or refuses the credentials
     * @throws InterruptedException when interrupted
     */
    public void ping(String repository) throws RegistryException, InterruptedException {
        Reply r = sendBytes("GET", uri("/v2/"), new Scope(repository, false, null), Map.of(), null);
        check(r, "ping", 200);
    }

    /**
     * The digest a tag or digest reference currently points to, from a HEAD request.
     *
     * @param repository the repository
     * @param reference a tag or digest
     * @return the digest, or empty when the manifest does not exist
     * @throws RegistryException when the registry fails
     * @throws InterruptedException when interrupted
     */
    public Optional<String> headManifest(String repository, String reference)
            throws RegistryException, InterruptedException {
        Reply r = sendBytes("HEAD", manifestUri(repository, reference), new Scope(repository, false, null),
                Map.of("Accept", ACCEPT), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        check(r, "HEAD manifest " + repository + ":" + reference, 200);
        Optional<String> digest = r.headers().firstValue("Docker-Content-Digest");
        if (digest.isPresent() && digest.get().startsWith("sha256:")) {
            return digest;
        }
        return Optional.of(getManifest(repository, reference).digest());
    }

    /** The scope name of the registry's repository listing. */
    private static final String CATALOG = "_catalog";

    /**
     * Lists the registry's repositories ({@code GET /v2/_catalog}, every page).
     *
     * @return the repository names
     * @throws RegistryException when the registry fails or does not list ({@code UNSUPPORTED})
     * @throws InterruptedException when interrupted
     */
    public List<String> listRepositories() throws RegistryException, InterruptedException {
        return listPages("/v2/_catalog?n=1000", CATALOG, "repositories");
    }

    /**
     * Lists a repository's tags ({@code GET /v2/REPO/tags/list}, every page).
     *
     * @param repository the repository
     * @return the tags, empty for a repository without any
     * @throws RegistryException when the registry fails
     * @throws InterruptedException when interrupted
     */
    public List<String> listTags(String repository) throws RegistryException, InterruptedException {
        return listPages("/v2/" + repository + "/tags/list?n=1000", repository, "tags");
    }

    private List<String> listPages(String first, String scope, String field) throws RegistryException, InterruptedException {
        List<String> out = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null && page < 10_000; page++) {
            Reply r = sendBytes("GET", uri(next), new Scope(scope, false, null), Map.of("Accept", "application/json"), null);
            if (r.statusCode() == 404 && !CATALOG.equals(scope)) {
                return out;
            }
            if (r.statusCode() == 404 || r.statusCode() == 405) {
                throw new RegistryException(RegistryException.Kind.UNSUPPORTED, r.statusCode(),
                        host + " does not list its repositories (GET /v2/_catalog)");
            }
            check(r, "GET " + next, 200);
            try {
                JsonNode n = JSON.readTree(r.body()).path(field);
                n.forEach(x -> out.add(x.asText()));
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, 200, "GET " + next + " on " + host
                        + ": not a JSON listing");
            }
            next = r.headers().firstValue("Link").map(RegistryClient::nextLink).orElse(null);
        }
        return out;
    }

    /** The target of a {@code Link: </v2/...>; rel="next"} header, or null. */
    static String nextLink(String link) {
        int a = link.indexOf('<');
        int b = link.indexOf('>', a + 1);
        if (a < 0 || b < 0 || !link.contains("next")) {
            return null;
        }
        String t = link.substring(a + 1, b);
        if (t.startsWith("http://") || t.startsWith("https://")) {
            t = URI.create(t).getRawPath() + (URI.create(t).getRawQuery() == null ? "" : "?" + URI.create(t).getRawQuery());
        }
        return t.startsWith("/v2/") ? t : null;
    }

    /**
     * Fetches a manifest, checking its digest when the reference is a digest or the registry names one.
     *
     * @param repository the repository
     * @param reference a tag or digest
     * @return the manifest
     * @throws RegistryException when missing, unsupported or not matching its digest
     * @throws InterruptedException when interrupted
     */
    public Manifest getManifest(String repository, String reference) throws RegistryException, InterruptedException {
        Reply r = sendBytes("GET", manifestUri(repository, reference), new Scope(repository, false, null),
                Map.of("Accept", ACCEPT), null);
        check(r, "GET manifest " + repository + ":" + reference, 200);
        byte[] body = r.body();
        if (body.length > MAX_MANIFEST) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 200, "manifest larger than 4 MiB");
        }
        Manifest m = Manifest.of(r.headers().firstValue("Content-Type").orElse(""), body);
        if (reference.startsWith("sha256:") && !reference.equals(m.digest())) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 200,
                    "manifest " + repository + "@" + reference + " has digest " + m.digest());
        }
        Optional<String> named = r.headers().firstValue("Docker-Content-Digest");
        if (named.isPresent() && named.get().startsWith("sha256:") && !named.get().equals(m.digest())) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 200,
                    "manifest " + repository + ":" + reference + " has digest " + m.digest()
                            + " but the registry named " + named.get());
        }
        return m;
    }

    /**
     * Pushes a manifest under a tag or its digest. The registry refuses it when a referenced blob or
     * child manifest is missing ({@link RegistryException.Kind#MISSING_REFERENCE}).
     *
     * @param repository the repository
     * @param reference a tag, or the manifest's own digest
     * @param manifest the manifest
     * @throws RegistryException when refused
     * @throws InterruptedException when interrupted
     */
    public void putManifest(String repository, String reference, Manifest manifest)
            throws RegistryException, InterruptedException {
        byte[] bytes = manifest.bytes();
        Reply r = sendBytes("PUT", manifestUri(repository, reference), new Scope(repository, true, null),
                Map.of("Content-Type", manifest.mediaType()), () -> HttpRequest.BodyPublishers.ofByteArray(bytes));
        check(r, "PUT manifest " + repository + ":" + reference, 201);
        Optional<String> named = r.headers().firstValue("Docker-Content-Digest");
        if (named.isPresent() && !named.get().equals(manifest.digest())) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 201,
                    "registry stored manifest as " + named.get() + ", expected " + manifest.digest());
        }
    }

    /**
     * Whether the repository has a blob (HEAD).
     *
     * @param repository the repository
     * @param digest the blob digest
     * @return whether it exists there
     * @throws RegistryException when the registry fails
     * @throws InterruptedException when interrupted
     */
    public boolean blobExists(String repository, String digest) throws RegistryException, InterruptedException {
        Reply r = sendBytes("HEAD", blobUri(repository, digest), new Scope(repository, false, null),
                Map.of(), null);
        if (r.statusCode() == 404) {
            return false;
        }
        check(r, "HEAD blob " + repository + "@" + digest, 200);
        return true;
    }

    /**
     * Opens a blob for streaming. The stream checks size and digest as it is read and throws a
     * {@link RegistryException} of kind {@link RegistryException.Kind#DIGEST_MISMATCH} before the
     * last bytes of a wrong blob are returned. Redirects (CDNs) are followed without credentials.
     *
     * @param repository the repository
     * @param blob the blob's descriptor (digest and size)
     * @param progress receives the number of bytes of each read
     * @return the verifying stream; the caller closes it
     * @throws RegistryException when missing or refused
     * @throws InterruptedException when interrupted
     */
    public InputStream openBlob(String repository, Descriptor blob, LongConsumer progress)
            throws RegistryException, InterruptedException {
        URI target = blobUri(repository, blob.digest());
        Scope scope = new Scope(repository, false, null);
        for (int hops = 0; hops < 6; hops++) {
            boolean sameHost = target.getAuthority().equals(base.getAuthority());
            // credentials only to the registry itself; a redirect elsewhere (a CDN) gets none, same deadlines
            HttpResponse<InputStream> r = sameHost
                    ? send("GET", target, scope, Map.of(), null, true, null)
                    : exchange(HttpRequest.newBuilder(target).GET().build(), null);
            int status = r.statusCode();
            if (status == 200) {
                return new DigestingInputStream(r.body(), blob.digest(), blob.size(), progress);
            }
            Optional<String> location = r.headers().firstValue("Location");
            byte[] error = drain(r.body());
            if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && location.isPresent()) {
                target = target.resolve(location.get());
                continue;
            }
            throw failure(status, r.headers(), error, "GET blob " + repository + "@" + blob.digest());
        }
        throw new RegistryException(RegistryException.Kind.PROTOCOL, 0, "too many redirects for blob " + blob.digest());
    }

    /**
     * Mounts a blob from another repository of this registry without sending it.
     *
     * @param repository the destination repository
     * @param digest the blob digest
     * @param from the repository that has it
     * @return whether the registry mounted it (otherwise nothing was changed)
     * @throws RegistryException when the registry fails
     * @throws InterruptedException when interrupted
     */
    public boolean mountBlob(String repository, String digest, String from)
            throws RegistryException, InterruptedException {
        URI u = uri("/v2/" + repository + "/blobs/uploads/?mount=" + enc(digest) + "&from=" + enc(from));
        Reply r = sendBytes("POST", u, new Scope(repository, true, from), Map.of(),
                HttpRequest.BodyPublishers::noBody);
        if (r.statusCode() == 201) {
            return true;
        }
        check(r, "mount blob " + digest + " into " + repository, 202);
        r.headers().firstValue("Location").ifPresent(l -> cancelUpload(repository, u.resolve(l)));
        return false;
    }

    /**
     * Uploads a blob from a stream: one PUT when {@code chunkSize <= 0} or the blob is not larger,
     * otherwise PATCH chunks of {@code chunkSize} bytes and a closing PUT. The stream is read once,
     * never held whole in memory; an unfinished upload is cancelled.
     *
     * @param repository the destination repository
     * @param blob the blob's descriptor
     * @param data the content; closed by this method
     * @param chunkSize the chunk size, or 0 for a monolithic upload
     * @throws RegistryException when the upload fails or the content does not match (the registry
     *     also checks the digest before committing)
     * @throws InterruptedException when interrupted
     */
    public void pushBlob(String repository, Descriptor blob, InputStream data, long chunkSize)
            throws RegistryException, InterruptedException {
        Scope scope = new Scope(repository, true, null);
        URI start = uri("/v2/" + repository + "/blobs/uploads/");
        Reply init = sendBytes("POST", start, scope, Map.of(), HttpRequest.BodyPublishers::noBody);
        check(init, "start upload to " + repository, 202);
        URI location = start.resolve(init.headers().firstValue("Location").orElseThrow(() ->
                new RegistryException(RegistryException.Kind.PROTOCOL, 202, "upload started without a Location")));
        CapturingInputStream in = new CapturingInputStream(data);
        boolean done = false;
        try {
            long offset = 0;
            if (chunkSize > 0 && blob.size() > chunkSize) {
                while (offset < blob.size()) {
                    long len = Math.min(chunkSize, blob.size() - offset);
                    BoundedInputStream part = new BoundedInputStream(in, len);
                    Reply r = sendStream("PATCH", location, scope, Map.of(
                            "Content-Type", "application/octet-stream",
                            "Content-Range", offset + "-" + (offset + len - 1)), part, len, in);
                    check(r, "PATCH chunk of " + blob.digest() + " to " + repository, 202);
                    location = location.resolve(r.headers().firstValue("Location").orElse(location.toString()));
                    offset += len;
                }
                in.verifyEnd();
                Reply r = sendStream("PUT", withDigest(location, blob.digest()), scope,
                        Map.of("Content-Type", "application/octet-stream"), InputStream.nullInputStream(), 0, in);
                check(r, "finish upload of " + blob.digest() + " to " + repository, 201);
            } else {
                Reply r = sendStream("PUT", withDigest(location, blob.digest()), scope,
                        Map.of("Content-Type", "application/octet-stream"), in, blob.size(), in);
                check(r, "upload " + blob.digest() + " to " + repository, 201);
            }
            done = true;
        } finally {
            try {
                data.close();
            } catch (IOException ignored) {
                // nothing to do: the content was read or the upload failed anyway
            }
            if (!done) {
                cancelUpload(repository, location);
            }
        }
    }

    /**
     * Uploads a small blob held in memory (configs, test content).
     *
     * @param repository the destination repository
     * @param content the bytes
     * @return its descriptor (media type left empty)
     * @throws RegistryException when the upload fails
     * @throws InterruptedException when interrupted
     */
    public Descriptor pushBlob(String repository, byte[] content) throws RegistryException, InterruptedException {
        Descriptor d = new Descriptor("", DigestingInputStream.digestOf(content), content.length, Optional.empty());
        pushBlob(repository, d, new DigestingInputStream(new java.io.ByteArrayInputStream(content), d.digest(),
                d.size(), n -> { }), 0);
        return d;
    }

    // ---------------------------------------------------------------------------------------------

    private Reply sendStream(String method, URI u, Scope scope, Map<String, String> headers,
                             InputStream body, long length, CapturingInputStream source)
            throws RegistryException, InterruptedException {
        AtomicLong activity = new AtomicLong(System.nanoTime());
        try {
            HttpResponse<InputStream> r = send(method, u, scope, headers, () -> length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(new ChunkedStreamPublisher(body,
                            () -> activity.set(System.nanoTime())), length), false, activity);
            return read(r, method + " " + u.getPath());
        } catch (RegistryException e) {
            source.rethrowCaptured();
            throw e;
        }
    }

    private void cancelUpload(String repository, URI location) {
        try {
            Reply r = sendBytes("DELETE", location, new Scope(repository, true, null), Map.of(), null);
            LOG.debug("cancelled upload to {} on {}: {}", repository, host, r.statusCode());
        } catch (RegistryException e) {
            LOG.debug("could not cancel upload to {} on {}: {}", repository, host, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a replayable request and reads its whole (small) answer. */
    private Reply sendBytes(String method, URI u, Scope scope, Map<String, String> headers,
                            Supplier<HttpRequest.BodyPublisher> body) throws RegistryException, InterruptedException {
        return read(send(method, u, scope, headers, body, true, null), method + " " + u.getPath());
    }

    /** Reads a whole answer of at most {@code MAX_MANIFEST} (+1, so that a larger one is noticed) bytes. */
    private Reply read(HttpResponse<InputStream> r, String what) throws RegistryException {
        try (InputStream in = r.body()) {
            return new Reply(r.statusCode(), r.headers(), in.readNBytes(MAX_MANIFEST + 1));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.IO, what + " on " + host + ": reading the answer failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends a request with this registry's authorization, answering one 401 by (re)authenticating for the
     * request's scope and sending again (replayable requests only). The credentials or token are chosen per
     * request, so concurrent requests never depend on each other's authentication state.
     */
    private HttpResponse<InputStream> send(String method, URI u, Scope scope, Map<String, String> headers,
                                           Supplier<HttpRequest.BodyPublisher> body, boolean replayable,
                                           AtomicLong activity) throws RegistryException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(u)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            headers.forEach(b::header);
            Optional<String> sent = authorization(scope);
            sent.ifPresent(a -> b.header("Authorization", a));
            HttpResponse<InputStream> r = exchange(b.build(), activity);
            LOG.debug("{} {} -> {}", method, u.getPath(), r.statusCode());
            if (r.statusCode() != 401 || attempt > 0 || !replayable) {
                return r;
            }
            Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
            boolean retry;
            try {
                retry = challenge.isPresent() && authenticate(challenge.get(), scope, sent);
            } catch (RegistryException | InterruptedException e) {
                closeQuietly(r.body());
                throw e;
            }
            if (!retry) {
                return r;
            }
            closeQuietly(r.body());
        }
    }

    /**
     * Sends one request under the deadlines: the connect deadline (the HTTP client's), then the read-idle
     * deadline for the answer's headers (counted from the last byte of a request body sent, when
     * {@code activity} tracks one), all within the total deadline; the body the answer carries keeps
     * both deadlines ({@link DeadlineBodySubscriber}). A deadline that passes cancels the exchange.
     */
    private HttpResponse<InputStream> exchange(HttpRequest request, AtomicLong activity)
            throws RegistryException, InterruptedException {
        Deadlines d = options.deadlines();
        long start = System.nanoTime();
        long idle = d.idle().toNanos();
        long deadline = start + d.total().toNanos();
        String what = request.method() + " " + request.uri().getAuthority() + request.uri().getPath();
        CompletableFuture<HttpResponse<InputStream>> f =
                http.sendAsync(request, info -> new DeadlineBodySubscriber(what, idle, deadline));
        while (true) {
            long now = System.nanoTime();
            long last = activity == null ? start : Math.max(start, activity.get());
            long left = Math.min(last + idle - now, deadline - now);
            if (left <= 0) {
                f.cancel(true);
                throw new RegistryException(RegistryException.Kind.TIMEOUT, 0, deadline - now <= 0
                        ? what + ": not finished within the total deadline of " + d.total().toSeconds() + " s"
                        : what + ": no answer for " + d.idle().toMillis() + " ms (read-idle deadline)");
            }
            try {
                return f.get(Math.min(left, TICK_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // check the deadlines again
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw transportFailure(request, e.getCause());
            }
        }
    }

    private RegistryException transportFailure(HttpRequest request, Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof RegistryException re) {
                return re;
            }
            cause = cause.getCause();
        }
        String where = request.uri().getAuthority();
        if (e instanceof HttpConnectTimeoutException) {
            return new RegistryException(RegistryException.Kind.TIMEOUT, "cannot connect to " + where + " within "
                    + options.deadlines().connect().toMillis() + " ms (connect deadline)", e);
        }
        if (e instanceof ConnectException) {
            return new RegistryException(RegistryException.Kind.IO, "cannot connect to " + where, e);
        }
        return new RegistryException(RegistryException.Kind.IO,
                request.method() + " " + where + request.uri().getPath() + " failed: " + e, e);
    }

    /**
     * The authorization to send for a scope: its cached bearer token while fresh, else Basic credentials once
     * the registry asked for them.
     */
    private Optional<String> authorization(Scope scope) {
        Token t = tokens.get(scope.key());
        if (t != null && t.expires().isAfter(Instant.now().plusSeconds(10))) {
            return Optional.of("Bearer " + t.value());
        }
        if (basicRequested && options.credentials().isPresent()) {
            return Optional.of(options.credentials().get().basicHeader());
        }
        return Optional.empty();
    }

    /**
     * Handles a 401 challenge to a request that carried {@code sent}; returns whether sending it again with
     * new authorization makes sense. Basic: when credentials exist and this request did not carry them.
     * Bearer: a token for the scope that another thread fetched meanwhile is used as it is; otherwise one
     * token is fetched per scope, however many requests were refused at once.
     */
    private boolean authenticate(String challenge, Scope scope, Optional<String> sent)
            throws RegistryException, InterruptedException {
        String scheme = challenge.trim().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            if (options.credentials().isEmpty()) {
                return false;
            }
            basicRequested = true;
            return !sent.equals(Optional.of(options.credentials().get().basicHeader()));
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return false;
        }
        synchronized (tokenLocks.computeIfAbsent(scope.key(), k -> new Object())) {
            Token t = tokens.get(scope.key());
            if (t != null && t.expires().isAfter(Instant.now().plusSeconds(10))
                    && !sent.equals(Optional.of("Bearer " + t.value()))) {
                return true;
            }
            tokens.put(scope.key(), fetchToken(challenge, scope));
            return true;
        }
    }

    private Token fetchToken(String challenge, Scope scope) throws RegistryException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 401, "bearer challenge without realm from " + host);
        }
        List<String> scopes = new ArrayList<>(scope.scopes());
        if (params.containsKey("scope")) {
            for (String s : params.get("scope").split(" ")) {
                if (!s.isBlank() && !scopes.contains(s)) {
                    scopes.add(s);
                }
            }
        }
        StringBuilder q = new StringBuilder();
        if (params.containsKey("service")) {
            q.append("service=").append(enc(params.get("service")));
        }
        for (String s : scopes) {
            q.append(q.length() == 0 ? "" : "&").append("scope=").append(enc(s));
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + q);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 401, "malformed token realm from " + host);
        }
        if (realmUri.getScheme() == null || !realmUri.getScheme().matches("https?")) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 401, "token realm of " + host + " is not http(s)");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(realmUri).GET();
        boolean safeToSend = realmUri.getScheme().equals("https") || options.plainHttp();
        if (options.credentials().isPresent() && safeToSend) {
            b.header("Authorization", options.credentials().get().basicHeader());
        }
        Reply r = read(exchange(b.build(), null), "GET token");
        if (r.statusCode() != 200) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, r.statusCode(),
                    "token service " + realmUri.getAuthority() + " refused access to " + String.join(" ", scopes)
                            + " (HTTP " + r.statusCode() + ")");
        }
        try {
            JsonNode json = JSON.readTree(r.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, 200, "token service answered no token");
            }
            long expiresIn = Math.max(json.path("expires_in").asLong(60), 60);
            return new Token(token, Instant.now().plusSeconds(expiresIn));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "token service answered malformed JSON", e);
        }
    }

    private void check(Reply r, String what, int... expected) throws RegistryException {
        for (int e : expected) {
            if (r.statusCode() == e) {
                return;
            }
        }
        throw failure(r.statusCode(), r.headers(), r.body(), what);
    }

    private RegistryException failure(int status, HttpHeaders headers, byte[] body, String what) {
        List<String> codes = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        try {
            if (body != null && body.length > 0) {
                JsonNode errors = JSON.readTree(body).path("errors");
                for (JsonNode e : errors) {
                    codes.add(e.path("code").asText());
                    detail.append(detail.length() == 0 ? "" : "; ").append(e.path("code").asText()).append(": ")
                            .append(e.path("message").asText());
                }
            }
        } catch (IOException ignored) {
            // not a registry error document
        }
        RegistryException.Kind kind;
        if (status == 401 || status == 403) {
            kind = RegistryException.Kind.UNAUTHORIZED;
        } else if (codes.contains("MANIFEST_BLOB_UNKNOWN") || codes.contains("BLOB_UNKNOWN") && what.startsWith("PUT manifest")
                || codes.contains("MANIFEST_UNKNOWN") && what.startsWith("PUT manifest")) {
            kind = RegistryException.Kind.MISSING_REFERENCE;
        } else if (codes.contains("DIGEST_INVALID") || codes.contains("SIZE_INVALID")) {
            kind = RegistryException.Kind.DIGEST_MISMATCH;
        } else if (status == 404) {
            kind = RegistryException.Kind.NOT_FOUND;
        } else {
            kind = RegistryException.Kind.PROTOCOL;
        }
        String auth = kind == RegistryException.Kind.UNAUTHORIZED
                ? (options.credentials().isPresent() ? " (credentials refused)" : " (no credentials given)") : "";
        return new RegistryException(kind, status, what + " on " + host + ": HTTP " + status + auth
                + (detail.length() == 0 ? "" : " (" + detail + ")"));
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private URI manifestUri(String repository, String reference) {
        return uri("/v2/" + repository + "/manifests/" + reference);
    }

    private URI blobUri(String repository, String digest) {
        return uri("/v2/" + repository + "/blobs/" + digest);
    }

    private static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + enc(digest));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] drain(InputStream in) {
        try (InputStream s = in) {
            return s.readNBytes(64 * 1024);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(Object body) {
        if (body instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // discarded response
            }
        }
    }

    private static SSLContext sslContext(Path pem) throws RegistryException {
        try {
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(pem)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, 0, "no certificates in CA bundle " + pem);
            }
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                extra.setCertificateEntry("ca-" + i++, c);
            }
            X509TrustManager jdk = trustManager(null);
            X509TrustManager bundle = trustManager(extra);
            X509TrustManager both = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    jdk.checkClientTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    try {
                        bundle.checkServerTrusted(chain, authType);
                    } catch (CertificateException e) {
                        jdk.checkServerTrusted(chain, authType);
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    List<X509Certificate> all = new ArrayList<>(List.of(jdk.getAcceptedIssuers()));
                    all.addAll(List.of(bundle.getAcceptedIssuers()));
                    return all.toArray(new X509Certificate[0]);
                }
            };
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {both}, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "cannot read CA bundle " + pem + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Remembers the first exception the wrapped stream threw, which the HTTP client may wrap. */
    private static final class CapturingInputStream extends FilterInputStream {
        private volatile Exception captured;

        CapturingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RegistryException e) {
                captured = captured == null ? e : captured;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RegistryException e) {
                captured = captured == null ? e : captured;
                throw e;
            }
        }

        @Override
        public void close() {
            // closed by pushBlob, not by the HTTP client after each part
        }

        void verifyEnd() {
            try {
                int n = super.read(new byte[1], 0, 1);
                if (n > 0) {
                    throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 0, "blob longer than its size");
                }
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.IO, "reading blob failed", e);
            }
        }

        void rethrowCaptured() {
            Exception e = captured;
            if (e instanceof RegistryException re) {
                throw re;
            }
            if (e != null) {
                throw new RegistryException(RegistryException.Kind.IO, "reading the source blob failed: " + e.getMessage(), e);
            }
        }
    }

    /** A view of the next {@code limit} bytes of a stream; closing it does not close the stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("blob ended early");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the underlying stream stays open for the next chunk
        }
    }
}
