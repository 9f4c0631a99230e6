package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.ocatopic.kube.Applier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Deletes what scale runs left behind, by label: one run ({@link ScaleLabels#RUN}{@code =id}) or every
 * run (the label present). Namespaced objects go first, then cluster-scoped ones, namespaces last.
 *
 * <pre>{@code
 * ScaleCleanup.Result r = ScaleCleanup.of(client, ScaleSources.knownKinds()).deleteRun("r3f9a1c");
 * System.out.println(r.deleted() + " deleted, " + r.remaining() + " remain");
 * }</pre>
 */
public final class ScaleCleanup {
    private final KubernetesClient client;
    private final List<Class<? extends HasMetadata>> kinds;
    private final Applier applier;

    /**
     * The outcome of a cleanup.
     *
     * @param deleted   objects deleted
     * @param remaining objects still labelled afterwards (0 unless the API refused or is still finalizing)
     */
    public record Result(long deleted, long remaining) {
    }

    private ScaleCleanup(KubernetesClient client, Collection<Class<? extends HasMetadata>> kinds) {
        this.client = client;
        List<Class<? extends HasMetadata>> ordered = new ArrayList<>();
        List<Class<? extends HasMetadata>> last = new ArrayList<>();
        for (Class<? extends HasMetadata> k : new LinkedHashSet<>(kinds)) {
            (Namespace.class.equals(k) ? last : ordered).add(k);
        }
        ordered.sort((a, b) -> Boolean.compare(!Namespaced.class.isAssignableFrom(a), !Namespaced.class.isAssignableFrom(b)));
        ordered.addAll(last);
        this.kinds = List.copyOf(ordered);
        this.applier = Applier.of(client, Applier.Mode.CREATE_OR_UPDATE);
    }

    /**
     * A cleanup over the given kinds.
     *
     * @param client the cluster
     * @param kinds  every kind to look at (for example {@link ScaleSources#knownKinds()})
     * @return the cleanup
     */
    public static ScaleCleanup of(KubernetesClient client, Collection<Class<? extends HasMetadata>> kinds) {
        return new ScaleCleanup(client, kinds);
    }

    /**
     * Deletes every object of one run.
     *
     * @param runId the run id
     * @return what was deleted and what remains
     */
    public Result deleteRun(String runId) {
        return delete(Optional.of(runId), Duration.ofSeconds(60));
    }

    /**
     * Deletes every object of every scale run.
     *
     * @return what was deleted and what remains
     */
    public Result deleteAll() {
        return delete(Optional.empty(), Duration.ofSeconds(60));
    }

    /**
     * Counts the objects of one run, or of every run.
     *
     * @param runId the run id, empty for every run
     * @return how many objects carry the label
     */
    public long count(Optional<String> runId) {
        long n = 0;
        for (Class<? extends HasMetadata> k : kinds) {
            n += list(k, runId).size();
        }
        return n;
    }

    private Result delete(Optional<String> runId, Duration wait) {
        long deleted = 0;
        for (Class<? extends HasMetadata> k : kinds) {
            for (HasMetadata o : list(k, runId)) {
                if (applier.delete(o)) {
                    deleted++;
                }
            }
        }
        // a real API server finalizes namespaces asynchronously: wait for them to go
        long deadline = System.nanoTime() + wait.toNanos();
        long remaining = count(runId);
        while (remaining > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            remaining = count(runId);
        }
        return new Result(deleted, remaining);
    }

    private <T extends HasMetadata> List<T> list(Class<T> kind, Optional<String> runId) {
        try {
            FilterWatchListDeletable<T, KubernetesResourceList<T>, Resource<T>> op = Namespaced.class.isAssignableFrom(kind)
                    ? client.resources(kind).inAnyNamespace()
                    : client.resources(kind);
            op = runId.isPresent() ? op.withLabel(ScaleLabels.RUN, runId.get()) : op.withLabel(ScaleLabels.RUN);
            return op.list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of(); // the type is not installed on this cluster: nothing of it to clean
            }
            throw e;
        }
    }
}
