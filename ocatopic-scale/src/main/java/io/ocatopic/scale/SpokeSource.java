package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Where the harness gets its objects: the objects for spoke {@code i}, freshly built on each call
 * (the harness adds its labels and annotations to them).
 *
 * <pre>{@code
 * SpokeSource configMaps = new SpokeSource() {
 *     public String name() { return "configmaps"; }
 *     public String origin() { return "inline"; }
 *     public List<Class<? extends HasMetadata>> kinds() { return List.of(ConfigMap.class); }
 *     public List<HasMetadata> spokeObjects(String runId, int spoke) {
 *         return List.of(new ConfigMapBuilder().withNewMetadata().withName(SpokeSource.spokeName(runId, spoke))
 *                 .withNamespace("default").endMetadata().build());
 *     }
 * };
 * }</pre>
 */
public interface SpokeSource {
    /**
     * The source's short name.
     *
     * @return a short name, for example {@code acm}
     */
    String name();

    /**
     * What renders the objects, for the report.
     *
     * @return what renders the objects (a module's renderer, or an interim source), for the report
     */
    String origin();

    /**
     * Every kind this source emits, namespaces first; the watch and the cleanup use it.
     *
     * @return the typed classes
     */
    List<Class<? extends HasMetadata>> kinds();

    /**
     * Objects shared by the whole fleet, created before and deleted after the spokes' objects.
     *
     * @param runId the run id (part of every name, so runs never collide)
     * @return the objects, in create order; empty by default
     */
    default List<HasMetadata> fleetObjects(String runId) {
        return List.of();
    }

    /**
     * The objects of one spoke, in create order (a namespace before the objects in it).
     *
     * @param runId the run id (part of every name, so runs never collide)
     * @param spoke the spoke index, from 0
     * @return new objects on each call
     */
    List<HasMetadata> spokeObjects(String runId, int spoke);

    /**
     * The conventional name of a spoke: run id and a five-digit index.
     *
     * @param runId the run id
     * @param spoke the spoke index
     * @return for example {@code r3f9a1c-00042}
     */
    static String spokeName(String runId, int spoke) {
        return runId + "-" + String.format("%05d", spoke);
    }
}
