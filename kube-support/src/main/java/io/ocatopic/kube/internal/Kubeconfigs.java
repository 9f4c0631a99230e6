package io.ocatopic.kube.internal;

import io.ocatopic.kube.KubeException;
import io.ocatopic.core.Problem;

import io.fabric8.kubernetes.client.Config;

/**
 * Reads kubeconfig text into a fabric8 {@link Config} without ever echoing it: a kubeconfig holds tokens,
 * client keys and passwords, and a YAML parser's error quotes the line it failed on. A malformed
 * kubeconfig is reported with its source and line only, and the parser's exception (whose message holds the
 * text) is not kept as the cause.
 *
 * <pre>{@code
 * Config config = Kubeconfigs.parse(Files.readString(path), path.toString(), null);
 * }</pre>
 */
public final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /**
     * Parses a kubeconfig.
     *
     * @param text    the kubeconfig's YAML
     * @param source  where it came from (a file name, "the spoke's kubeconfig Secret"), for messages
     * @param context the context to use, or null for its current context
     * @return the client configuration
     * @throws KubeException with {@link KubeException.Reason#MALFORMED} naming the source and line, never the text
     */
    public static Config parse(String text, String source, String context) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = UserFiles.yaml().readTree(text);
        } catch (java.io.IOException e) {
            Problem p = UserFiles.problem(e, source);
            throw new KubeException(KubeException.Reason.MALFORMED, 0, source + " is not a valid kubeconfig: "
                    + p.message(), null);
        }
        if (context != null) {
            boolean found = false;
            for (com.fasterxml.jackson.databind.JsonNode c : tree == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : tree.path("contexts")) {
                found |= context.equals(c.path("name").asText());
            }
            if (!found) {
                throw new KubeException(KubeException.Reason.MALFORMED, 0, source + " has no context " + context, null);
            }
        }
        try {
            return Config.fromKubeconfig(context, text, null);
        } catch (RuntimeException e) {
            throw new KubeException(KubeException.Reason.MALFORMED, 0, source + " is not a valid kubeconfig"
                    + (context == null ? "" : " (or has no context " + context + ")"), null);
        }
    }
}
