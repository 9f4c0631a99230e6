package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ocatopic.testing.EmbeddedApi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI contract (issue 17) of the kmm, scale, apply, lint, demo and completion leaves, one table row per leaf:
 * {@code -o json} parses and carries the same data as {@code -o yaml}; stdout holds only data (no progress or log
 * line); {@code -} reads stdin; bad input exits 2 with one stderr line and no stack trace; an unreachable system
 * (cluster, container engine) exits 3 in seconds with one stderr line; every leaf's help has Examples.
 */
class KmmScaleCliContractTest {
    /** The leaves this class covers, as full command paths without {@code ocatopic}. */
    static final List<String> LEAVES = List.of("kmm build", "kmm sign", "kmm verify", "kmm keygen",
            "scale acm", "scale kmm", "scale fleet", "scale fleet-job", "scale fleet-merge", "scale cleanup",
            "apply", "lint", "demo", "completion");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String NO_ENGINE = "unix:///nonexistent/ocatopic-contract-test.sock";
    private static final String MANAGED_CLUSTER = """
            apiVersion: cluster.open-cluster-management.io/v1
            kind: ManagedCluster
            metadata:
              name: %s
            spec:
              hubAcceptsClient: true
            """;

    @TempDir
    static Path tmp;

    private static EmbeddedApi api;
    private static Path apiKubeconfig;
    private static Path unreachable;
    private static Path key;
    private static Path cert;
    private static Path unsignedKo;
    private static Path signedKo;
    private static Path moduleSource;

    /**
     * One row: a leaf and the checks that apply to it (null where one does not).
     *
     * @param leaf        the command path
     * @param output      args for a run whose -o json and -o yaml outputs are compared (the format is appended)
     * @param volatiles   result fields that differ from run to run (timings), left out of the comparison
     * @param stdin       a run that reads stdin, its input and what its stdout must contain
     * @param badInput    args of a run with bad input (exit 2)
     * @param unreachable args of a run against a system that does not answer (exit 3)
     */
    record Row(String leaf, Supplier<String[]> output, Set<String> volatiles, Supplier<StdinCase> stdin,
               Supplier<String[]> badInput, Supplier<String[]> unreachable) {
    }

    /**
     * A run reading stdin.
     *
     * @param input    what stdin holds
     * @param rc       the exit code expected
     * @param expected what stdout must contain
     * @param args     the command line
     */
    record StdinCase(byte[] input, int rc, String expected, String... args) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        api = EmbeddedApi.start();
        apiKubeconfig = ScaleTesting.kubeconfig(api, tmp.resolve("api"));
        unreachable = tmp.resolve("unreachable.kubeconfig");
        Files.writeString(unreachable, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "- name: x",
                "  cluster:", "    server: https://127.0.0.1:1", "contexts:", "- name: x", "  context:", "    cluster: x",
                "    user: x", "current-context: x", "users:", "- name: x", "  user: {}", ""));
        key = tmp.resolve("k.pem");
        cert = tmp.resolve("k.x509");
        CliRun.Result k = exec(null, "kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(),
                "--cert-out", cert.toString());
        assertEquals(0, k.rc(), k.err());
        unsignedKo = tmp.resolve("hello.ko");
        try (InputStream in = KmmScaleCliContractTest.class.getResourceAsStream("/samples/hello-6.1.0-56-amd64.ko")) {
            Files.copy(in, unsignedKo);
        }
        signedKo = tmp.resolve("signed.ko");
        CliRun.Result s = exec(null, "kmm", "sign", "--key", key.toString(), "--cert", cert.toString(),
                "--out", signedKo.toString(), unsignedKo.toString());
        assertEquals(0, s.rc(), s.err());
        moduleSource = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(moduleSource.resolve("Makefile"), "obj-m += ocatopic_hello.o\n");
        Files.writeString(tmp.resolve("cluster.yaml"), MANAGED_CLUSTER.formatted("edge-1"));
        Files.writeString(tmp.resolve("broken.yaml"), """
                apiVersion: cluster.open-cluster-management.io/v1
                kind: ManagedCluster
                metadata:
                  name: edge_1
                spec:
                  hubAcceptsClient: "yes"
                """);
        Files.writeString(tmp.resolve("not-yaml.yaml"), "apiVersion: v1\nkind: [unclosed\n");
        // one shard's report, for fleet-merge
        CliRun.Result f = exec(null, "scale", "fleet", "--spokes", "2", "--scenarios", "join", "--lease-seconds", "1",
                "--status-sync", "1", "--slo-warmup", "0", "--out-dir", tmp.resolve("shard-0").toString());
        assertTrue(Files.exists(tmp.resolve("shard-0/fleet-report.json")), f.err());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static List<Row> rows() {
        String p = tmp.toString();
        String kc = apiKubeconfig.toString();
        String down = unreachable.toString();
        String[] buildArgs = {"kmm", "build", "--source", moduleSource.toString(),
            "--kernel", "6.1.0-54-amd64", "--image", "reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}",
            "--builder-image", "reg.example.com/kbuild:1", "--base-image", "reg.example.com/busybox:1"};
        return List.of(
                new Row("kmm build", null, Set.of(), null,
                        () -> concat(buildArgs, "--name", "ocatopic_hello.", "--engine", NO_ENGINE),
                        () -> concat(buildArgs, "--name", "ocatopic_hello", "--engine", NO_ENGINE)),
                new Row("kmm sign",
                        () -> new String[] {"kmm", "sign", "--resign", "--key", key.toString(), "--cert", cert.toString(),
                            "--out", p + "/resigned.ko", signedKo.toString(), "-o"},
                        Set.of("elapsedMs"),
                        // a module is signed in place: '-' is refused, as its help says
                        () -> new StdinCase(new byte[0], 2, "", "kmm", "sign", "--key", key.toString(), "--cert",
                                cert.toString(), "-"),
                        () -> new String[] {"kmm", "sign", "--key", key.toString(), "--cert", cert.toString(),
                            p + "/cluster.yaml"},
                        null),
                new Row("kmm verify",
                        () -> new String[] {"kmm", "verify", "--cert", cert.toString(), signedKo.toString(), "-o"},
                        Set.of(),
                        () -> new StdinCase(read(signedKo), 0, "stdin: VERIFIED", "kmm", "verify", "--cert",
                                cert.toString(), "-"),
                        () -> new String[] {"kmm", "verify", p + "/no-such.ko"},
                        null),
                new Row("kmm keygen",
                        () -> new String[] {"kmm", "keygen", "--force", "--type", "ec-p384", "--key-out", p + "/o.pem",
                            "--cert-out", p + "/o.x509", "-o"},
                        Set.of(), null,
                        () -> new String[] {"kmm", "keygen", "--type", "rsa1", "--key-out", p + "/x.pem",
                            "--cert-out", p + "/x.x509"},
                        null),
                new Row("scale acm",
                        () -> new String[] {"scale", "acm", "--spokes", "3", "--out-dir", p + "/acm", "-o"},
                        null,
                        null,
                        () -> new String[] {"scale", "acm", "--run-id", "Not_Valid"},
                        () -> new String[] {"scale", "acm", "--kubeconfig", down, "--spokes", "1", "--out-dir", p + "/x"}),
                new Row("scale kmm",
                        () -> new String[] {"scale", "kmm", "--spokes", "2", "--phases", "create", "--out-dir", p + "/kmm", "-o"},
                        null,
                        null,
                        () -> new String[] {"scale", "kmm", "--spokes", "0"},
                        () -> new String[] {"scale", "kmm", "--kubeconfig", down, "--out-dir", p + "/x"}),
                new Row("scale fleet",
                        () -> new String[] {"scale", "fleet", "--spokes", "2", "--scenarios", "join", "--lease-seconds", "1",
                            "--status-sync", "1", "--slo-warmup", "0", "--out-dir", p + "/fleet", "-o"},
                        null, null,
                        () -> new String[] {"scale", "fleet", "--spokes", "0"},
                        () -> new String[] {"scale", "fleet", "--kubeconfig", down, "--spokes", "1", "--out-dir", p + "/x"}),
                new Row("scale fleet-job",
                        () -> new String[] {"scale", "fleet-job", "--run-id", "big1", "--image", "quay.io/acme/ocatopic:0.1.0",
                            "--spokes", "200", "--shards", "2", "-o"},
                        Set.of(), null,
                        () -> new String[] {"scale", "fleet-job", "--run-id", "big1", "--image", "x", "--spokes", "10",
                            "--", "$(rm)"},
                        null),
                new Row("scale fleet-merge",
                        () -> new String[] {"scale", "fleet-merge", p + "/shard-0/fleet-report.json", "-o"},
                        Set.of(), null,
                        () -> new String[] {"scale", "fleet-merge", p + "/not-yaml.yaml"},
                        null),
                new Row("scale cleanup",
                        () -> new String[] {"scale", "cleanup", "--run-id", "nothing-here", "--kubeconfig", kc, "-o"},
                        Set.of(), null,
                        () -> new String[] {"scale", "cleanup", "--all", "--kubeconfig", p + "/no-such.kubeconfig"},
                        () -> new String[] {"scale", "cleanup", "--all", "--kubeconfig", down}),
                new Row("apply",
                        () -> new String[] {"apply", "-f", p + "/cluster.yaml", "--dry-run=server", "--kubeconfig", kc, "-o"},
                        Set.of(),
                        () -> new StdinCase(MANAGED_CLUSTER.formatted("edge-9").getBytes(StandardCharsets.UTF_8), 0,
                                "ManagedCluster/edge-9 accepted (server dry run)", "apply", "-f", "-", "--dry-run=server",
                                "--kubeconfig", kc),
                        () -> new String[] {"apply", "-f", p + "/not-yaml.yaml", "--kubeconfig", kc},
                        () -> new String[] {"apply", "-f", p + "/cluster.yaml", "--kubeconfig", down}),
                new Row("lint",
                        () -> new String[] {"lint", p + "/broken.yaml", "-o"},
                        Set.of(),
                        () -> new StdinCase(MANAGED_CLUSTER.formatted("edge_2").getBytes(StandardCharsets.UTF_8), 1,
                                "-#1: ManagedCluster/edge_2: metadata.name", "lint", "-"),
                        () -> new String[] {"lint", p + "/not-yaml.yaml"},
                        null),
                new Row("demo",
                        () -> new String[] {"demo", "--no-build", "--spokes", "2", "-o"},
                        null, null,
                        () -> new String[] {"demo", "--spokes", "0"},
                        null),
                new Row("completion", null, Set.of(), null,
                        () -> new String[] {"completion", "fish"},
                        null));
    }

    @Test
    void everyLeafHasARow() {
        assertEquals(LEAVES, rows().stream().map(Row::leaf).toList());
    }

    @TestFactory
    Stream<DynamicNode> contract() {
        return rows().stream().map(r -> {
            List<DynamicNode> checks = new ArrayList<>();
            checks.add(DynamicTest.dynamicTest("help has Examples", () -> help(r.leaf())));
            if (r.output() != null) {
                checks.add(DynamicTest.dynamicTest("-o json equals -o yaml", () -> sameData(r)));
            }
            if (r.stdin() != null) {
                checks.add(DynamicTest.dynamicTest("- reads stdin", () -> stdin(r.stdin().get())));
            }
            if (r.badInput() != null) {
                checks.add(DynamicTest.dynamicTest("bad input exits 2 with one line",
                        () -> oneLine(r.badInput().get(), 2)));
            }
            if (r.unreachable() != null) {
                checks.add(DynamicTest.dynamicTest("unreachable exits 3 with one line in seconds",
                        () -> oneLine(r.unreachable().get(), 3)));
            }
            return DynamicContainer.dynamicContainer(r.leaf(), checks);
        });
    }

    private static void help(String leaf) {
        CommandLine cl = Ocatopic.commandLine();
        for (String part : leaf.split(" ")) {
            cl = cl.getSubcommands().get(part);
        }
        String usage = cl.getUsageMessage();
        assertTrue(usage.contains("Examples:"), leaf + " help has no Examples:\n" + usage);
        long examples = usage.lines().dropWhile(l -> !l.contains("Examples:")).filter(l -> l.startsWith("  ocatopic ")
                || l.contains("| ocatopic ") || l.contains("<(ocatopic ") || l.startsWith("  curl ")
                || l.startsWith("  KBUILD_SIGN_PIN=")).count();
        assertTrue(examples >= 2, leaf + " has fewer than 2 example lines:\n" + usage);
        String description = String.join(" ", cl.getCommandSpec().usageMessage().description()).strip();
        assertTrue(description.endsWith("."), leaf + ": " + description);
    }

    private static void sameData(Row r) throws Exception {
        CliRun.Result json = exec(null, concat(r.output().get(), "json"));
        assertTrue(json.rc() == 0 || json.rc() == 1, r.leaf() + " -o json: " + json.err());
        assertFalse(json.err().contains("\tat "), json.err());
        JsonNode j = JSON.readTree(json.out()); // all of stdout is the data: no progress or log line
        CliRun.Result yaml = exec(null, concat(r.output().get(), "yaml"));
        assertEquals(json.rc(), yaml.rc(), r.leaf() + " -o yaml: " + yaml.err());
        JsonNode y = yamlData(yaml.out());
        if (r.volatiles() == null) {
            // timing-driven results (a fleet run, the demo): the same shape, field by field
            assertEquals(shape(j), shape(y), r.leaf() + ": yaml and json differ in shape");
        } else {
            assertEquals(strip(j, r.volatiles()), strip(y, r.volatiles()), r.leaf() + ": yaml and json differ");
        }
        assertFalse(json.out().contains("\r"), "no progress bar on stdout");
    }

    /** One YAML document, or a multi-document stream (of Kubernetes objects) as a list. */
    private static JsonNode yamlData(String text) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            it.forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
        }
        if (docs.size() == 1) {
            return docs.get(0);
        }
        ArrayNode a = JSON.createArrayNode();
        docs.forEach(a::add);
        return a;
    }

    private static JsonNode strip(JsonNode n, Set<String> volatiles) {
        JsonNode c = n.deepCopy();
        stripIn(c, volatiles);
        return c;
    }

    private static void stripIn(JsonNode n, Set<String> volatiles) {
        if (n instanceof ObjectNode o) {
            o.remove(volatiles);
            o.forEach(v -> stripIn(v, volatiles));
        } else if (n instanceof ArrayNode a) {
            a.forEach(v -> stripIn(v, volatiles));
        }
    }

    /** The field names and value kinds, recursively (numbers as one kind: YAML and JSON type them alike). */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            n.fieldNames().forEachRemaining(f -> sb.append(f).append(':').append(shape(n.get(f))).append(','));
            return sb.append('}').toString();
        }
        if (n.isArray()) {
            return "[" + (n.isEmpty() ? "" : shape(n.get(0))) + "]";
        }
        return n.isNumber() ? "number" : n.getNodeType().name();
    }

    private static void stdin(StdinCase c) {
        CliRun.Result r = execBytes(c.input(), c.args());
        assertEquals(c.rc(), r.rc(), String.join(" ", c.args()) + ": " + r.out() + r.err());
        assertTrue(r.out().contains(c.expected()), r.out());
        if (c.rc() == 2) {
            assertEquals(1, r.errLines().size(), r.err());
        }
    }

    private static void oneLine(String[] args, int rc) {
        long t0 = System.nanoTime();
        CliRun.Result r = exec(null, args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(rc, r.rc(), String.join(" ", args) + ": " + r.out() + r.err());
        assertEquals(1, r.errLines().size(), "exactly one stderr line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        String prefix = "ocatopic " + String.join(" ", List.of(args).subList(0, args[0].equals("kmm")
                || args[0].equals("scale") ? 2 : 1)) + ": ";
        assertTrue(r.errLines().get(0).startsWith(prefix), r.err());
        if (rc == 3) {
            assertTrue(ms < 15_000, "fails in seconds: " + ms + " ms");
            assertTrue(r.out().isBlank(), "nothing on stdout: " + r.out());
        }
    }

    @Test
    void kmmBuildNamesTheSocketFromDockerHost() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, Ocatopic.class.getName(), "kmm", "build", "--name", "ocatopic_hello", "--source",
                moduleSource.toString(), "--kernel", "6.1.0-54-amd64", "--image", "reg.example.com/kmm/x:1",
                "--builder-image", "reg.example.com/kbuild:1", "--base-image", "reg.example.com/busybox:1");
        pb.environment().put("DOCKER_HOST", NO_ENGINE);
        pb.redirectOutput(tmp.resolve("build.out").toFile()).redirectError(tmp.resolve("build.err").toFile());
        long t0 = System.nanoTime();
        Process proc = pb.start();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String err = Files.readString(tmp.resolve("build.err"));
        assertEquals(3, proc.exitValue(), err);
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("ocatopic kmm build: ENGINE: no container engine at " + NO_ENGINE + " (from DOCKER_HOST): "
                + NO_ENGINE.substring("unix://".length()) + " does not exist; start Docker or 'podman system service',"
                + " or pass --engine URL"), lines);
        assertEquals("", Files.readString(tmp.resolve("build.out")));
        assertTrue(ms < 20_000, ms + " ms");
    }

    @Test
    void scaleProgressGoesToStderrAndQuietSilencesIt() {
        String dir = tmp.resolve("progress").toString();
        CliRun.Result r = exec(null, "scale", "acm", "--spokes", "10", "-c", "1", "--phases", "create", "--out-dir", dir);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("create spokes ")), "progress on stderr: " + r.err());
        assertTrue(r.out().lines().noneMatch(l -> l.contains(" spokes ") && l.contains("/s ")), "no progress on stdout: " + r.out());
        assertTrue(r.out().contains("report: "), r.out());
        CliRun.Result q = exec(null, "-q", "scale", "acm", "--spokes", "10", "-c", "1", "--phases", "create",
                "--out-dir", dir);
        assertEquals(0, q.rc(), q.err());
        assertTrue(q.err().lines().noneMatch(l -> l.startsWith("create spokes ")), "-q: no progress: " + q.err());
    }

    @Test
    void verifyOfAnUnsignedModuleDidNotPass() {
        CliRun.Result r = exec(null, "kmm", "verify", unsignedKo.toString());
        assertEquals(1, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("UNSIGNED"), r.out());
    }

    @Test
    void completionScriptCompletesASubcommandInBash(@TempDir Path dir) throws Exception {
        CliRun.Result r = exec(null, "completion", "bash");
        assertEquals(0, r.rc(), r.err());
        Path script = dir.resolve("ocatopic.bash");
        Files.writeString(script, r.out());
        String probe = "set -e; source " + script + "; COMP_WORDS=(ocatopic sc); COMP_CWORD=1; COMP_LINE='ocatopic sc';"
                + " COMP_POINT=11; _complete_ocatopic ocatopic sc ocatopic; echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("scale", out.strip());
    }

    private static CliRun.Result exec(String stdin, String... args) {
        return CliRun.exec(stdin, args);
    }

    /** {@link CliRun#exec} with bytes on stdin (a kernel module is binary). */
    private static CliRun.Result execBytes(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysout = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        InputStream savedIn = System.in;
        int rc;
        try {
            System.setOut(new PrintStream(sysout, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin));
            CommandLine cl = Ocatopic.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            rc = cl.execute(args);
        } finally {
            System.setOut(savedOut);
            System.setIn(savedIn);
        }
        return new CliRun.Result(rc, out + sysout.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
