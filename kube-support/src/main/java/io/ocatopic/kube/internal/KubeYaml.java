package io.ocatopic.kube.internal;

import io.ocatopic.kube.KubeException;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Collection;

/**
 * YAML and JSON I/O for Kubernetes objects (files are written by {@link AtomicFiles}).
 *
 * <pre>{@code
 * String yaml = KubeYaml.dumpAll(objects);          // "---"-separated documents
 * ManagedCluster mc = KubeYaml.load(text, ManagedCluster.class);
 * AtomicFiles.write(dir.resolve("cluster.yaml"), yaml);
 * }</pre>
 */
public final class KubeYaml {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubeYaml() {
    }

    /**
     * Serialises one object to YAML.
     *
     * @param object any Kubernetes object or plain value
     * @return YAML text, starting with {@code ---}
     */
    public static String dump(Object object) {
        return SERIALIZATION.asYaml(object);
    }

    /**
     * Serialises several objects to one multi-document YAML text.
     *
     * @param objects the objects, in order
     * @return the documents, each starting with {@code ---}
     */
    public static String dumpAll(Collection<? extends HasMetadata> objects) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata o : objects) {
            sb.append(dump(o));
        }
        return sb.toString();
    }

    /**
     * Serialises one object to JSON.
     *
     * @param object any Kubernetes object or plain value
     * @return compact JSON text
     */
    public static String json(Object object) {
        return SERIALIZATION.asJson(object);
    }

    /**
     * Parses YAML or JSON into a type.
     *
     * @param text YAML or JSON text of one document
     * @param type the target type
     * @param <T>  the target type
     * @return the parsed value
     * @throws KubeException with reason {@link KubeException.Reason#MALFORMED} when the text does not parse;
     *                       the message says where (line and column when the parser tells) or what
     *                       failed, never the text itself
     */
    public static <T> T load(String text, Class<T> type) {
        try {
            return SERIALIZATION.unmarshal(text, type);
        } catch (RuntimeException e) {
            // the parser's own message quotes the input, which may hold secrets (kubeconfigs, Secrets):
            // say where it failed and drop the cause
            throw new KubeException(KubeException.Reason.MALFORMED, 0,
                    "cannot parse " + type.getSimpleName() + location(e), null);
        }
    }

    private static String location(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
                return " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            }
        }
        return " (" + e.getClass().getSimpleName() + ")";
    }
}
