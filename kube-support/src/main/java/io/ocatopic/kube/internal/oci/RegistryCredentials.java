package io.ocatopic.kube.internal.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for a registry. {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * RegistryCredentials creds = RegistryCredentials.of("mirror", System.getenv("MIRROR_PASSWORD"));
 * }</pre>
 *
 * @param username the user name
 * @param password the password or token; never logged
 */
public record RegistryCredentials(String username, String password) {
    /**
     * Validates the parts.
     *
     * @param username the user name
     * @param password the password
     */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Creates credentials.
     *
     * @param username the user name
     * @param password the password
     * @return the credentials
     */
    public static RegistryCredentials of(String username, String password) {
        return new RegistryCredentials(username, password);
    }

    /**
     * The value of an HTTP {@code Authorization: Basic} header for these credentials.
     *
     * @return {@code Basic base64(user:password)}
     */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=<redacted>]";
    }
}
