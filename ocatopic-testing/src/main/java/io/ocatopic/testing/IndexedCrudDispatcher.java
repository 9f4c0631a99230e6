package io.ocatopic.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Key;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD store with an index by (resource, namespace, name), so that a read, create, update or patch of
 * one object costs the same with 40,000 objects stored as with 40: the store itself scans every stored object
 * (under one lock) for each of them, which made the embedded API serve about 150 requests/s to a fleet of
 * 5,000 simulated spokes. Lists, watches and deletes still go through the store as they are.
 *
 * <p>The answers are the store's: a lookup takes the objects indexed under the request's resource, namespace and
 * name and keeps the first that matches the request's attributes (label and field selectors included), as the
 * store's scan does, in the same order. The index is kept by the one method every write of the store goes
 * through ({@link #processEvent}), before the store changes, so a read never returns an older object than a
 * watch has already announced. Where the store's attribute sets cannot be read (a fabric8 version that renamed
 * their field), every request goes to the store as it is: slower, never different.
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private static final Field ATTRIBUTES = attributesField();
    private static final Key PLURAL = new Key(KubernetesAttributesExtractor.PLURAL);
    private static final Key NAMESPACE = new Key(KubernetesAttributesExtractor.NAMESPACE);
    private static final Key NAME = new Key(KubernetesAttributesExtractor.NAME);

    /** One stored object: the store's key for it and its JSON. */
    private record Stored(AttributeSet key, String json) {
    }

    private final Map<String, List<Stored>> index = new ConcurrentHashMap<>();
    private final KubernetesAttributesExtractor extractor;
    private final AtomicLong requests = new AtomicLong();
    private volatile Runnable every;
    private volatile int everyN;

    IndexedCrudDispatcher() {
        this.extractor = (KubernetesAttributesExtractor) attributeExtractor;
    }

    private static Field attributesField() {
        try {
            Field f = AttributeSet.class.getDeclaredField("attributes");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether lookups use the index (false only where the store's attribute sets cannot be read). */
    static boolean indexed() {
        return ATTRIBUTES != null;
    }

    /**
     * Runs {@code task} after every {@code n} requests (the embedded API uses it to drop the requests the
     * mock server records, which would otherwise grow without bound in a long run).
     */
    void every(int n, Runnable task) {
        this.everyN = n;
        this.every = task;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse r = super.dispatch(request);
        Runnable t = every;
        if (t != null && requests.incrementAndGet() % everyN == 0) {
            t.run();
        }
        return r;
    }

    @Override
    public MockResponse handleGet(String path) {
        if (ATTRIBUTES != null && !path.contains("watch=true")) {
            Map<String, String> p = extractor.fromKubernetesPath(path);
            String plural = p.get(KubernetesAttributesExtractor.PLURAL);
            String name = p.get(KubernetesAttributesExtractor.NAME);
            if (plural != null && name != null) {
                Stored s = find(plural, p.get(KubernetesAttributesExtractor.NAMESPACE), name, extractor.fromPath(path));
                MockResponse response = new MockResponse();
                if (s == null) {
                    return response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
                }
                return response.setBody(s.json()).setResponseCode(HttpURLConnection.HTTP_OK);
            }
        }
        return super.handleGet(path);
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        String plural = value(query, PLURAL);
        String name = value(query, NAME);
        if (plural == null || name == null) {
            return super.findResource(query);
        }
        Stored s = find(plural, value(query, NAMESPACE), name, query);
        return s == null ? null : Map.entry(s.key(), s.json());
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        if (ATTRIBUTES != null) {
            // the store's own computation of the new key (KubernetesCrudDispatcher.processEvent)
            AttributeSet fresh = null;
            if (newState != null) {
                fresh = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
                if (!fresh.containsKey(PLURAL)) {
                    fresh = AttributeSet.merge(pathAttributes, fresh);
                }
            }
            if (oldAttributes != null) {
                unindex(oldAttributes);
            }
            if (fresh != null) {
                String k = identity(fresh);
                if (k != null) {
                    List<Stored> now = new ArrayList<>(index.getOrDefault(k, List.of()));
                    AttributeSet f = fresh;
                    now.removeIf(s -> s.key().equals(f));
                    now.add(new Stored(fresh, newState));
                    index.put(k, List.copyOf(now));
                }
            }
        }
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    }

    @Override
    public void reset() {
        super.reset();
        index.clear();
    }

    private void unindex(AttributeSet key) {
        String k = identity(key);
        if (k == null) {
            return;
        }
        List<Stored> was = index.get(k);
        if (was == null) {
            return;
        }
        List<Stored> now = new ArrayList<>(was);
        now.removeIf(s -> s.key().equals(key));
        if (now.isEmpty()) {
            index.remove(k);
        } else {
            index.put(k, List.copyOf(now));
        }
    }

    private Stored find(String plural, String namespace, String name, AttributeSet query) {
        List<Stored> candidates = index.get(identity(plural, namespace, name));
        if (candidates != null) {
            for (Stored s : candidates) {
                if (s.key().matches(query)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String identity(AttributeSet a) {
        String plural = value(a, PLURAL);
        String name = value(a, NAME);
        return plural == null || name == null ? null : identity(plural, value(a, NAMESPACE), name);
    }

    private static String identity(String plural, String namespace, String name) {
        return plural + '/' + (namespace == null ? "" : namespace) + '/' + name;
    }

    @SuppressWarnings("unchecked")
    private static String value(AttributeSet a, Key key) {
        if (ATTRIBUTES == null) {
            return null;
        }
        Attribute attr;
        try {
            attr = ((Map<Key, Attribute>) ATTRIBUTES.get(a)).get(key);
        } catch (IllegalAccessException e) {
            return null;
        }
        if (attr == null || attr.getType() != AttributeType.WITH || attr.getValues().size() != 1) {
            return null;
        }
        return attr.getValues().get(0).toString();
    }
}
