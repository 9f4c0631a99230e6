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
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private final String host;
    private final Options options;
    private final HttpClient http;
    private final URI base;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile boolean basicRequested;

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
     */
    public record Options(boolean plainHttp, Optional<Path> caBundle, Optional<RegistryCredentials> credentials) {
        /**
         * Validates the parts.
         *
         * @param plainHttp plain HTTP switch
         * @param caBundle optional CA bundle
         * @param credentials optional credentials
         */
        public Options {
            Objects.requireNonNull(caBundle, "caBundle");
            Objects.requireNonNull(credentials, "credentials");
            if (plainHttp && caBundle.isPresent()) {
                throw new IllegalArgumentException("a CA bundle makes no sense for a plain HTTP registry");
            }
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
            return new Options(plainHttp, Optional.of(pem), credentials);
        }

        /**
         * @param creds the credentials
         * @return the same options with explicit credentials
         */
        public Options withCredentials(RegistryCredentials creds) {
            return new Options(plainHttp, caBundle, Optional.of(creds));
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
     */
    public static RegistryClient create(String host, Options options) throws RegistryException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30));
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
        HttpResponse<byte[]> r = send("GET", uri("/v2/"), new Scope(repository, false, null), Map.of(), null,
                HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> r = send("HEAD", manifestUri(repository, reference), new Scope(repository, false, null),
                Map.of("Accept", ACCEPT), null, HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> r = send("GET", manifestUri(repository, reference), new Scope(repository, false, null),
                Map.of("Accept", ACCEPT), null, HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> r = send("PUT", manifestUri(repository, reference), new Scope(repository, true, null),
                Map.of("Content-Type", manifest.mediaType()), () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
                HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> r = send("HEAD", blobUri(repository, digest), new Scope(repository, false, null),
                Map.of(), null, HttpResponse.BodyHandlers.ofByteArray());
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
            HttpResponse<InputStream> r = sameHost
                    ? send("GET", target, scope, Map.of(), null, HttpResponse.BodyHandlers.ofInputStream())
                    : sendPlain(HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
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
        HttpResponse<byte[]> r = send("POST", u, new Scope(repository, true, from), Map.of(),
                HttpRequest.BodyPublishers::noBody, HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> init = send("POST", start, scope, Map.of(), HttpRequest.BodyPublishers::noBody,
                HttpResponse.BodyHandlers.ofByteArray());
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
                    HttpResponse<byte[]> r = sendStream("PATCH", location, scope, Map.of(
                            "Content-Type", "application/octet-stream",
                            "Content-Range", offset + "-" + (offset + len - 1)), part, len, in);
                    check(r, "PATCH chunk of " + blob.digest() + " to " + repository, 202);
                    location = location.resolve(r.headers().firstValue("Location").orElse(location.toString()));
                    offset += len;
                }
                in.verifyEnd();
                HttpResponse<byte[]> r = sendStream("PUT", withDigest(location, blob.digest()), scope,
                        Map.of("Content-Type", "application/octet-stream"), InputStream.nullInputStream(), 0, in);
                check(r, "finish upload of " + blob.digest() + " to " + repository, 201);
            } else {
                HttpResponse<byte[]> r = sendStream("PUT", withDigest(location, blob.digest()), scope,
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

    private HttpResponse<byte[]> sendStream(String method, URI u, Scope scope, Map<String, String> headers,
                                            InputStream body, long length, CapturingInputStream source)
            throws RegistryException, InterruptedException {
        try {
            return send(method, u, scope, headers, () -> length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(new ChunkedStreamPublisher(body), length),
                    HttpResponse.BodyHandlers.ofByteArray(), false);
        } catch (RegistryException e) {
            source.rethrowCaptured();
            throw e;
        }
    }

    private void cancelUpload(String repository, URI location) {
        try {
            HttpResponse<byte[]> r = send("DELETE", location, new Scope(repository, true, null), Map.of(), null,
                    HttpResponse.BodyHandlers.ofByteArray());
            LOG.debug("cancelled upload to {} on {}: {}", repository, host, r.statusCode());
        } catch (RegistryException e) {
            LOG.debug("could not cancel upload to {} on {}: {}", repository, host, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> HttpResponse<T> send(String method, URI u, Scope scope, Map<String, String> headers,
                                     Supplier<HttpRequest.BodyPublisher> body, HttpResponse.BodyHandler<T> handler)
            throws RegistryException, InterruptedException {
        return send(method, u, scope, headers, body, handler, true);
    }

    private <T> HttpResponse<T> send(String method, URI u, Scope scope, Map<String, String> headers,
                                     Supplier<HttpRequest.BodyPublisher> body, HttpResponse.BodyHandler<T> handler,
                                     boolean replayable) throws RegistryException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(u)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            if (replayable) {
                b.timeout(CALL_TIMEOUT);
            }
            headers.forEach(b::header);
            authorization(scope).ifPresent(a -> b.header("Authorization", a));
            HttpResponse<T> r = sendPlain(b.build(), handler);
            LOG.debug("{} {} -> {}", method, u.getPath(), r.statusCode());
            if (r.statusCode() != 401 || attempt > 0 || !replayable) {
                return r;
            }
            Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
            if (challenge.isEmpty() || !authenticate(challenge.get(), scope)) {
                return r;
            }
            closeQuietly(r.body());
        }
    }

    private <T> HttpResponse<T> sendPlain(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws RegistryException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new RegistryException(RegistryException.Kind.IO, "cannot connect to " + request.uri().getAuthority(), e);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof RegistryException re) {
                    throw re;
                }
                cause = cause.getCause();
            }
            throw new RegistryException(RegistryException.Kind.IO,
                    request.method() + " " + request.uri().getAuthority() + request.uri().getPath() + " failed: " + e, e);
        }
    }

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

    /** Handles a 401 challenge; returns whether a retry with new authorization makes sense. */
    private boolean authenticate(String challenge, Scope scope) throws RegistryException, InterruptedException {
        String scheme = challenge.trim().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            if (options.credentials().isEmpty() || basicRequested) {
                return false;
            }
            basicRequested = true;
            return true;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return false;
        }
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
        URI realmUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + q);
        HttpRequest.Builder b = HttpRequest.newBuilder(realmUri).GET().timeout(CALL_TIMEOUT);
        boolean safeToSend = realmUri.getScheme().equals("https") || options.plainHttp();
        if (options.credentials().isPresent() && safeToSend) {
            b.header("Authorization", options.credentials().get().basicHeader());
        }
        HttpResponse<byte[]> r = sendPlain(b.build(), HttpResponse.BodyHandlers.ofByteArray());
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
            tokens.put(scope.key(), new Token(token, Instant.now().plusSeconds(expiresIn)));
            return true;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "token service answered malformed JSON", e);
        }
    }

    private void check(HttpResponse<byte[]> r, String what, int... expected) throws RegistryException {
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
        } catch (IOException e) {
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
