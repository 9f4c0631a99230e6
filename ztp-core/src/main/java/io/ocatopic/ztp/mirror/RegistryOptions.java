package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.Secret;
import java.nio.file.Path;
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
 */
public record RegistryOptions(boolean plainHttp, Optional<Path> caBundle, Optional<Credentials> credentials) {
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
     */
    public RegistryOptions {
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(credentials, "credentials");
        if (plainHttp && caBundle.isPresent()) {
            throw new IllegalArgumentException("a CA bundle makes no sense for a plain HTTP registry");
        }
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
        return new RegistryOptions(plainHttp, Optional.of(pem), credentials);
    }

    /**
     * The same options with explicit credentials.
     *
     * @param username the user name
     * @param password the password or token
     * @return new options
     */
    public RegistryOptions withCredentials(String username, Secret password) {
        return new RegistryOptions(plainHttp, caBundle, Optional.of(new Credentials(username, password)));
    }
}
