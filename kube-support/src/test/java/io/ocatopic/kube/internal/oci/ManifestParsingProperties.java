package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 16: OCI manifest and index parsing ({@link Manifest#of}, {@link Manifest#blobs()},
 * {@link Manifest#children()}, {@link Manifest#filterChildren}) fed arbitrary bytes, random JSON trees
 * built from the manifest vocabulary, and valid manifests and indexes mutated as text and as trees. Each
 * try ends in a parsed value or a {@link RegistryException}, never another exception, within a few seconds.
 * Fixed seeds: CI runs the same tries every time.
 */
class ManifestParsingProperties {
    private static final long BUDGET_S = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "manifest-properties");
        t.setDaemon(true);
        return t;
    });
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "0123456789abcdef".repeat(4);

    static final String IMAGE = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":1234},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":5678},
                       {"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar","digest":"%s",
                        "size":1,"urls":["https://example.com/l"]}],
             "annotations":{"org.opencontainers.image.created":"2026-01-01T00:00:00Z"}}
            """.formatted(D1, D2, D1);
    static final String INDEX = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
             "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":500,
                           "platform":{"os":"linux","architecture":"amd64"}},
                          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":501,
                           "platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}
            """.formatted(D1, D2);
    static final String DOCKER = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"%s"},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"%s"}]}
            """.formatted(D1, D2);
    static final String DOCKER_LIST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
             "manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":7143,
                           "digest":"%s","platform":{"architecture":"ppc64le","os":"linux"}}]}
            """.formatted(D2);
    static final List<String> VALID = List.of(IMAGE, INDEX, DOCKER, DOCKER_LIST);
    static final List<String> MEDIA_TYPES = List.of("", "application/json", Manifest.OCI_INDEX, Manifest.DOCKER_LIST,
            Manifest.OCI_MANIFEST, Manifest.DOCKER_MANIFEST, Manifest.OCI_MANIFEST + "; charset=utf-8", ";", "text/plain");

    @AfterContainer
    static void stopWorker() {
        WORKER.shutdownNow();
    }

    @Property(tries = 800, seed = "16101", shrinking = ShrinkingMode.BOUNDED)
    void arbitraryBytesParseOrSayRegistryException(@ForAll("junk") byte[] bytes, @ForAll("mediaTypes") String type) {
        bounded(() -> exercise(type, bytes));
    }

    @Property(tries = 800, seed = "16102", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void randomManifestShapedTreesParseOrSayRegistryException(@ForAll("trees") JsonNode tree,
                                                               @ForAll("mediaTypes") String type) throws Exception {
        byte[] bytes = JSON.writeValueAsBytes(tree);
        bounded(() -> exercise(type, bytes));
    }

    @Property(tries = 800, seed = "16103", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void mutatedManifestsParseOrSayRegistryException(@ForAll("mutated") byte[] bytes, @ForAll("mediaTypes") String type) {
        bounded(() -> exercise(type, bytes));
    }

    /** Every reading a mirror does: the manifest, its blobs or children, an index filtered to some children. */
    static Void exercise(String type, byte[] bytes) {
        try {
            Manifest m = Manifest.of(type, bytes);
            assertNotNull(m.digest());
            List<Descriptor> all = new ArrayList<>(m.blobs());
            all.addAll(m.children());
            for (Descriptor d : all) {
                assertFalse(d.size() < 0, d.toString());
            }
            if (m.isIndex()) {
                Manifest f = m.filterChildren(Set.of(D1));
                f.children();
            }
        } catch (RegistryException e) {
            assertNotNull(e.kind(), e.toString());
            assertNotNull(e.getMessage());
        }
        return null;
    }

    static void bounded(Callable<Void> body) {
        Future<Void> f = WORKER.submit(body);
        try {
            f.get(BUDGET_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the parser did not finish within " + BUDGET_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            fail(e.getCause());
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> mediaTypes() {
        return Arbitraries.of(MEDIA_TYPES).injectNull(0.05);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789-.eE truefalsnl\\u")
                .withCharRange('a', 'z').ofMaxLength(120).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, jsonish);
    }

    static final List<String> KEYS = List.of("schemaVersion", "mediaType", "config", "layers", "manifests", "digest",
            "size", "platform", "os", "architecture", "variant", "urls", "annotations", "subject", "artifactType");

    Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(D1, D2, "sha512:" + "b".repeat(128), "sha256:", "sha256:XYZ", "", " ", "linux", "amd64",
                        Manifest.OCI_INDEX, Manifest.OCI_MANIFEST, Manifest.DOCKER_LIST).map(F::textNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.of(-1L, 0L, Long.MIN_VALUE, Long.MAX_VALUE).map(F::numberNode),
                Arbitraries.of(1e308, -0.5, Double.MAX_VALUE).map(F::numberNode),
                Arbitraries.of(F.booleanNode(true), F.nullNode(), F.arrayNode(), F.objectNode()),
                Arbitraries.strings().ofMaxLength(10).map(F::textNode));
    }

    Arbitrary<JsonNode> tree(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<JsonNode> obj = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.lazy(() -> tree(depth - 1)))
                .as(Tuple::of).list().ofMaxSize(5).map(kv -> {
                    ObjectNode o = F.objectNode();
                    kv.forEach(t -> o.set(t.get1(), t.get2()));
                    return o;
                });
        Arbitrary<JsonNode> arr = Arbitraries.lazy(() -> tree(depth - 1)).list().ofMaxSize(3).map(l -> {
            ArrayNode a = F.arrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, scalar()), Tuple.of(4, obj), Tuple.of(2, arr));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return tree(4).filter(JsonNode::isObject);
    }

    /** A valid manifest or index with a few text mutations, or one tree edit (a value replaced or removed). */
    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> text = Combinators.combine(Arbitraries.of(VALID), textMutation().list().ofMinSize(1).ofMaxSize(3))
                .as((s, ms) -> {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    for (TextMutation m : ms) {
                        b = m.apply(b);
                    }
                    return b;
                });
        Arbitrary<byte[]> tree = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 2), scalar().injectNull(0.1))
                .as((s, pick, op, value) -> {
                    try {
                        JsonNode root = JSON.readTree(s);
                        List<JsonNode> containers = new ArrayList<>();
                        collect(root, containers);
                        JsonNode target = containers.get(pick % containers.size());
                        edit(target, pick, op, value == null ? F.objectNode() : value);
                        return JSON.writeValueAsBytes(root);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return Arbitraries.oneOf(text, tree);
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (JsonNode c : n) {
                collect(c, out);
            }
        }
    }

    static void edit(JsonNode target, int pick, int op, JsonNode value) {
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (op == 2 || names.isEmpty()) {
                o.set(KEYS.get(pick % KEYS.size()), value);
            } else if (op == 1) {
                o.remove(names.get(pick % names.size()));
            } else {
                o.set(names.get(pick % names.size()), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (op == 1 && a.size() > 0) {
                a.remove(pick % a.size());
            } else if (a.size() > 0 && op == 0) {
                a.set(pick % a.size(), value);
            } else {
                a.add(value);
            }
        }
    }

    record TextMutation(int kind, int pos, int value, String junk) {
        byte[] apply(byte[] b) {
            int len = b.length;
            int at = len == 0 ? 0 : Math.floorMod(pos, len);
            switch (kind) {
                case 0:
                    if (len > 0) {
                        b[at] ^= (byte) (1 << (value & 7));
                    }
                    return b;
                case 1:
                    return Arrays.copyOf(b, at);
                case 2: {
                    byte[] j = junk.getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[len + j.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(j, 0, out, at, j.length);
                    System.arraycopy(b, at, out, at + j.length, len - at);
                    return out;
                }
                default: {
                    int n = Math.min(len - at, 1 + Math.floorMod(value, 12));
                    byte[] out = new byte[len - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, len - at - n);
                    return out;
                }
            }
        }
    }

    Arbitrary<TextMutation> textMutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers(), Arbitraries.of("\"", ",", "{", "}", "[", "]", ":", "null", "-1",
                        "99999999999999999999999", "\"\"", "\\u0000", "{\"manifests\":1}", "\"platform\":{\"os\":\"\",\"architecture\":\" \"},"))
                .as(TextMutation::new);
    }
}
