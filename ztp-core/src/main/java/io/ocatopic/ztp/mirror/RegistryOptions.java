package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one registry: TLS (verified by default, optionally against an extra CA bundle) or,
 * only when explicitly asked, plain HTTP; and optional credentials.
 *
 * <pre>{@code
 * RegistryOptions factory = RegistryOptions.tls()
 *         .withCaBundle(Path.of("/etc/pki/factory-ca.pem"))
 *         .withCredentials("mirror", Secret.fromEnv("MIRROR_PASSWORD"));
 * RegistryOptions loopback = RegistryOptions.insecurePlainHttp();
 * }</pre>
 *
 * @param plainHttp whether to talk plain HTTP (the insecure switch, meant for loopback tests)
 * @param caBundle a PEM file of CA certificates trusted in addition to the JDK's, if any
 * @param credentials explicit credentials, if any (otherwise anonymous or from the auth file)
 * @param connectTimeout the longest wait for a connection to the registry (default 10 s)
 * @param idleTimeout the longest wait for an answer, or for the next bytes of a body read from or sent to
 *     the registry, redirects (CDNs) and token requests included (default 30 s)
 * @param requestTimeout the longest one request may take, body included (default 1 h)
 */
public record RegistryOptions(boolean plainHttp, Optional<Path> caBundle, Optional<Credentials> credentials,
                              Duration connectTimeout, Duration idleTimeout, Duration requestTimeout) {
    /** The default connect deadline: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default read-idle deadline: 30 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default total deadline of one request: 1 h (a multi-GiB layer over a slow link fits). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofHours(1);

    /**
     * A user name and password (or token) for a registry; {@link #toString()} never shows the password.
     *
     * @param username the user name
     * @param password the password or token, resolved when the registry asks for it
     */
    public record Credentials(String username, Secret password) {
        /**
         * Validates the parts.
         *
         * @param username the user name
         * @param password the password
         */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<redacted>]";
        }
    }

    /**
     * Validates the parts.
     *
     * @param plainHttp plain HTTP switch
     * @param caBundle optional CA bundle
     * @param credentials optional credentials
     * @param connectTimeout connect deadline
     * @param idleTimeout read-idle deadline
     * @param requestTimeout total deadline of one request
     */
    public RegistryOptions {
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(credentials, "credentials");
        for (Duration d : new Duration[] {connectTimeout, idleTimeout, requestTimeout}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("registry timeouts must be positive: " + d);
            }
        }
        if (plainHttp && caBundle.isPresent()) {
            throw new IllegalArgumentException("a CA bundle makes no sense for a plain HTTP registry");
        }
    }

    /**
     * Options with the default deadlines.
     *
     * @param plainHttp plain HTTP switch
     * @param caBundle optional CA bundle
     * @param credentials optional credentials
     */
    public RegistryOptions(boolean plainHttp, Optional<Path> caBundle, Optional<Credentials> credentials) {
        this(plainHttp, caBundle, credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * The same options with other deadlines: every request to this registry (redirects and token requests
     * included) fails with {@link io.ocatopic.ztp.ZtpException.Reason#TIMEOUT} when no connection is made
     * within {@code connect}, no answer or no next body bytes come within {@code idle}, or it is not
     * finished within {@code request}; the image it belongs to is then {@code FAILED}.
     *
     * <pre>{@code
     * RegistryOptions.tls().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30));
     * }</pre>
     *
     * @param connect the connect deadline
     * @param idle the read-idle deadline
     * @param request the total deadline of one request
     * @return new options
     */
    public RegistryOptions withTimeouts(Duration connect, Duration idle, Duration request) {
        return new RegistryOptions(plainHttp, caBundle, credentials, connect, idle, request);
    }

    /**
     * HTTPS with certificate and host name verification against the JDK trust store; anonymous.
     *
     * @return the default options
     */
    public static RegistryOptions tls() {
        return new RegistryOptions(false, Optional.empty(), Optional.empty());
    }

    /**
     * Plain HTTP without TLS: an explicit insecure switch for loopback registries in tests.
     *
     * @return plain HTTP options, anonymous
     */
    public static RegistryOptions insecurePlainHttp() {
        return new RegistryOptions(true, Optional.empty(), Optional.empty());
    }

    /**
     * The same options trusting the CA certificates of a PEM bundle as well.
     *
     * @param pem the PEM file
     * @return new options
     */
    public RegistryOptions withCaBundle(Path pem) {
        return new RegistryOptions(plainHttp, Optional.of(pem), credentials, connectTimeout, idleTimeout, requestTimeout);
    }

    /**
     * The same options with explicit credentials.
     *
     * @param username the user name
     * @param password the password or token
     * @return new options
     */
    public RegistryOptions withCredentials(String username, Secret password) {
        return new RegistryOptions(plainHttp, caBundle, Optional.of(new Credentials(username, password)), connectTimeout,
                idleTimeout, requestTimeout);
    }
}
