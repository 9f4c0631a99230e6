package io.ocatopic.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.internal.KubeYaml;
import java.util.Collection;

/**
 * Text forms of the objects the SDK renders (ClusterInstance, Module, ClusterPolicy, ImageDigestMirrorSet, ...),
 * for writing them to files or printing them, with the one serialisation configuration every module uses
 * (fabric8's, so the output is what {@code kubectl apply -f} and the operators read).
 *
 * <pre>{@code
 * String yaml = Manifests.yaml(partitioner.migManagerConfigMap("ocatopic-mig-config", "nvidia-gpu-operator", plan));
 * System.out.print(yaml);                      // review it first; apply it with Applier when it looks right
 * }</pre>
 */
public final class Manifests {
    private Manifests() {
    }

    /**
     * Serialises one object to a YAML document.
     *
     * @param object a Kubernetes object, or a plain value (a record, a map)
     * @return the YAML document, starting with {@code ---}
     */
    public static String yaml(Object object) {
        return KubeYaml.dump(object);
    }

    /**
     * Serialises several objects to one multi-document YAML text, in order.
     *
     * @param objects the objects
     * @return the documents, each starting with {@code ---}
     */
    public static String yaml(Collection<? extends HasMetadata> objects) {
        return KubeYaml.dumpAll(objects);
    }

    /**
     * Serialises one object to compact JSON.
     *
     * @param object a Kubernetes object, or a plain value (a record, a map)
     * @return the JSON text, on one line
     */
    public static String json(Object object) {
        return KubeYaml.json(object);
    }
}
