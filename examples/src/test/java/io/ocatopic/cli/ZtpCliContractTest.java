package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ocatopic.kube.Secret;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command-line contract (issue 17) of the ztp group, one row per leaf: {@code -o json} and {@code -o yaml}
 * carry the same data, stdout holds no progress line, {@code -} reads stdin, bad input exits 2 with one stderr
 * line and no stack trace, an unreachable system exits 3 with one stderr line, a malformed kubeconfig is never
 * quoted, and every leaf's help has examples.
 */
class ZtpCliContractTest {
    /** The leaves this group covers. */
    static final List<String> LEAVES = List.of("ztp validate", "ztp render", "ztp run", "ztp reconnect",
            "ztp relocate", "ztp mirror");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SECRET = "TOKEN-SUPERSECRET-123";
    /** Nothing listens there. */
    private static final String NOWHERE = "127.0.0.1:1";
    private static final String[] RELOCATION = {"--cluster", "edge-1", "--machine-network", "10.20.0.0/24",
        "--gateway", "10.20.0.1", "--api-vip", "10.20.0.5", "--ingress-vip", "10.20.0.6",
        "--new-base-domain", "store-7.example.net"};

    @TempDir
    static Path dir;
    static EmbeddedApi hub;
    static EmbeddedApi spoke;
    static Path chassis;
    static String chassisText;
    static Path hubKc;
    static Path spokeKc;
    static Path unreachableKc;
    static Path malformedKc;
    static Path malformedChassis;

    @BeforeAll
    static void start() throws IOException {
        chassisText = SampleChassis.chassis("edge", 1).toJson();
        chassis = Files.writeString(dir.resolve("chassis.json"), chassisText);
        hub = EmbeddedApi.start();
        spoke = EmbeddedApi.start();
        hubKc = ScaleTesting.kubeconfig(hub, dir.resolve("hub"));
        spokeKc = ScaleTesting.kubeconfig(spoke, dir.resolve("spoke"));
        // the kubeconfig a detach leaves on the spoke (reconnect and relocate re-point it)
        spoke.applier().apply(new NamespaceBuilder().withNewMetadata().withName(SpokeKubeconfig.NAMESPACE).endMetadata().build());
        spoke.applier().apply(SpokeKubeconfig.secret(Secret.of(kubeconfig("https://api.edge-1.factory.example.com:6443"))));
        malformedChassis = Files.writeString(dir.resolve("malformed-chassis.yaml"), "clusters: [edge\n  - : :\n");
        unreachableKc = Files.writeString(dir.resolve("unreachable.kubeconfig"), kubeconfig("https://" + NOWHERE));
        malformedKc = Files.writeString(dir.resolve("malformed.kubeconfig"), "apiVersion: v1\nkind: Config\nusers:\n"
                + "- name: u\n  user:\n    token: " + SECRET + "\n   bad: [indent\n");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (spoke != null) {
            spoke.close();
        }
    }

    static String kubeconfig(String server) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: s\n  cluster:\n    server: " + server + "\n"
                + "    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context:\n    cluster: s\n    user: u\n"
                + "current-context: c\nusers:\n- name: u\n  user:\n    token: t\n";
    }

    /**
     * One leaf's row.
     *
     * @param leaf        the command path
     * @param data        arguments that print a result (without {@code -o}), or null
     * @param dataRc      their exit code
     * @param stdin       what {@code fromStdin} reads on stdin, or null
     * @param fromStdin   arguments with a {@code -} file, or null
     * @param stdinCheck  checks that run's result
     * @param bad         arguments that are bad input, or null
     * @param unreachable arguments whose system does not answer, or null when the leaf needs none
     */
    record Row(String leaf, String[] data, int dataRc, String stdin, String[] fromStdin,
               Consumer<CliRun.Result> stdinCheck, String[] bad, String[] unreachable) {
        @Override
        public String toString() {
            return leaf;
        }
    }

    static String[] args(String... a) {
        return a;
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    static List<Row> rows() {
        String c = chassis.toString();
        String out = dir.resolve("rendered").toString();
        return List.of(
                new Row("ztp validate", args("ztp", "validate", c), 0,
                        chassisText, args("ztp", "validate", "-"),
                        r -> assertEquals(0, r.rc(), r.err()),
                        args("ztp", "validate", dir.resolve("no-such-chassis.yaml").toString()), null),
                new Row("ztp render", args("ztp", "render", c, "--out-dir", out), 0,
                        chassisText, args("ztp", "render", "-", "--out-dir", dir.resolve("from-stdin").toString()),
                        r -> {
                            assertEquals(0, r.rc(), r.err());
                            assertTrue(Files.exists(dir.resolve("from-stdin/edge-1/cluster-instance.yaml")), r.out());
                        },
                        args("ztp", "render", malformedChassis.toString(), "--out-dir", out), null),
                new Row("ztp run", args("ztp", "run", c, "--dry-run", "--state", dir.resolve("run.state").toString()), 0,
                        chassisText, args("ztp", "run", "-", "--dry-run", "--state", dir.resolve("run.state").toString()),
                        r -> {
                            assertEquals(0, r.rc(), r.err());
                            assertTrue(r.out().contains("[todo] deploy-edge-1"), r.out());
                        },
                        args("ztp", "run", c, "--kubeconfig", malformedKc.toString()),
                        args("ztp", "run", c, "--kubeconfig", unreachableKc.toString())),
                new Row("ztp reconnect", args("ztp", "reconnect", c, "--kubeconfig", hubKc.toString(), "--cluster",
                        "edge-1", "--spoke-kubeconfig", spokeKc.toString(), "--new-base-domain", "store-7.example.net"), 0,
                        // the chassis from stdin: its cluster is found, then the bad site input is refused
                        chassisText, args("ztp", "reconnect", "-", "--cluster", "edge-1", "--spoke-kubeconfig",
                                unreachableKc.toString(), "--new-base-domain", "Store_7..example"),
                        r -> {
                            assertEquals(2, r.rc(), r.err());
                            assertTrue(r.err().contains("site.baseDomain"), r.err());
                        },
                        args("ztp", "reconnect", c, "--cluster", "edge-1", "--spoke-kubeconfig", spokeKc.toString(),
                                "--new-base-domain", "store-7.example.net", "--kubeconfig", malformedKc.toString()),
                        args("ztp", "reconnect", c, "--cluster", "edge-1", "--spoke-kubeconfig", spokeKc.toString(),
                                "--new-base-domain", "store-7.example.net", "--kubeconfig", unreachableKc.toString())),
                new Row("ztp relocate", concat(args("ztp", "relocate", c), concat(RELOCATION, "--dry-run")), 0,
                        chassisText, concat(args("ztp", "relocate", "-"), concat(RELOCATION, "--dry-run")),
                        r -> {
                            assertEquals(0, r.rc(), r.err());
                            assertTrue(r.out().contains("[todo] relocate-edge-1-nmstate"), r.out());
                        },
                        concat(args("ztp", "relocate", c), concat(RELOCATION, "--spoke-kubeconfig", spokeKc.toString(),
                                "--kubeconfig", malformedKc.toString())),
                        concat(args("ztp", "relocate", c), concat(RELOCATION, "--spoke-kubeconfig", spokeKc.toString(),
                                "--kubeconfig", unreachableKc.toString()))),
                new Row("ztp mirror", args("ztp", "mirror", "--to-dir", dir.resolve("layout").toString(),
                        "--insecure-registry", NOWHERE, NOWHERE + "/org/app:1.0", "--idms", dir.resolve("idms.yaml").toString()), 1,
                        "# images\n" + NOWHERE + "/org/from-stdin:2.0\n",
                        args("ztp", "mirror", "--to-dir", dir.resolve("layout2").toString(), "--insecure-registry", NOWHERE,
                                "--images-file", "-", "-o", "json"),
                        r -> {
                            assertEquals(1, r.rc(), r.err());
                            assertEquals(NOWHERE + "/org/from-stdin:2.0", parse(JSON, r.out()).path("images").path(0)
                                    .path("source").asText(), r.out());
                        },
                        args("ztp", "mirror", "--to", "site:5000", "--to-dir", dir.resolve("x").toString(), "quay.io/org/app:1.0"),
                        args("ztp", "mirror", "--to", NOWHERE, "--insecure-registry", NOWHERE, NOWHERE + "/org/app:1.0")));
    }

    static JsonNode parse(ObjectMapper m, String text) {
        try {
            return m.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not " + m.getFactory().getFormatName() + ": " + text, e);
        }
    }

    /** Drops what differs between two runs of the same command (wall time). */
    static JsonNode stable(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("seconds");
        }
        return n;
    }

    static Stream<DynamicTest> each(java.util.function.Predicate<Row> applies, Consumer<Row> check) {
        return rows().stream().filter(applies).map(r -> DynamicTest.dynamicTest(r.leaf(), () -> check.accept(r)));
    }

    static void oneLineNoTrace(CliRun.Result r, String leaf) {
        assertEquals(1, r.errLines().size(), "one stderr line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().startsWith("ocatopic " + leaf + ": "), r.err());
    }

    @Test
    void everyLeafHasARowAndHelpWithExamples() {
        assertEquals(LEAVES, rows().stream().map(Row::leaf).toList());
        CommandLine ztp = Ocatopic.commandLine().getSubcommands().get("ztp");
        List<String> leaves = new ArrayList<>(ztp.getSubcommands().keySet().stream().map(n -> "ztp " + n).sorted().toList());
        assertEquals(LEAVES.stream().sorted().toList(), leaves);
        for (String leaf : LEAVES) {
            CommandLine cl = ztp.getSubcommands().get(leaf.substring(4));
            String[] footer = cl.getCommandSpec().usageMessage().footer();
            List<String> lines = Arrays.asList(footer);
            int at = lines.indexOf("Examples:");
            assertTrue(at >= 0, leaf + " has no Examples: " + lines);
            List<String> examples = lines.subList(at + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
            assertTrue(examples.size() >= 2 && examples.size() <= 4, leaf + ": " + examples);
            examples.forEach(e -> assertTrue(e.startsWith("  ocatopic " + leaf + " "), leaf + ": " + e));
            for (String d : cl.getCommandSpec().usageMessage().description()) {
                assertTrue(d.endsWith("."), leaf + " description: " + d);
            }
            assertTrue(cl.getCommandSpec().findOption("--output") != null, leaf + " has no -o");
            assertEquals("--output", cl.getCommandSpec().findOption('o').longestName(), leaf + ": -o is the format");
        }
    }

    @TestFactory
    Stream<DynamicTest> jsonAndYamlCarryTheSameData() {
        return each(r -> r.data() != null, r -> {
            CliRun.Result json = CliRun.exec(null, concat(r.data(), "-o", "json"));
            CliRun.Result yaml = CliRun.exec(null, concat(r.data(), "-o", "yaml"));
            assertEquals(r.dataRc(), json.rc(), json.err());
            assertEquals(r.dataRc(), yaml.rc(), yaml.err());
            assertFalse(json.err().contains("\tat ") || yaml.err().contains("\tat "), json.err() + yaml.err());
            JsonNode j = parse(JSON, json.out());
            assertTrue(j.isObject() || j.isArray(), json.out());
            assertEquals(stable(j), stable(parse(YAML, yaml.out())), json.out() + "\n---\n" + yaml.out());
        });
    }

    @TestFactory
    Stream<DynamicTest> stdoutHoldsNoProgressLine() {
        return each(r -> r.data() != null, r -> {
            CliRun.Result text = CliRun.exec(null, r.data());
            assertEquals(r.dataRc(), text.rc(), text.err());
            assertFalse(text.out().isBlank(), "a result is printed");
            for (String line : text.out().lines().toList()) {
                // an event line (kind, step, message), not a result line such as mirror's "FAILED src -> dest"
                assertFalse(line.matches("^(STARTED|ADVANCED|DONE|SKIPPED|FAILED|WAITING)\\s.*") && !line.contains(" -> ")
                                || line.contains("bytes sent"),
                        "progress on stdout: " + line);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> dashReadsStdin() {
        return each(r -> r.fromStdin() != null, r -> r.stdinCheck().accept(CliRun.exec(r.stdin(), r.fromStdin())));
    }

    @TestFactory
    Stream<DynamicTest> badInputExits2WithOneLine() {
        return each(r -> r.bad() != null, r -> {
            CliRun.Result res = CliRun.exec(null, r.bad());
            assertEquals(2, res.rc(), res.err());
            oneLineNoTrace(res, r.leaf());
            assertFalse(res.err().contains(SECRET) || res.out().contains(SECRET), "a kubeconfig is never quoted: " + res.err());
        });
    }

    @TestFactory
    Stream<DynamicTest> unreachableSystemExits3WithOneLineInSeconds() {
        return each(r -> r.unreachable() != null, r -> {
            long t0 = System.nanoTime();
            CliRun.Result res = CliRun.exec(null, r.unreachable());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(3, res.rc(), res.err());
            oneLineNoTrace(res, r.leaf());
            assertTrue(res.err().contains(NOWHERE), "names the endpoint: " + res.err());
            assertTrue(res.err().contains("(from "), "says how it was chosen: " + res.err());
            assertTrue(seconds < 20, seconds + " s");
        });
    }

    /** The hub's and the second cluster's kubeconfigs: malformed, with a token, never quoted; exit 2. */
    @TestFactory
    Stream<DynamicTest> aMalformedKubeconfigIsNeverQuoted() {
        String c = chassis.toString();
        String m = malformedKc.toString();
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("ztp run --kubeconfig", args("ztp", "run", c, "--kubeconfig", m));
        cases.put("ztp reconnect --kubeconfig", args("ztp", "reconnect", c, "--cluster", "edge-1", "--spoke-kubeconfig",
                spokeKc.toString(), "--new-base-domain", "store-7.example.net", "--kubeconfig", m));
        cases.put("ztp reconnect --spoke-kubeconfig", args("ztp", "reconnect", c, "--cluster", "edge-1",
                "--spoke-kubeconfig", m, "--kubeconfig", hubKc.toString()));
        cases.put("ztp reconnect --old-hub-kubeconfig", args("ztp", "reconnect", c, "--cluster", "edge-1",
                "--spoke-kubeconfig", spokeKc.toString(), "--kubeconfig", hubKc.toString(), "--hub", "https://hub-b:6443",
                "--hub-ca", c, "--hub-token-file", c, "--old-hub-kubeconfig", m));
        cases.put("ztp relocate --kubeconfig", concat(args("ztp", "relocate", c), concat(RELOCATION,
                "--spoke-kubeconfig", spokeKc.toString(), "--kubeconfig", m)));
        cases.put("ztp relocate --spoke-kubeconfig", concat(args("ztp", "relocate", c), concat(RELOCATION,
                "--spoke-kubeconfig", m, "--kubeconfig", hubKc.toString())));
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            CliRun.Result r = CliRun.exec(null, e.getValue());
            assertEquals(2, r.rc(), r.err());
            oneLineNoTrace(r, e.getKey().substring(0, e.getKey().indexOf(" --")));
            assertTrue(r.err().contains("is not a valid kubeconfig"), r.err());
            assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), "the kubeconfig's content is never shown: " + r.err());
        }));
    }

    @Test
    void runWithNothingConfiguredSaysWhatWasTried() {
        assumeTrue(System.getenv("KUBECONFIG") == null && System.getenv("KUBERNETES_SERVICE_HOST") == null,
                "a cluster is configured in this environment");
        String home = System.getProperty("user.home");
        CliRun.Result r;
        try {
            System.setProperty("user.home", dir.resolve("empty-home").toString());
            r = CliRun.exec(null, "ztp", "run", chassis.toString());
        } finally {
            System.setProperty("user.home", home);
        }
        assertEquals(2, r.rc(), r.err());
        oneLineNoTrace(r, "ztp run");
        assertTrue(r.err().contains("no cluster configured") && r.err().contains("--kubeconfig")
                && r.err().contains("KUBECONFIG"), r.err());
        assertFalse(r.err().contains("kubernetes.default.svc"), r.err());
    }

    @Test
    void validateReportsProblemsAsData() throws IOException {
        Path bad = Files.writeString(dir.resolve("invalid.json"),
                chassisText.replaceFirst("\"name\"\\s*:\\s*\"edge-1\"", "\"name\":\"Edge_1\""));
        CliRun.Result json = CliRun.exec(null, "ztp", "validate", bad.toString(), "-o", "json");
        assertEquals(1, json.rc(), json.out() + json.err());
        JsonNode j = parse(JSON, json.out());
        assertFalse(j.path("valid").asBoolean(true), json.out());
        assertTrue(j.path("problems").size() > 0 && j.path("problems").path(0).has("path"), json.out());
        assertEquals(j, parse(YAML, CliRun.exec(null, "ztp", "validate", bad.toString(), "-o", "yaml").out()));
        CliRun.Result text = CliRun.exec(null, "ztp", "validate", bad.toString());
        assertEquals(1, text.rc());
        assertTrue(text.out().strip().endsWith("problem(s)"), text.out());
        CliRun.Result ok = CliRun.exec(null, "ztp", "validate", chassis.toString(), "-o", "json");
        JsonNode v = parse(JSON, ok.out());
        assertTrue(v.path("valid").asBoolean(), ok.out());
        assertEquals("edge-1", v.path("clusters").path(0).path("name").asText(), ok.out());
    }

    @Test
    void renderSummaryListsTheFilesItWrote() {
        Path out = dir.resolve("summary");
        CliRun.Result r = CliRun.exec(null, "ztp", "render", chassis.toString(), "--out-dir", out.toString(), "-o", "json");
        assertEquals(0, r.rc(), r.err());
        JsonNode j = parse(JSON, r.out());
        assertEquals(out.toString(), j.path("outDir").asText());
        List<String> files = new ArrayList<>();
        j.path("files").forEach(f -> files.add(f.asText()));
        assertTrue(files.contains(out.resolve("edge-1/cluster-instance.yaml").toString()), files.toString());
        files.forEach(f -> assertTrue(Files.exists(Path.of(f)), f));
        // -o is the format, never a directory
        CliRun.Result dirAsFormat = CliRun.exec(null, "ztp", "render", chassis.toString(), "-o", out.toString());
        assertEquals(2, dirAsFormat.rc(), dirAsFormat.err());
        assertTrue(dirAsFormat.err().contains("Invalid value for option '--output'"), dirAsFormat.err());
        assertFalse(Files.exists(out.resolve("x")));
    }

    @Test
    void reconnectAndRelocateRunAgainstEmbeddedHubAndSpoke() {
        CliRun.Result r = CliRun.exec(null, "ztp", "reconnect", chassis.toString(), "--kubeconfig", hubKc.toString(),
                "--cluster", "edge-1", "--spoke-kubeconfig", spokeKc.toString(), "--new-base-domain", "store-7.example.net",
                "-o", "json");
        assertEquals(0, r.rc(), r.err());
        JsonNode j = parse(JSON, r.out());
        assertEquals("reconnect", j.path("action").asText(), r.out());
        assertEquals("https://api.edge-1.store-7.example.net:6443", j.path("apiUrl").asText(), r.out());
        assertNotNull(hub.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get());
        assertTrue(r.err().contains("re-import at"), "events go to stderr: " + r.err());

        CliRun.Result q = CliRun.exec(null, "-q", "ztp", "reconnect", chassis.toString(), "--kubeconfig", hubKc.toString(),
                "--cluster", "edge-1", "--spoke-kubeconfig", spokeKc.toString(), "--new-base-domain", "store-7.example.net");
        assertEquals(0, q.rc(), q.err());
        assertEquals("", q.err(), "-q: no events");
        assertTrue(q.out().contains("edge-1: re-imported into"), q.out());

        CliRun.Result rel = CliRun.exec(null, concat(concat(args("ztp", "relocate", chassis.toString()), RELOCATION),
                "--kubeconfig", hubKc.toString(), "--spoke-kubeconfig", spokeKc.toString(), "-o", "json"));
        assertEquals(0, rel.rc(), rel.err());
        JsonNode x = parse(JSON, rel.out());
        assertTrue(x.path("executed").size() == 4, rel.out());
        assertTrue(x.path("limits").size() > 0, rel.out());
    }

    @Test
    void aFailedMirrorRunLeavesTheMirrorSetFilesOfTheLastGoodRun() throws Exception {
        Path idms = dir.resolve("m/idms.yaml");
        Path itms = dir.resolve("m/itms.yaml");
        Files.createDirectories(idms.getParent());
        Files.writeString(idms, "# the last good run's ImageDigestMirrorSet\n");
        CliRun.Result r = CliRun.exec(null, "ztp", "mirror", "--to-dir", dir.resolve("m/layout").toString(),
                "--insecure-registry", NOWHERE, NOWHERE + "/org/app:1.0", "--idms", idms.toString(), "--itms", itms.toString(),
                "-o", "json");
        assertEquals(1, r.rc(), "the image failed: " + r.err());
        JsonNode j = parse(JSON, r.out());
        assertEquals(0, j.path("wrote").size(), "a failed run names no mirror-set file: " + r.out());
        assertEquals("FAILED", j.path("images").path(0).path("status").asText(), r.out());
        assertEquals(1, j.path("failed").asInt(), r.out());
        assertEquals("# the last good run's ImageDigestMirrorSet\n", Files.readString(idms), "kept as it was");
        assertFalse(Files.exists(itms), "no ImageTagMirrorSet from a failed run");
        assertTrue(r.err().contains("left unchanged"), r.err());
    }

    @Test
    void mirrorRefusesBadArgumentsWithOneLine() {
        for (String[] bad : List.of(args("ztp", "mirror", "--to-dir", "x"),
                args("ztp", "mirror", "--to-dir", "x", "not a reference"),
                args("ztp", "mirror", "--to-dir", "x", "--volume-size", "lots", "quay.io/org/app:1.0"),
                args("ztp", "mirror", "--to-archive", "x.tar", "--volume-size", "lots", "quay.io/org/app:1.0"),
                args("ztp", "mirror", "--to-dir", "x", "--parallel", "0", "quay.io/org/app:1.0"),
                args("ztp", "mirror", "--from", "a.tar", "--to-dir", "x"),
                args("ztp", "mirror", "--to-dir", "x", "--images-file", dir.resolve("none.txt").toString()),
                // issue 16: hostile destinations and names are refused before anything is contacted
                args("ztp", "mirror", "--to", "evil@host", "quay.io/org/app:1.0"),
                args("ztp", "mirror", "--to", "host#", "quay.io/org/app:1.0"),
                args("ztp", "mirror", "--to-dir", "x", "--idms", "i.yaml", "--idms-name", "Bad_Name", "quay.io/org/app:1.0"))) {
            CliRun.Result b = CliRun.exec(null, bad);
            assertEquals(2, b.rc(), String.join(" ", bad) + ": " + b.err());
            oneLineNoTrace(b, "ztp mirror");
        }
    }
}
