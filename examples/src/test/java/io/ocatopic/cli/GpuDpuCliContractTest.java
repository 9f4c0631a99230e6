package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.testing.FakeNvml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI contract of the {@code gpu} and {@code dpu} leaves, one row per leaf: {@code -o json} and {@code -o yaml}
 * carry the same data, stdout holds no progress or log line, {@code -} reads stdin, bad input exits 2 in one stderr
 * line without a stack trace, an unreachable system (cluster or NVML library) exits 3 in one stderr line. Then the
 * group's own musts (issue 17): the plan-to-validate pipe, exit 1 for an unmet demand, the Kubernetes-only render
 * streams, the device index checks.
 */
class GpuDpuCliContractTest {
    /** Every leaf this class covers. */
    static final List<String> LEAVES = List.of("gpu plan", "gpu validate", "gpu apply", "gpu inspect", "gpu rdma-check",
            "gpu vgpu render", "dpu render", "dpu plan", "dpu status");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A progress line ({@link Progress}), a "wrote" line or an slf4j-simple log line. */
    private static final Pattern NOT_DATA = Pattern.compile(
            "(.*\\d+/\\d+ \\(\\d+%\\).*)|(^wrote .*)|(^\\[[^\\]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) .*)");
    private static final Path MIG_CONFIG = Path.of("src/test/resources/gpu/default-mig-parted-config.yaml");
    private static final String FLEET = """
            nodes:
            - name: train-0
              group: training
              gpus:
              - {index: 0, model: A100-40GB, migEnabled: true,
                 instances: [{profile: 3g.20gb, start: 4, busy: true}]}
            - name: infer-0
              group: inference
              gpus:
              - {index: 0, model: H100-80GB, migEnabled: false, instances: []}
            """;
    private static final String RECORDED = """
            apiVersion: provisioning.dpu.nvidia.com/v1alpha1
            kind: BFB
            metadata: {name: bf-bundle, namespace: dpf-operator-system}
            spec: {url: "http://10.0.110.2/bfb/x.bfb"}
            status: {phase: Error}
            ---
            apiVersion: provisioning.dpu.nvidia.com/v1alpha1
            kind: DPU
            metadata: {name: host-worker-3-0000-03-00, namespace: dpf-operator-system, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec: {nodeName: host-worker-3, bfb: bf-bundle}
            status: {phase: Pending}
            """;

    @TempDir
    static Path dir;
    static String fleet;
    static String dpu;
    static String recorded;
    static String unreachable;
    static String missing;
    static String nvml;

    @BeforeAll
    static void files() throws Exception {
        fleet = write("fleet.yaml", FLEET);
        dpu = write("dpu.yaml", DpuCommandTest.CONFIG);
        recorded = write("recorded.yaml", RECORDED);
        unreachable = write("unreachable.kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: nowhere, cluster: {server: "https://127.0.0.1:1"}}
                contexts:
                - {name: nowhere, context: {cluster: nowhere, user: nowhere}}
                current-context: nowhere
                users:
                - {name: nowhere, user: {}}
                """);
        missing = dir.resolve("missing.yaml").toString();
        nvml = FakeNvml.library().toString();
    }

    private static String write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    /**
     * One leaf's cases; null where a case does not apply.
     *
     * @param leaf        the command path
     * @param data        arguments of a run that prints a result
     * @param stdin       what a run reading {@code -} gets
     * @param stdinArgs   arguments of that run
     * @param bad         arguments that are bad input
     * @param unreachable arguments naming an unreachable system
     */
    record Row(String leaf, List<String> data, String stdin, List<String> stdinArgs, List<String> bad,
               List<String> unreachable) {
        @Override
        public String toString() {
            return leaf;
        }
    }

    static List<Row> rows() throws Exception {
        String dpuText = Files.readString(Path.of(dpu));
        return List.of(
                new Row("gpu plan", List.of(fleet, "--demand", "training:1g.5gb=4", "--demand", "inference:3g.40gb=2"),
                        FLEET, List.of("-", "--demand", "3g.20gb=1"),
                        List.of(fleet, "--demand", "1g.5gb"), null),
                new Row("gpu validate", List.of(MIG_CONFIG.toString()),
                        Files.readString(MIG_CONFIG), List.of("-"),
                        List.of(missing), null),
                new Row("gpu apply", List.of("--demand", "1g.5gb=2", "--library", nvml),
                        null, null,
                        List.of("--demand", "1g.5gb", "--library", nvml),
                        List.of("--demand", "1g.5gb=2", "--library", dir.resolve("no-libnvidia-ml.so.1").toString())),
                new Row("gpu inspect", List.of("--library", nvml),
                        null, null, null,
                        List.of("--library", dir.resolve("no-libnvidia-ml.so.1").toString())),
                new Row("gpu rdma-check", List.of("--module", "open", "--cuda", "12.4", "--gpu", "H100-80GB",
                        "--kernel", "5.14.0-427.13.1.el9_4.x86_64", "--mofed", "host"),
                        null, null,
                        List.of("--module", "foo", "--cuda", "12.2", "--arch", "ampere", "--kernel", "5.14.0"), null),
                new Row("gpu vgpu render", List.of("--mdev", "NVIDIA A100-1-5C", "--vgpu-config", "A100-1-5C"),
                        null, null, List.of("--mdev", "not a vgpu"), null),
                new Row("dpu render", List.of("-f", dpu, "--cluster", "infra"),
                        dpuText, List.of("-f", "-", "--cluster", "tenant"),
                        List.of("-f", missing, "--cluster", "infra"), null),
                new Row("dpu plan", List.of("-f", dpu, "--node", "dpu-worker-0", "--offline"),
                        dpuText, List.of("-f", "-", "--node", "dpu-host-3"),
                        List.of("-f", dpu, "--node", "no-such-node", "--offline"), null),
                new Row("dpu status", List.of("-f", dpu, "--from", recorded),
                        RECORDED, List.of("-f", dpu, "--from", "-"),
                        List.of("-f", dpu, "--from", recorded, "--deadline", "soon"),
                        List.of("-f", dpu, "--kubeconfig", unreachable)));
    }

    static Stream<Row> dataRows() throws Exception {
        return rows().stream().filter(r -> r.data() != null);
    }

    static Stream<Row> stdinRows() throws Exception {
        return rows().stream().filter(r -> r.stdinArgs() != null);
    }

    static Stream<Row> badRows() throws Exception {
        return rows().stream().filter(r -> r.bad() != null);
    }

    static Stream<Row> unreachableRows() throws Exception {
        return rows().stream().filter(r -> r.unreachable() != null);
    }

    private static CliRun.Result run(String stdin, String leaf, List<String> args, String... more) {
        if (leaf.startsWith("gpu apply") || leaf.startsWith("gpu inspect")) {
            FakeNvml.hooks().fakeNvmlReset(null); // an un-initialised double, every device MIG off
        }
        List<String> all = new ArrayList<>(List.of(leaf.split(" ")));
        all.addAll(args);
        all.addAll(List.of(more));
        return CliRun.exec(stdin, all.toArray(String[]::new));
    }

    private static void noProgressOnStdout(CliRun.Result r) {
        r.out().lines().forEach(l -> assertFalse(NOT_DATA.matcher(l).matches(), "not data on stdout: " + l));
        assertFalse(r.out().contains("\tat "), r.out());
    }

    /** Parses YAML documents; one document stands for itself, several for the list of them. */
    private static JsonNode yamlData(String text) throws Exception {
        List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        docs = docs.stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
        return docs.size() == 1 ? docs.get(0) : JSON.valueToTree(docs);
    }

    @Test
    void everyLeafHasARow() throws Exception {
        assertEquals(LEAVES, rows().stream().map(Row::leaf).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataRows")
    void yamlAndJsonCarryTheSameData(Row row) throws Exception {
        CliRun.Result text = run(null, row.leaf(), row.data());
        assertTrue(text.rc() == 0 || text.rc() == 1, text.err());
        noProgressOnStdout(text);
        CliRun.Result yaml = run(null, row.leaf(), row.data(), "-o", "yaml");
        CliRun.Result json = run(null, row.leaf(), row.data(), "-o", "json");
        assertEquals(text.rc(), yaml.rc(), yaml.err());
        assertEquals(text.rc(), json.rc(), json.err());
        noProgressOnStdout(yaml);
        noProgressOnStdout(json);
        JsonNode fromJson = JSON.readTree(json.out());
        JsonNode fromYaml = yamlData(yaml.out());
        if (fromJson.isArray() && fromJson.size() == 1 && !fromYaml.isArray()) {
            fromJson = fromJson.get(0);
        }
        assertEquals(fromJson, fromYaml, "yaml:\n" + yaml.out() + "\njson:\n" + json.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stdinRows")
    void dashReadsStdin(Row row) {
        CliRun.Result r = run(row.stdin(), row.leaf(), row.stdinArgs());
        assertTrue(r.rc() == 0 || r.rc() == 1, r.err());
        assertFalse(r.out().isBlank(), r.err());
        noProgressOnStdout(r);
        CliRun.Result empty = run("", row.leaf(), row.stdinArgs());
        assertTrue(empty.rc() != 0, "empty stdin is read, not the file: " + empty.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void badInputExits2InOneLine(Row row) {
        CliRun.Result r = run(null, row.leaf(), row.bad());
        assertEquals(2, r.rc(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("ocatopic " + row.leaf() + ": "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreachableRows")
    void anUnreachableSystemExits3InOneLine(Row row) {
        long t0 = System.nanoTime();
        CliRun.Result r = run(null, row.leaf(), row.unreachable());
        assertEquals(3, r.rc(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("ocatopic " + row.leaf() + ": "), r.err());
        assertTrue(r.err().contains("127.0.0.1:1") || r.err().contains("no-libnvidia-ml.so.1"), "names the endpoint: " + r.err());
        assertTrue(r.err().contains("--kubeconfig") || r.err().contains("--library"), "says how it was chosen: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "fails in seconds");
    }

    // ---- issue 17: the group's own musts ----

    @Test
    void migPartedPlanPipesIntoValidate() throws Exception {
        for (String format : List.of("yaml", "json", "text")) {
            CliRun.Result plan = CliRun.exec(null, "gpu", "plan", fleet, "--demand", "training:1g.5gb=4",
                    "--demand", "inference:3g.40gb=2", "-o", format, "--mig-parted");
            assertEquals(0, plan.rc(), plan.err());
            assertTrue(plan.err().startsWith("satisfied 6/6 "), "the text plan is on stderr: " + plan.err());
            JsonNode config = yamlData(plan.out());
            assertEquals("v1", config.path("version").asText(), plan.out());
            assertTrue(config.path("mig-configs").has("ocatopic-train-0") && config.path("mig-configs").has("ocatopic-infer-0"),
                    plan.out());
            CliRun.Result valid = CliRun.exec(plan.out(), "gpu", "validate", "-");
            assertEquals(0, valid.rc(), format + ": " + valid.out() + valid.err());
            assertEquals("valid", valid.out().strip());
        }
        CliRun.Result quiet = CliRun.exec(null, "gpu", "plan", fleet, "--demand", "1g.5gb=1", "--mig-parted", "-q");
        assertEquals(0, quiet.rc(), quiet.err());
        assertEquals("", quiet.err());
    }

    @Test
    void anUnmetDemandExits1AndAnUnknownProfile2() throws Exception {
        CliRun.Result shortOf = CliRun.exec(null, "gpu", "plan", fleet, "--demand", "1g.5gb=1000", "-o", "json");
        assertEquals(1, shortOf.rc(), shortOf.err());
        JsonNode plan = JSON.readTree(shortOf.out());
        assertEquals(1000, plan.path("demandedTotal").asInt());
        assertTrue(plan.path("satisfiedTotal").asInt() < 1000, shortOf.out());
        assertEquals(List.of("ocatopic gpu plan: the plan does not meet the demand: " + plan.path("satisfiedTotal").asInt()
                + " of 1000 instances placed"), shortOf.errLines());

        CliRun.Result unknown = CliRun.exec(null, "gpu", "plan", fleet, "--demand", "training:9g.99gb=1");
        assertEquals(2, unknown.rc(), unknown.err());
        assertEquals(1, unknown.errLines().size(), unknown.err());
        assertTrue(unknown.err().contains("profile \"9g.99gb\" is not a MIG profile of any catalog model"), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void validateRejectsDeviceIndexesOutOfRangeWithTheirPath() throws Exception {
        for (String index : List.of("-1", "999999999999")) {
            CliRun.Result r = CliRun.exec("""
                    version: v1
                    mig-configs:
                      odd:
                        - devices: [%s]
                          mig-enabled: true
                          mig-devices: {"1g.5gb": 1}
                    """.formatted(index), "gpu", "validate", "-", "--gpu", "A100-40GB", "-o", "json");
            assertEquals(1, r.rc(), r.out() + r.err());
            JsonNode v = JSON.readTree(r.out());
            assertFalse(v.path("valid").asBoolean(true), r.out());
            assertEquals("mig-configs.odd[0].devices", v.path("problems").get(0).path("path").asText(), r.out());
        }
    }

    @Test
    void dpuRenderStreamsHoldOnlyKubernetesObjects() throws Exception {
        for (String cluster : List.of("infra", "tenant", "dpf")) {
            CliRun.Result r = CliRun.exec(null, "dpu", "render", "-f", dpu, "--cluster", cluster);
            assertEquals(0, r.rc(), r.err());
            List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(r.out()).readAll().stream()
                    .filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
            assertFalse(docs.isEmpty(), cluster + ": " + r.out());
            for (JsonNode d : docs) {
                assertTrue(d.path("apiVersion").isTextual() && d.path("kind").isTextual()
                        && d.path("metadata").path("name").isTextual(), cluster + ": not a Kubernetes object: " + d);
            }
        }
        CliRun.Result none = CliRun.exec(null, "dpu", "render", "-f", dpu);
        assertEquals(2, none.rc(), none.out());
        assertEquals(1, none.errLines().size(), none.err());

        // -o is a format, never a directory: files go with --out-dir
        CliRun.Result oldFlag = CliRun.exec(null, "dpu", "render", "-f", dpu, "-o", dir.resolve("out").toString());
        assertEquals(2, oldFlag.rc(), oldFlag.out());
        Path out = dir.resolve("rendered");
        CliRun.Result files = CliRun.exec(null, "dpu", "render", "-f", dpu, "--out-dir", out.toString());
        assertEquals(0, files.rc(), files.err());
        assertEquals("", files.out());
        assertTrue(Files.isRegularFile(out.resolve("infra/node-labels.yaml")), files.err());
        assertTrue(Files.isRegularFile(out.resolve("dpf/dpuset-ovn-offload-32g.yaml")), files.err());
        CliRun.Result listed = CliRun.exec(null, "dpu", "render", "-f", dpu, "--out-dir", dir.resolve("dpf-only").toString(),
                "--cluster", "dpf", "-o", "json");
        assertEquals(0, listed.rc(), listed.err());
        JsonNode written = JSON.readTree(listed.out()).path("files");
        assertTrue(written.size() > 0, listed.out());
        written.forEach(f -> assertTrue(f.asText().contains("dpf"), listed.out()));
    }

    @Test
    void dpuStatusReadsTheClusterItIsGiven() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            Path k = ScaleTesting.kubeconfig(api, dir.resolve("embedded"));
            CliRun.Result r = CliRun.exec(null, "dpu", "status", "-f", dpu, "--kubeconfig", k.toString(), "-o", "json");
            // the cluster answers and has no DPU for the DPF host: read, explained, not ready (exit 1)
            assertEquals(1, r.rc(), r.err());
            assertEquals("MISSING", JSON.readTree(r.out()).path("nodes").get(0).path("state").asText(), r.out());
            noProgressOnStdout(r);
        }
    }
}
