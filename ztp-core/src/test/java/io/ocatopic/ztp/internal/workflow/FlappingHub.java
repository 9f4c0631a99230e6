package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow;

import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.kube.KubeException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hub that is down, up or flapping by script: each call (probe, apply, get, delete) consumes one
 * character: {@code D} down, {@code U} up, {@code M} up and run the "move" hook first (the spoke gets a
 * new address). After the script the hub stays up. Wraps a real embedded API and checks every
 * auto-import Secret write is complete, and that imports never overlap.
 */
final class FlappingHub implements ClusterApi {
    private final ClusterApi delegate;
    private final Deque<Character> script = new ArrayDeque<>();
    private final Runnable move;
    final AtomicInteger completedImports = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger incompleteSecretWrites = new AtomicInteger();

    FlappingHub(ClusterApi delegate, String script, Runnable move) {
        this.delegate = delegate;
        script.chars().forEach(c -> this.script.add((char) c));
        this.move = move;
    }

    synchronized boolean done() {
        return script.isEmpty();
    }

    private synchronized boolean up() {
        Character c = script.poll();
        if (c == null) {
            return true;
        }
        if (c == 'M') {
            move.run();
        }
        return c != 'D';
    }

    private void require() {
        if (!up()) {
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "hub down (script)", null);
        }
    }

    @Override
    public <T extends HasMetadata> T apply(T object) {
        try {
            require();
        } catch (RuntimeException e) {
            inFlight.set(0);
            throw e;
        }
        if (object instanceof Namespace) {
            int n = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(n, Math::max);
        }
        if (object instanceof Secret s && "auto-import-secret".equals(s.getMetadata().getName())) {
            var d = s.getStringData();
            boolean complete = d != null && d.containsKey("autoImportRetry")
                    && (d.containsKey("kubeconfig") || (d.containsKey("token") && d.containsKey("server")));
            if (!complete) {
                incompleteSecretWrites.incrementAndGet();
            }
        }
        try {
            return delegate.apply(object);
        } catch (RuntimeException e) {
            inFlight.set(0);
            throw e;
        }
    }

    @Override
    public boolean delete(HasMetadata object) {
        try {
            require();
        } catch (RuntimeException e) {
            inFlight.set(0);
            throw e;
        }
        boolean r = delegate.delete(object);
        if (object.getMetadata().getName().endsWith("-import")) {
            completedImports.incrementAndGet();
            inFlight.decrementAndGet();
        }
        return r;
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        require();
        return delegate.get(type, namespace, name);
    }

    @Override
    public boolean reachable() {
        return up();
    }

    @Override
    public String endpoint() {
        return delegate.endpoint();
    }
}
