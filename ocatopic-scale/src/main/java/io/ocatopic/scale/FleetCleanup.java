package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes what a simulated fleet wrote, by the run label, and verifies the deletion by listing again:
 * ManifestWorks and Leases first, then the ManagedClusterModule and ManagedClusters, namespaces last.
 * When the API cannot be reached the result says so ({@link Result#reached()} false), never "cleaned up".
 *
 * <pre>{@code
 * FleetCleanup.Result r = FleetCleanup.run(client, "r3f9a1c", Duration.ofSeconds(60));
 * System.out.println(r.describe());
 * }</pre>
 */
public final class FleetCleanup {
    static final ResourceDefinitionContext MANIFEST_WORK = ctx("work.open-cluster-management.io", "v1", "ManifestWork",
            "manifestworks", true);
    static final ResourceDefinitionContext LEASE = ctx("coordination.k8s.io", "v1", "Lease", "leases", true);
    static final ResourceDefinitionContext MCM = ctx("hub.kmm.sigs.x-k8s.io", "v1beta1", "ManagedClusterModule",
            "managedclustermodules", false);
    static final ResourceDefinitionContext MANAGED_CLUSTER = ctx("cluster.open-cluster-management.io", "v1",
            "ManagedCluster", "managedclusters", false);
    static final ResourceDefinitionContext NAMESPACE = ctx("", "v1", "Namespace", "namespaces", false);
    /** In delete order. */
    static final List<ResourceDefinitionContext> KINDS = List.of(MANIFEST_WORK, LEASE, MCM, MANAGED_CLUSTER, NAMESPACE);

    private FleetCleanup() {
    }

    /**
     * What a cleanup did.
     *
     * @param reached   whether the API answered
     * @param deleted   objects deleted
     * @param remaining objects still labelled afterwards, by kind (empty when none; unknown when not reached)
     * @param error     why it could not finish, empty when it did
     */
    public record Result(boolean reached, long deleted, Map<String, Long> remaining, String error) {
        /**
         * Creates the result, copying the map.
         *
         * @param reached whether the API answered
         * @param deleted objects deleted
         * @param remaining objects still labelled afterwards, by kind (empty when none; unknown when not reached)
         * @param error why it could not finish, empty when it did
         */
        public Result {
            remaining = Map.copyOf(remaining);
        }

        /**
         * Whether the run is gone: the API answered and nothing labelled remains.
         *
         * @return whether the API was reached and nothing labelled remains
         */
        public boolean clean() {
            return reached && error.isEmpty() && remaining.isEmpty();
        }

        /**
         * Describes the cleanup in one line.
         *
         * @return one line: what was deleted and what is left, or why it is not known
         */
        public String describe() {
            if (!reached) {
                return "NOT cleaned up: the API could not be reached (" + error + "); objects may remain";
            }
            return deleted + " deleted, verified by listing: " + (remaining.isEmpty() ? "nothing left"
                    : "left " + remaining) + (error.isEmpty() ? "" : " (" + error + ")");
        }
    }

    /**
     * Deletes every object labelled with the run, then lists until none is left or the wait passed.
     *
     * @param client the API
     * @param runId  the run id
     * @param wait   how long to wait for deletions to finish (namespaces finalize asynchronously)
     * @return the result; never throws for an unreachable API
     */
    public static Result run(KubernetesClient client, String runId, Duration wait) {
        long deleted = 0;
        try {
            for (ResourceDefinitionContext k : KINDS) {
                for (GenericKubernetesResource o : list(client, k, runId)) {
                    var op = client.genericKubernetesResources(k);
                    var r = k.isNamespaceScoped() ? op.inNamespace(o.getMetadata().getNamespace())
                            .withName(o.getMetadata().getName()) : op.withName(o.getMetadata().getName());
                    if (!r.delete().isEmpty()) {
                        deleted++;
                    }
                }
            }
            long deadline = System.nanoTime() + wait.toNanos();
            Map<String, Long> left = remaining(client, runId);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                left = remaining(client, runId);
            }
            return new Result(true, deleted, left, left.isEmpty() ? "" : "still there after " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(true, deleted, Map.of(), "interrupted before the deletion was verified");
        } catch (KubernetesClientException e) {
            String why = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + e.getStatus().getMessage()
                    : rootMessage(e);
            return new Result(e.getCode() > 0, deleted, Map.of(), why);
        }
    }

    /**
     * Counts, by kind, what still carries the run's label.
     *
     * @param client the API
     * @param runId  the run id
     * @return kinds with a non-zero count
     */
    public static Map<String, Long> remaining(KubernetesClient client, String runId) {
        Map<String, Long> left = new LinkedHashMap<>();
        for (ResourceDefinitionContext k : KINDS) {
            int n = list(client, k, runId).size();
            if (n > 0) {
                left.put(k.getKind(), (long) n);
            }
        }
        return left;
    }

    private static List<GenericKubernetesResource> list(KubernetesClient client, ResourceDefinitionContext k,
                                                        String runId) {
        try {
            var op = client.genericKubernetesResources(k);
            return (k.isNamespaceScoped() ? op.inAnyNamespace().withLabel(ScaleLabels.RUN, runId)
                    : op.withLabel(ScaleLabels.RUN, runId)).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of(); // the type is not installed: nothing of it to clean
            }
            throw e;
        }
    }

    /**
     * One line for a failed API call: the HTTP status and message, or the root cause when no answer came.
     *
     * @param e the failure
     * @return the line
     */
    public static String describeFailure(KubernetesClientException e) {
        return e.getCode() > 0 && e.getStatus() != null ? "HTTP " + e.getCode() + ": " + e.getStatus().getMessage()
                : rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? m : t.getClass().getSimpleName() + ": " + m;
    }

    private static ResourceDefinitionContext ctx(String group, String version, String kind, String plural, boolean ns) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(ns).build();
    }
}
