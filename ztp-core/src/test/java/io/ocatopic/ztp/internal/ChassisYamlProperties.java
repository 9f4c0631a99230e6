package io.ocatopic.ztp.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.core.OcatopicException;
import io.ocatopic.core.Problem;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Issue 16: the chassis file reader ({@link ChassisSpec#parse}, {@link ChassisFormat#read}) fed the sample mutated line by line and as a tree (a value replaced, removed or added, with
 * integers at their edges, wrong types, empty and odd strings), and random YAML trees built from the format's
 * field names. Each try ends in a valid value or in ZtpException with a non-empty message (and, for a validation
 * failure, non-empty problem paths), never another exception, within a few seconds. Fixed seeds: CI runs the
 * same tries every time.
 */
class ChassisYamlProperties {
    private static final long BUDGET_S = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "yaml-properties");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopWorker() {
        WORKER.shutdownNow();
    }

    @Property(tries = 500, seed = "16301", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void textMutationsOfTheSampleGiveAValueOrTheModuleException(@ForAll("textMutated") String text) {
        bounded(() -> read(text));
    }

    @Property(tries = 600, seed = "16302", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void treeMutationsOfTheSampleGiveAValueOrTheModuleException(@ForAll("treeMutated") String text) {
        bounded(() -> read(text));
    }

    @Property(tries = 400, seed = "16303", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void randomTreesGiveAValueOrTheModuleException(@ForAll("randomTrees") String text) {
        bounded(() -> read(text));
    }

    static Void read(String text) {
        try {
            assertNotNull(parse(text));
        } catch (ZtpException e) {
            assertOk(e);
        }
        return null;
    }

    static void assertOk(OcatopicException e) {
        assertNotNull(e.reason(), e.toString());
        assertFalse(String.valueOf(e.getMessage()).isBlank(), e.toString());
        for (Problem p : e.problems()) {
            assertFalse(p.message() == null || p.message().isBlank(), e.toString());
            assertFalse(p.path() == null || p.path().isBlank(), "problem without a path: " + p + " in " + e);
        }
    }

    static void bounded(Callable<Void> body) {
        Future<Void> f = WORKER.submit(body);
        try {
            f.get(BUDGET_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the reader did not finish within " + BUDGET_S + " s");
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

    static final List<String> TOKENS = List.of(":", "- ", "  ", "\t", "[", "]", "{", "}", "'", "\"", "&a ", "*a", "<<: *a",
            "!!binary ", "!!int ", "!!str ", "~", "null", "-1", "0x7fffffff", "99999999999999999999", "1e400", ".nan",
            "true", "\"\"", "%YAML 1.1\n", "---\n", "...\n", "? ", "|\n", ">-\n", "#", "\\0", "\u0000", "\uFEFF", "/");

    @Provide
    Arbitrary<String> textMutated() {
        Arbitrary<int[]> op = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers().between(0, TOKENS.size() - 1)).as((k, p, t) -> new int[] {k, p, t});
        return Combinators.combine(Arbitraries.of(samples()), op.list().ofMinSize(1).ofMaxSize(4)).as((s, ops) -> {
            List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
            for (int[] o : ops) {
                int i = Math.floorMod(o[1], lines.size());
                String l = lines.get(i);
                switch (o[0]) {
                    case 0 -> lines.remove(i);
                    case 1 -> lines.add(i, l);
                    case 2 -> lines.set(i, "  " + l);
                    case 3 -> lines.set(i, l.startsWith("  ") ? l.substring(2) : l);
                    case 4 -> {
                        int c = l.isEmpty() ? 0 : Math.floorMod(o[1] * 31, l.length() + 1);
                        lines.set(i, l.substring(0, c) + TOKENS.get(o[2]) + l.substring(c));
                    }
                    default -> {
                        int c = l.isEmpty() ? 0 : Math.floorMod(o[1] * 31, l.length());
                        lines.set(i, l.substring(0, c));
                    }
                }
                if (lines.isEmpty()) {
                    lines.add("");
                }
            }
            return String.join("\n", lines);
        });
    }

    Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 7, 8, 33, Integer.MAX_VALUE).map(i -> (JsonNode) F.numberNode(i)),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE).map(l -> (JsonNode) F.numberNode(l)),
                Arbitraries.of(Double.MAX_VALUE, -0.5, 2.5).map(d -> (JsonNode) F.numberNode(d)),
                Arbitraries.of(VALUES).map(F::textNode),
                Arbitraries.strings().ofMaxLength(12).map(F::textNode),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode(), F.arrayNode(), F.objectNode()));
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
    Arbitrary<String> randomTrees() {
        return tree(5).map(ChassisYamlProperties::json);
    }

    @Provide
    Arbitrary<String> treeMutated() {
        Arbitrary<int[]> op = Combinators.combine(Arbitraries.integers().between(0, 1 << 16), Arbitraries.integers().between(0, 2))
                .as((p, k) -> new int[] {p, k});
        Arbitrary<Tuple.Tuple2<int[], JsonNode>> edit = Combinators.combine(op, Arbitraries.oneOf(scalar(), tree(2))).as(Tuple::of);
        return Combinators.combine(Arbitraries.of(samples()), edit.list().ofMinSize(1).ofMaxSize(3)).as((s, edits) -> {
            JsonNode root = tree(s);
            for (Tuple.Tuple2<int[], JsonNode> e : edits) {
                List<JsonNode> containers = new ArrayList<>();
                collect(root, containers);
                edit(containers.get(e.get1()[0] % containers.size()), e.get1()[0], e.get1()[1], e.get2().deepCopy());
            }
            return json(root);
        });
    }

    static JsonNode tree(String yaml) {
        try {
            return io.ocatopic.kube.internal.UserFiles.yaml().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    static Object parse(String text) {
        return ChassisSpec.parse(text);
    }

    static List<String> samples() {
        return List.of(ChassisSpec.sample("site", 1).toYaml(), ChassisSpec.sample("edge", 2).toYaml());
    }

    static final List<String> KEYS = List.of("apiVersion", "kind", "release", "registry", "mirrors", "pullSecret", "sshKey",
            "clusters", "version", "tag", "rhcosRelease", "clientMirror", "clusterImageSet", "acmVersion", "odfVersion",
            "source", "policy", "name", "baseDomain", "tpm", "fips", "labels", "contrib", "network", "nodes",
            "machineNetwork", "gateway", "apiVip", "ingressVip", "clusterNetwork", "hostPrefix", "serviceNetwork",
            "dnsServers", "role", "bmc", "externalNic", "internalNic", "machineIp", "ignoredInterfaces", "rootDisk",
            "storageDisks", "externalIp", "url", "username", "password", "mac", "value", "env", "file", "secret");
    static final List<String> VALUES = List.of("ztp.ocatopic.io/v1", "ChassisSpec", "control-plane", "master", "worker",
            "10.0.0.0/24", "10.0.0.1", "300.1.1.1/33", "10.0.0.0/0", "::1", "fe80::/10", "02:00:00:00:00:01", "zz:zz",
            "/dev/sda", "redfish-virtualmedia://10.0.0.1/redfish/v1/Systems/1", "http://[::1", "4.14.10", "a/b", "/",
            "\u0000", "nul\u0000in/path", "AllowContactingSource", "NeverContactSource", "", " ", "-", "UPPER_case",
            "a".repeat(300));
}
