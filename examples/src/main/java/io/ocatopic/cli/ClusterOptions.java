package io.ocatopic.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.internal.Kubeconfigs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig}, {@code --context} and {@code -n/--namespace}, on every command that talks to a cluster,
 * resolved as kubectl does: the flag, then {@code KUBECONFIG} (the first file of its list that exists), then
 * {@code ~/.kube/config}, then the pod's service account. {@link #connect()} checks the server answers before the
 * command does any work, so an unreachable cluster fails in seconds with one line naming it and how it was chosen.
 */
final class ClusterOptions {
    /** The in-cluster service account token, present in a pod. */
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig (default: KUBECONFIG, then ~/.kube/config, then the pod's service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace (default: the context's namespace, else the command's own).")
    String namespace;

    /** The resolved configuration and where it came from. */
    record Resolved(Config config, String source) {
    }

    /**
     * Resolves the cluster configuration, without contacting the cluster.
     *
     * @return the configuration and its source
     * @throws IOException when the named kubeconfig cannot be read
     * @throws IllegalArgumentException (exit 2) when no cluster is configured at all, naming what was tried
     */
    Resolved resolve() throws IOException {
        Resolved r;
        if (kubeconfig != null) {
            r = fromFile(kubeconfig, "--kubeconfig " + kubeconfig);
        } else {
            Optional<Path> env = fromEnv(System.getenv("KUBECONFIG"));
            Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
            if (env.isPresent()) {
                r = fromFile(env.get(), "KUBECONFIG " + env.get());
            } else if (Files.isRegularFile(home)) {
                r = fromFile(home, home.toString());
            } else if (System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.exists(SERVICE_ACCOUNT)) {
                r = new Resolved(Config.autoConfigure(context), "the pod's service account");
            } else {
                throw new IllegalArgumentException("no cluster configured: no --kubeconfig, "
                        + (System.getenv("KUBECONFIG") == null ? "KUBECONFIG unset" : "no file of KUBECONFIG exists")
                        + ", no " + home + ", not in a pod; pass --kubeconfig FILE");
            }
        }
        if (namespace != null) {
            r.config().setNamespace(namespace);
        }
        return r;
    }

    private Resolved fromFile(Path file, String source) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return new Resolved(Kubeconfigs.parse(text, file.toString(), context), source
                + (context == null ? "" : ", context " + context));
    }

    private static Optional<Path> fromEnv(String kubeconfigEnv) {
        if (kubeconfigEnv == null || kubeconfigEnv.isBlank()) {
            return Optional.empty();
        }
        for (String p : kubeconfigEnv.split(File.pathSeparator)) {
            if (!p.isBlank() && Files.isRegularFile(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    /**
     * Connects: resolves the configuration and checks the server answers (any HTTP answer counts; the command's
     * own requests then say what the server refused). The client never retries silently (fabric8's default
     * backs off for about 100 s against a dead server): a command that retries says so itself.
     *
     * @return a client; close it
     * @throws IOException when the named kubeconfig cannot be read
     * @throws KubeException with {@link KubeException.Reason#UNREACHABLE} (exit 3) when the server does not answer
     */
    KubernetesClient connect() throws IOException {
        Resolved r = resolve();
        Config c = r.config();
        c.setConnectionTimeout(5_000);
        c.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(c).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0) {
                client.close();
                throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "cannot reach " + c.getMasterUrl()
                        + " (from " + r.source() + "): " + rootMessage(e), null);
            }
        }
        return client;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
