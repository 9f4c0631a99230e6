package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.SiteEndpoint;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.ztp.internal.render.AcmImportRenderer;
import io.ocatopic.ztp.ImportCredentials;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Imports (or re-imports) a spoke into a hub: applies Namespace, ManagedCluster (with the spoke's current
 * endpoint), KlusterletAddonConfig and the complete {@code auto-import-secret} in one request each, then
 * deletes {@code <cluster>-import} so the import controller regenerates it for the new hub/endpoint
 * (stolostron/rhacm-docs#4531). Imports through one instance are serialised by a lock, so the workflow's
 * reconnect and the automatic loop never race.
 *
 * <pre>{@code
 * Reimporter importer = new Reimporter();
 * importer.importCluster(hub, "edge-1", Map.of(), ImportCredentials.token(url, token));
 * }</pre>
 */
public final class Reimporter {
    private final ReentrantLock lock = new ReentrantLock();

    /** Creates an importer with its own lock. */
    public Reimporter() {
    }

    /**
     * Imports one spoke; idempotent.
     *
     * @param hub         the hub
     * @param cluster     the spoke's name
     * @param labels      ManagedCluster labels
     * @param credentials the spoke's current endpoint and credential
     * @return the objects written, in order
     * @throws io.ocatopic.kube.KubeException when the hub refuses or drops mid-way (nothing is half-written:
     *                                        each object is one request; a retry completes the rest)
     */
    public List<HasMetadata> importCluster(ClusterApi hub, String cluster, Map<String, String> labels,
                                           ImportCredentials credentials) {
        return importCluster(hub, cluster, labels, Map.of(), credentials);
    }

    /**
     * Imports one spoke with annotations on its ManagedCluster (such as {@link SiteEndpoint#annotations});
     * idempotent.
     *
     * @param hub         the hub
     * @param cluster     the spoke's name
     * @param labels      ManagedCluster labels
     * @param annotations ManagedCluster annotations, may be empty
     * @param credentials the spoke's current endpoint and credential
     * @return the objects written, in order
     * @throws io.ocatopic.kube.KubeException when the hub refuses or drops mid-way
     */
    public List<HasMetadata> importCluster(ClusterApi hub, String cluster, Map<String, String> labels,
                                           Map<String, String> annotations, ImportCredentials credentials) {
        List<HasMetadata> objects = AcmImportRenderer.render(cluster, labels, annotations, credentials);
        lock.lock();
        try {
            for (HasMetadata o : objects) {
                hub.apply(o);
            }
            hub.delete(new SecretBuilder().withNewMetadata().withName(cluster + "-import").withNamespace(cluster)
                    .endMetadata().build());
            return objects;
        } finally {
            lock.unlock();
        }
    }
}
