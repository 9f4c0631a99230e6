package io.ocatopic.dpu.dpf;

import io.ocatopic.testing.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.internal.dpf.DpfRenderer;
import io.ocatopic.core.Problem;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.SchemaCheck;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DPF target: render, golden files, the DPF CRDs through SchemaCheck and the embedded API, refusals, preflight, status. */
class DpfTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static String all(DpuOffloadConfig c) {
        Map<String, String> files = new LinkedHashMap<>(c.render().files());
        files.putAll(c.renderDpf().files());
        StringBuilder sb = new StringBuilder();
        files.forEach((name, text) -> sb.append("# file: ").append(name).append('\n').append(text));
        return sb.toString();
    }

    static Stream<Arguments> goldens() {
        return Stream.of(Arguments.of("dpf-bf3-only.yaml", Samples.bf3OnlyBuilder().build()),
                Arguments.of("dpf-mixed.yaml", Samples.mixedBuilder().build()),
                Arguments.of("dpf-mixed-smartnic.yaml", Samples.mixedBuilder().smartNicHost("host-worker-2", "ens8f0").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void matchesTheGoldenFile(String file, DpuOffloadConfig c) throws Exception {
        String actual = all(c);
        Golden.assertMatches(GOLDEN.resolve(file), actual);
    }

    @Test
    void eachNodeGoesToItsPath() {
        DpuOffloadConfig c = Samples.mixedBuilder().build();
        DpuResources shared = c.render();
        assertEquals(Map.of("dpu-worker-0", "TENANT_K8S_NODE=host-worker-0", "dpu-worker-1", "TENANT_K8S_NODE=host-worker-1"),
                ((io.fabric8.kubernetes.api.model.ConfigMap) shared.infra().get(1)).getData());
        List<String> selected = new ArrayList<>();
        for (HasMetadata o : c.renderDpf().hostCluster()) {
            if (o.getKind().equals("DPUSet")) {
                Map<?, ?> spec = (Map<?, ?>) ((GenericKubernetesResource) o).getAdditionalProperties().get("spec");
                Map<?, ?> expr = (Map<?, ?>) ((List<?>) ((Map<?, ?>) spec.get("nodeSelector")).get("matchExpressions")).get(0);
                selected.addAll((List<String>) expr.get("values"));
            }
        }
        assertEquals(List.of("host-worker-4", "host-worker-3"), selected, "16g set first, then 32g; no BF2/shared host");
        assertTrue(Samples.bf3OnlyBuilder().build().render().infra().isEmpty(), "a DPF-only fleet needs no DpuClusterConfig");
    }

    @Test
    void everyDpfObjectConformsAndAppliesThroughTheEmbeddedApi() {
        for (DpuOffloadConfig c : List.of(Samples.bf3OnlyBuilder().build(), Samples.mixedBuilder().build())) {
            List<HasMetadata> objs = c.renderDpf().hostCluster();
            assertEquals(Set.of("DPFOperatorConfig", "DPUCluster", "BFB", "DPUFlavor", "DPUSet", "DPUServiceCredentialRequest",
                    "DPUServiceIPAM", "DPUServiceInterface", "DPUService", "DPUServiceChain"),
                    objs.stream().map(HasMetadata::getKind).collect(java.util.stream.Collectors.toSet()));
            SchemaCheck.Report r = SchemaCheck.bundled().checkAll(objs);
            StringBuilder sb = new StringBuilder();
            r.results().stream().filter(x -> !x.conforms()).forEach(x -> sb.append('\n').append(x.ref()).append(' ').append(x.problems()));
            assertTrue(r.conforms(), sb.toString());
            try (EmbeddedApi api = EmbeddedApi.start()) {
                assertEquals(objs.size(), c.renderDpf().applyTo(api.applier()));
            }
        }
        // the check is real: a BFB URL that is not .bfb is refused by the CRD's pattern through the embedded API
        GenericKubernetesResource bad = (GenericKubernetesResource) Samples.bf3OnlyBuilder().build().renderDpf().hostCluster().get(2);
        assertEquals("BFB", bad.getKind());
        bad.getAdditionalProperties().put("spec", Map.of("url", "ftp://x/y.img"));
        assertFalse(SchemaCheck.bundled().check(bad).conforms());
        try (EmbeddedApi api = EmbeddedApi.start()) {
            DpuException e = assertThrows(DpuException.class, () -> new DpfResources(List.of(bad)).applyTo(api.applier()));
            assertTrue(e.getMessage().contains("spec.url"), e.getMessage());
        }
    }

    static Card bf3(String pf) {
        return new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", pf, OptionalInt.empty());
    }

    /** The refusal table: each invalid configuration, the field path, and a part of the fix. */
    static Stream<Arguments> invalid() {
        return Stream.<Arguments>of(
                Arguments.of("flavor too big for a 16 GB card", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.hugepages(6144))), "dpf.hugepages", "use at most 5632"),
                Arguments.of("flavor too big for a 32 GB card", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.hugepages(14000))), "dpf.hugepages", "rshim"),
                Arguments.of("BlueField-2 on DPF", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-worker-0", "host-worker-0", new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0",
                                "ens2f0np0", OptionalInt.empty()), DpuNode.Target.DPF), "nodes[2].target", "set target: SHARED_OVN"),
                Arguments.of("two DPUs on one node in DPU mode", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-host-3b", "host-worker-3", bf3("ens2f0np0")), "nodes[2].host", "exactly one DPU per worker"),
                Arguments.of("missing PF", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-host-5", "host-worker-5", bf3(null)), "nodes[2].card.hostPf", "required"),
                Arguments.of("BFB URL not http(s)", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(url("ftp://10.0.110.2/bf-bundle-2.9.1.bfb")), "dpf.bfbUrl", "http:// or https://"),
                Arguments.of("BFB URL not a .bfb", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(url("http://10.0.110.2/bf-bundle-2.9.1.img")), "dpf.bfbUrl", "#29"),
                Arguments.of("BFB older than DOCA 2.5", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(url("http://10.0.110.2/bf-bundle-2.2.0-18_23.04.bfb")), "dpf.bfbUrl", "DOCA 2.5"),
                Arguments.of("bad BFB checksum", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.bfbSha256("abc"))), "dpf.bfbSha256", "64 lower-case hex"),
                Arguments.of("memory no BlueField-3 has", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-host-5", "host-worker-5", bf3("ens2f0np0").withMemoryGiB(24)), "nodes[2].card.memoryGiB", "16 or 32"),
                Arguments.of("MTU above DPF's 1450", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.mtu(9000))), "dpf.mtu", "known issue #7"),
                Arguments.of("DPU cluster not Kubernetes 1.30", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.dpuClusterVersion("v1.31.0"))), "dpf.dpuClusterVersion", "v1.30.x"),
                Arguments.of("hugepages through kernelParameters", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.kernelParameters(List.of("hugepages=9000")))), "dpf.kernelParameters[0]", "dpf.hugepages"),
                Arguments.of("different PF names across DPF hosts", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.node("dpu-host-5", "host-worker-5", bf3("ens3f0np0")), "nodes[2].card.hostPf", "name the PFs alike"),
                Arguments.of("too few VFs for DPF", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.numVfs(1), "numVfs", "vf1 for the OVN-Kubernetes management port"),
                Arguments.of("VRRP router id out of range", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(rebuild(d -> d.virtualRouterId(300))), "dpf.virtualRouterId", "1..255"),
                Arguments.of("DPU cluster VIP not an address", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(DpfSettings.builder(Samples.dpf().bfbUrl(), "https://10.0.110.10:6443", "vip", "br-dpu").build()),
                        "dpf.dpuClusterVip", "IPv4"),
                Arguments.of("DPF node without dpf settings", (UnaryOperator<DpuOffloadConfig.Builder>) b ->
                        b.dpf(null).node("dpu-host-5", "host-worker-5", bf3("ens2f0np0"), DpuNode.Target.DPF), "dpf", "bfbUrl"));
    }

    private static io.ocatopic.dpu.DpfSettings url(String u) {
        io.ocatopic.dpu.DpfSettings d = Samples.dpf();
        return new io.ocatopic.dpu.DpfSettings(d.namespace(), u, d.bfbSha256(), d.bfbPvcName(), d.hugepages(), d.kernelParameters(),
                d.chartVersion(), d.dpuClusterVersion(), d.dpuClusterVip(), d.dpuClusterInterface(), d.virtualRouterId(),
                d.apiServer(), d.podCidr(), d.serviceCidr(), d.hostCidr(), d.vtepCidr(), d.imagePullSecret(), d.mtu());
    }

    private static io.ocatopic.dpu.DpfSettings rebuild(UnaryOperator<io.ocatopic.dpu.DpfSettings.Builder> f) {
        io.ocatopic.dpu.DpfSettings d = Samples.dpf();
        return f.apply(io.ocatopic.dpu.DpfSettings.builder(d.bfbUrl(), d.apiServer(), d.dpuClusterVip(), d.dpuClusterInterface())
                .imagePullSecret("dpf-pull-secret")).build();
    }

    private static final class DpfSettings {
        static io.ocatopic.dpu.DpfSettings.Builder builder(String u, String a, String v, String i) {
            return io.ocatopic.dpu.DpfSettings.builder(u, a, v, i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithThePathAndTheFix(String what, UnaryOperator<DpuOffloadConfig.Builder> breakIt, String path, String fix) {
        DpuException e = assertThrows(DpuException.class, () -> breakIt.apply(Samples.bf3OnlyBuilder()).build());
        assertEquals(DpuException.Reason.INVALID_CONFIG, e.reason());
        assertTrue(e.problems().stream().anyMatch(v -> v.path().equals(path) && v.message().contains(fix)),
                what + ": " + e.problems());
    }

    @Test
    void theTableHasAtLeastTwelveRows() {
        assertTrue(invalid().count() >= 12);
    }

    @Test
    void fromYamlReadsTheDpfBlockAndTargets() {
        DpuOffloadConfig c = DpuOffloadConfig.fromYaml("""
                infraCluster: edge-infra
                tenantCluster: edge-tenant
                numVfs: 16
                nodes:
                - {name: dpu-worker-0, host: host-worker-0, card: {model: BLUEFIELD_2, pciAddress: "0000:03:00.0", hostPf: ens1f0}}
                - {name: dpu-host-3, host: host-worker-3, card: {deviceId: a2dc, pciAddress: "0000:03:00.0", hostPf: ens2f0np0, memoryGiB: 32}}
                dpf:
                  bfbUrl: http://10.0.110.2/bfb/bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb
                  apiServer: https://10.0.110.10:6443
                  dpuClusterVip: 10.0.110.200
                  dpuClusterInterface: br-dpu
                """);
        assertEquals(List.of("dpu-worker-0"), c.nodes(DpuNode.Target.SHARED_OVN).stream().map(n -> n.name()).toList());
        assertEquals(List.of("dpu-host-3"), c.nodes(DpuNode.Target.DPF).stream().map(n -> n.name()).toList());
        DpuException e = assertThrows(DpuException.class, () -> DpuOffloadConfig.fromYaml("""
                infraCluster: a
                tenantCluster: b
                nodes:
                - {name: d0, host: h0, target: DPF, card: {model: BLUEFIELD_2, pciAddress: "0000:03:00.0", hostPf: ens1f0}}
                dpf: {bfbUrl: "http://x/a.bfb", apiServer: "https://x:6443", dpuClusterVip: 10.0.0.1, dpuClusterInterface: br0}
                """));
        assertTrue(e.getMessage().contains("nodes[0].target: DPF supports BlueField-3 only"), e.getMessage());
    }

    @Test
    void preflightChecksThePfAndTheBfbAgainstARealHttpServer() throws Exception {
        byte[] body = "not really a bfb".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/bf-bundle-2.9.1-40.bfb", x -> {
            x.sendResponseHeaders(200, "HEAD".equals(x.getRequestMethod()) ? -1 : body.length);
            if (!"HEAD".equals(x.getRequestMethod())) {
                x.getResponseBody().write(body);
            }
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<String, Set<String>> facts = DpfPreflight.netdevsFromNodeLabels(Map.of(
                    "host-worker-3", Map.of(DpfPreflight.PF0_LABEL, "ens2f0np0"),
                    "host-worker-4", Map.of(DpfPreflight.PF0_LABEL, "ens5f0np0")));
            DpuOffloadConfig ok = Samples.bf3OnlyBuilder().dpf(withUrl(base + "/bf-bundle-2.9.1-40.bfb", sha)).build();
            List<Problem> v = DpfPreflight.check(ok, facts, Optional.of(DpfPreflight.BfbProbe.http()));
            assertEquals(1, v.size(), v.toString());
            assertEquals("nodes[1].card.hostPf", v.get(0).path());
            assertTrue(v.get(0).message().contains("known issue #2"), v.toString());

            DpuOffloadConfig wrongSum = Samples.bf3OnlyBuilder().dpf(withUrl(base + "/bf-bundle-2.9.1-40.bfb", "0".repeat(64))).build();
            assertTrue(DpfPreflight.check(wrongSum, facts, Optional.of(DpfPreflight.BfbProbe.http())).stream()
                    .anyMatch(x -> x.path().equals("dpf.bfbSha256")));
            DpuOffloadConfig missing = Samples.bf3OnlyBuilder().dpf(withUrl(base + "/gone.bfb", null)).build();
            assertTrue(DpfPreflight.check(missing, facts, Optional.of(DpfPreflight.BfbProbe.http())).stream()
                    .anyMatch(x -> x.path().equals("dpf.bfbUrl") && x.message().contains("HTTP 404")));
        } finally {
            server.stop(0);
        }
    }

    private static io.ocatopic.dpu.DpfSettings withUrl(String u, String sha) {
        io.ocatopic.dpu.DpfSettings d = url(u);
        return new io.ocatopic.dpu.DpfSettings(d.namespace(), u, Optional.ofNullable(sha), d.bfbPvcName(), d.hugepages(),
                d.kernelParameters(), d.chartVersion(), d.dpuClusterVersion(), d.dpuClusterVip(), d.dpuClusterInterface(),
                d.virtualRouterId(), d.apiServer(), d.podCidr(), d.serviceCidr(), d.hostCidr(), d.vtepCidr(), d.imagePullSecret(), d.mtu());
    }

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static Map<String, Object> condition(String type, String status, String reason, String message, String at) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        c.put("lastTransitionTime", at);
        return c;
    }

    static Map<String, Object> dpu(String host, String phase, List<Map<String, Object>> conditions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", DpfRenderer.PROVISIONING);
        m.put("kind", "DPU");
        m.put("metadata", Map.of("name", host + "-0000-03-00", "namespace", "dpf-operator-system",
                "creationTimestamp", "2026-12-01T10:00:00Z"));
        m.put("spec", Map.of("nodeName", host, "bfb", DpfRenderer.BFB_NAME, "dpuFlavor", "ovn-offload-32g"));
        m.put("status", Map.of("phase", phase, "conditions", conditions));
        return m;
    }

    static Map<String, Object> bfb(String phase) {
        return Map.of("apiVersion", DpfRenderer.PROVISIONING, "kind", "BFB",
                "metadata", Map.of("name", DpfRenderer.BFB_NAME, "namespace", "dpf-operator-system"),
                "spec", Map.of("url", "http://10.0.110.2/bfb/bf-bundle-2.9.1-40.bfb"), "status", Map.of("phase", phase));
    }

    static Map<String, Object> service(String status, String reason) {
        return Map.of("apiVersion", DpfRenderer.SVC, "kind", "DPUService",
                "metadata", Map.of("name", "ovn-dpu", "namespace", "dpf-operator-system"),
                "spec", Map.of("helmChart", Map.of("source", Map.of("repoURL", "oci://ghcr.io/nvidia", "chart", "ovn-kubernetes-chart",
                        "version", "v24.10.0"))),
                "status", Map.of("conditions", List.of(condition("ApplicationsReady", status, reason, "", "2026-12-01T11:00:00Z"))));
    }

    /** Recorded status objects must themselves be what the CRDs accept, status included. */
    static void conform(List<Map<String, Object>> objs) {
        for (Map<String, Object> o : objs) {
            SchemaCheck.Result r = SchemaCheck.bundled().check(o);
            assertTrue(r.conforms(), r.ref() + " " + r.problems());
        }
    }

    @Test
    void statusExplainsAStuckBfb() {
        List<Map<String, Object>> objs = List.of(bfb("Downloading"), dpu("host-worker-3", "Pending",
                List.of(condition("Initialized", "True", "Initialized", "", "2026-12-01T10:01:00Z"))), service("True", "Success"));
        conform(objs);
        DpfStatus r = DpfStatus.explain(objs, List.of("host-worker-3", "host-worker-4"), NOW, Duration.ofMinutes(30));
        DpfStatus.NodeStatus n = r.nodes().get(0);
        assertEquals(DpfStatus.State.STUCK, n.state(), n.toString());
        assertTrue(n.reason().contains("waiting for BFB bf-bundle (Downloading)") && n.reason().contains("#29"), n.reason());
        assertTrue(n.recovery().contains("deleting and recreating the BFB"), n.recovery());
        assertEquals(DpfStatus.State.MISSING, r.nodes().get(1).state());
        assertFalse(r.healthy());
        // within the deadline the same objects are progress, not stuck
        assertEquals(DpfStatus.State.PROGRESSING, DpfStatus.explain(objs, List.of("host-worker-3"),
                Instant.parse("2026-12-01T10:10:00Z"), Duration.ofMinutes(30)).nodes().get(0).state());
        // a BFB in Error fails its DPUs at once
        List<Map<String, Object>> err = List.of(bfb("Error"), dpu("host-worker-3", "Pending", List.of()));
        conform(err);
        DpfStatus.NodeStatus e = DpfStatus.explain(err, List.of("host-worker-3"), NOW, Duration.ofHours(5)).nodes().get(0);
        assertEquals(DpfStatus.State.FAILED, e.state());
        assertTrue(e.recovery().contains("spec is immutable: delete BFB bf-bundle"), e.recovery());
    }

    @Test
    void statusExplainsAFailedDpu() {
        List<Map<String, Object>> objs = List.of(bfb("Ready"),
                dpu("host-worker-3", "Error", List.of(condition("DMSRunning", "False", "DMSPodFailed", "DMS Pod Failed",
                        "2026-12-01T11:50:00Z"))),
                dpu("host-worker-4", "Error", List.of(condition("DMSRunning", "True", "Success", "", "2026-12-01T11:00:00Z"),
                        condition("OSInstalled", "False", "InstallationFailed", "failed to flash", "2026-12-01T11:40:00Z"))));
        conform(objs);
        DpfStatus r = DpfStatus.explain(objs, List.of("host-worker-3", "host-worker-4"), NOW, Duration.ofMinutes(30));
        assertEquals(DpfStatus.State.FAILED, r.nodes().get(0).state());
        assertTrue(r.nodes().get(0).reason().contains("DMSPodFailed"), r.nodes().get(0).reason());
        assertTrue(r.nodes().get(0).recovery().contains("known issue #2") && r.nodes().get(0).recovery().contains("#40"));
        assertTrue(r.nodes().get(1).reason().contains("InstallationFailed: failed to flash"));
        assertTrue(r.nodes().get(1).recovery().contains("bfb-install --rshim"), r.nodes().get(1).recovery());
    }

    @Test
    void statusOfAHealthyFleetReadThroughTheEmbeddedApi() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            List<Map<String, Object>> objs = List.of(bfb("Ready"),
                    dpu("host-worker-3", "Ready", List.of(condition("Ready", "True", "Ready", "", "2026-12-01T11:00:00Z"))),
                    dpu("host-worker-4", "Ready", List.of(condition("Ready", "True", "Ready", "", "2026-12-01T11:00:00Z"))),
                    service("True", "Success"));
            conform(objs);
            for (Map<String, Object> o : objs) {
                GenericKubernetesResource g = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                        .convertValue(o, GenericKubernetesResource.class);
                // as on a real server, create ignores status (the CRDs have a status subresource): write it after
                GenericKubernetesResource created = api.client().resource(g).create();
                created.getAdditionalProperties().put("status", o.get("status"));
                api.client().resource(created).updateStatus();
            }
            DpfStatus r = DpfStatus.read(api.client(), "dpf-operator-system", List.of("host-worker-3", "host-worker-4"),
                    NOW, Duration.ofMinutes(30));
            assertTrue(r.healthy(), r.toString());
            assertEquals(2, r.nodes().size());
            assertEquals(List.of(), r.services());
        }
        DpfStatus notReady = DpfStatus.explain(List.of(service("False", "Pending")), List.of(), NOW, Duration.ofMinutes(1));
        assertEquals(List.of("ovn-dpu: Pending"), notReady.services());
    }
}
