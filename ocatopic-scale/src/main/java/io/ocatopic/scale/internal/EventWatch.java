package io.ocatopic.scale.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.ocatopic.scale.ScaleLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches every kind of a run (label selector on the run id) and matches events to the writes that
 * caused them: ADDED/MODIFIED by the generation annotation, DELETED by identity.
 */
public final class EventWatch implements AutoCloseable {
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private volatile Recorder recorder;
    private volatile boolean closing;

    /**
     * Opens one watch per kind.
     *
     * @param client the API
     * @param runId  the run id the watches select by
     * @param kinds  the kinds to watch
     */
    public EventWatch(KubernetesClient client, String runId, List<Class<? extends HasMetadata>> kinds) {
        try {
            for (Class<? extends HasMetadata> kind : kinds) {
                watches.add(open(client, kind, runId));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private <T extends HasMetadata> Watch open(KubernetesClient client, Class<T> kind, String runId) {
        Watcher<T> w = new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                observed(action, resource);
            }

            @Override
            public void onClose(WatcherException cause) {
                if (!closing) {
                    closedEarly.incrementAndGet();
                }
            }
        };
        if (Namespaced.class.isAssignableFrom(kind)) {
            return client.resources(kind).inAnyNamespace().withLabel(ScaleLabels.RUN, runId).watch(w);
        }
        return client.resources(kind).withLabel(ScaleLabels.RUN, runId).watch(w);
    }

    /** Sends the latencies of the events from now on to a recorder (one per phase). */
    public void recordInto(Recorder r) {
        recorder = r;
    }

    /** Registers a write about to be sent; call before sending it. */
    public void expect(String key, long sentNanos) {
        pending.put(key, sentNanos);
    }

    /** Forgets a write that failed. */
    public void forget(String key) {
        pending.remove(key);
    }

    private void observed(Watcher.Action action, HasMetadata o) {
        long now = System.nanoTime();
        String key;
        if (action == Watcher.Action.DELETED) {
            key = deleteKey(o);
        } else if (action == Watcher.Action.ADDED || action == Watcher.Action.MODIFIED) {
            Map<String, String> ann = o.getMetadata().getAnnotations();
            String gen = ann == null ? null : ann.get(ScaleLabels.GENERATION);
            if (gen == null) {
                return;
            }
            key = writeKey(o, gen);
        } else {
            return;
        }
        Long sent = pending.remove(key);
        Recorder r = recorder;
        if (sent != null && r != null) {
            r.event(now - sent);
        }
    }

    /**
     * Waits until every expected event arrived or the timeout passed, then forgets the rest.
     *
     * @return how many expected events did not arrive
     */
    public int settle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        int missing = pending.size();
        pending.clear();
        return missing;
    }

    /** @return how many watches the server closed before the run ended */
    public int closedEarly() {
        return closedEarly.get();
    }

    /** The key of a create or update event: the object's identity and the generation. */
    public static String writeKey(HasMetadata o, String generation) {
        return id(o) + "|g" + generation;
    }

    /** The key of a delete event: the object's identity. */
    public static String deleteKey(HasMetadata o) {
        return id(o) + "|del";
    }

    /** The identity of an object: kind, namespace and name. */
    public static String id(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return o.getKind() + "|" + (ns == null ? "" : ns) + "|" + o.getMetadata().getName();
    }

    @Override
    public void close() {
        closing = true;
        for (Watch w : watches) {
            try {
                w.close();
            } catch (RuntimeException ignored) {
                // best effort: the client is closed with the run anyway
            }
        }
    }
}
