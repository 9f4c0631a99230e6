package io.ocatopic.ztp;

import io.ocatopic.kube.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub reaches a spoke to import it: the spoke's API URL plus either an admin kubeconfig or a
 * token. Rendered into the {@code auto-import-secret} (keys {@code kubeconfig}, or {@code token} and
 * {@code server}; source: stolostron/rhacm-docs {@code import_cli.adoc}); see
 * {@link ChassisSpec#render(java.util.Map)} and {@link ChassisRender#acmImport}. {@code toString} is redacted.
 *
 * <pre>{@code
 * ImportCredentials c = ImportCredentials.token("https://api.edge-1.example.com:6443",
 *         Secret.fromEnv("EDGE1_TOKEN"));
 * }</pre>
 *
 * @param server     the spoke's API URL (also written to the ManagedCluster's client config)
 * @param kubeconfig an admin kubeconfig of the spoke, when importing by kubeconfig
 * @param token      a bearer token valid on the spoke, when importing by token
 */
public record ImportCredentials(String server, Optional<Secret> kubeconfig, Optional<Secret> token) {
    /**
     * Checks exactly one of kubeconfig and token is given.
     *
     * @param server     the spoke's API URL
     * @param kubeconfig the kubeconfig, or empty
     * @param token      the token, or empty
     * @throws IllegalArgumentException when both or neither are given
     */
    public ImportCredentials {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(token, "token");
        if (kubeconfig.isPresent() == token.isPresent()) {
            throw new IllegalArgumentException("give exactly one of kubeconfig and token");
        }
    }

    /**
     * Import by kubeconfig.
     *
     * @param server     the spoke's API URL
     * @param kubeconfig the spoke's admin kubeconfig (its server should equal {@code server})
     * @return the credentials
     */
    public static ImportCredentials kubeconfig(String server, Secret kubeconfig) {
        return new ImportCredentials(server, Optional.of(kubeconfig), Optional.empty());
    }

    /**
     * Import by token and server.
     *
     * @param server the spoke's API URL
     * @param token  a token with cluster-admin on the spoke
     * @return the credentials
     */
    public static ImportCredentials token(String server, Secret token) {
        return new ImportCredentials(server, Optional.empty(), Optional.of(token));
    }
}
