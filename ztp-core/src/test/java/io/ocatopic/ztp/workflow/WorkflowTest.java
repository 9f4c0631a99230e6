package io.ocatopic.ztp.workflow;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.internal.workflow.ReconnectLoop;
import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import io.ocatopic.ztp.internal.workflow.WorkflowEvents;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeployment;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.render.AgentClusterInstall;
import io.ocatopic.ztp.internal.render.InfraEnv;
import io.ocatopic.ztp.internal.render.KlusterletAddonConfig;
import io.ocatopic.ztp.internal.render.NMStateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory workflow for 3 clusters against the embedded API: full run, fault at every step, resume. */
class WorkflowTest {
    static final ChassisSpec SPEC = SampleChassis.chassis("edge", 3);

    static String kubeconfig(String cluster, String server) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server
                + "\ncontexts:\n- name: admin\n  context:\n    cluster: " + cluster + "\n    user: admin\n"
                + "current-context: admin\nusers:\n- name: admin\n  user:\n    token: sample-token-" + cluster + "\n";
    }

    /** One hub and three spokes, all embedded. */
    static final class Env implements AutoCloseable {
        final EmbeddedApi hubApi = EmbeddedApi.start();
        final Map<String, EmbeddedApi> spokes = new HashMap<>();
        final RecordingHub hub = new RecordingHub(ClusterApi.of(hubApi.applier()));
        final List<ProgressEvent> events = new ArrayList<>();

        Env() {
            for (var c : SPEC.clusters()) {
                spokes.put(c.name(), EmbeddedApi.start());
            }
        }

        FactoryWorkflow workflow(Path state) {
            return FactoryWorkflow.builder(SPEC).hub(hub)
                    .spokes((cluster, kc) -> {
                        assertTrue(kc.reveal().contains("sample-token-" + cluster));
                        return ClusterApi.of(spokes.get(cluster).applier());
                    })
                    .stateFile(state).pollInterval(Duration.ofSeconds(1)).installTimeout(Duration.ofSeconds(10))
                    .sleeper(d -> { }).listener(e -> {
                        hub.listener().on(e);
                        events.add(e);
                    }).build();
        }

        @Override
        public void close() {
            hubApi.close();
            spokes.values().forEach(EmbeddedApi::close);
        }
    }

    static final List<Class<? extends HasMetadata>> KINDS = List.of(io.fabric8.kubernetes.api.model.Namespace.class,
            Secret.class, AgentClusterInstall.class, ClusterDeployment.class, InfraEnv.class, NMStateConfig.class,
            io.fabric8.openshift.api.model.miscellaneous.metal3.v1alpha1.BareMetalHost.class, ManagedCluster.class,
            KlusterletAddonConfig.class, io.fabric8.openshift.api.model.hive.v1.ClusterImageSet.class,
            io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet.class);

    /** Every object on the hub and spokes, without server-set metadata, keyed by kind/ns/name. */
    static Map<String, String> snapshot(Env env) {
        Map<String, String> out = new TreeMap<>();
        dump("hub", env.hubApi.client(), out);
        env.spokes.forEach((n, api) -> dump(n, api.client(), out));
        return out;
    }

    static void dump(String where, KubernetesClient client, Map<String, String> out) {
        for (Class<? extends HasMetadata> k : KINDS) {
            for (HasMetadata o : client.resources(k).inAnyNamespace().list().getItems()) {
                o.getMetadata().setResourceVersion(null);
                o.getMetadata().setUid(null);
                o.getMetadata().setCreationTimestamp(null);
                o.getMetadata().setGeneration(null);
                o.getMetadata().setManagedFields(null);
                out.put(where + ":" + RecordingHub.key(o), KubeYaml.dump(o));
            }
        }
    }

    @Test
    void fullRunThenRerunIsANoop(@TempDir Path dir) {
        try (Env env = new Env()) {
            Path state = dir.resolve("state.json");
            FactoryWorkflow wf = env.workflow(state);
            assertTrue(wf.plan().stream().noneMatch(FactoryWorkflow.PlannedStep::done));
            assertEquals(List.of("preflight", "hub-config", "deploy-edge-1", "deploy-edge-2", "deploy-edge-3",
                    "wait-edge-1", "wait-edge-2", "wait-edge-3", "detach-edge-1", "detach-edge-2", "detach-edge-3"),
                    wf.plan().stream().map(FactoryWorkflow.PlannedStep::name).toList());
            FactoryWorkflow.WorkflowResult r = wf.run();
            assertEquals(11, r.executed().size());
            assertTrue(Files.exists(state));
            // detached: ManagedClusters gone from the hub, kubeconfigs kept on each spoke
            assertTrue(env.hubApi.client().resources(ManagedCluster.class).list().getItems().isEmpty());
            for (var c : SPEC.clusters()) {
                Secret s = env.spokes.get(c.name()).client().secrets().inNamespace(SpokeKubeconfig.NAMESPACE)
                        .withName(SpokeKubeconfig.NAME).get();
                assertTrue(SpokeKubeconfig.value(s, "kubeconfig").orElseThrow().reveal().contains(c.name()));
                assertEquals(4, env.hubApi.client().resources(NMStateConfig.class).inNamespace(c.name()).list()
                        .getItems().size());
            }
            assertTrue(env.hub.creations.values().stream().allMatch(n -> n == 1), env.hub.creations.toString());
            assertTrue(env.events.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.WAITING));
            Map<String, String> before = snapshot(env);
            FactoryWorkflow.WorkflowResult again = env.workflow(state).run();
            assertEquals(List.of(), again.executed());
            assertEquals(11, again.skipped().size());
            assertEquals(before, snapshot(env));
            assertTrue(env.workflow(state).plan().stream().allMatch(FactoryWorkflow.PlannedStep::done));
        }
    }

    @Test
    void failureAtEveryStepThenResumeEndsInTheSameState(@TempDir Path dir) {
        Map<String, String> reference;
        Map<String, Integer> opsPerStep;
        try (Env env = new Env()) {
            env.workflow(dir.resolve("ref.json")).run();
            reference = snapshot(env);
            opsPerStep = new HashMap<>(env.hub.opsPerStep);
        }
        List<String> steps = List.of("preflight", "hub-config", "deploy-edge-1", "deploy-edge-2", "deploy-edge-3",
                "wait-edge-1", "wait-edge-2", "wait-edge-3", "detach-edge-1", "detach-edge-2", "detach-edge-3");
        for (String step : steps) {
            try (Env env = new Env()) {
                Path state = dir.resolve(step + ".json");
                env.hub.failStep = step;
                int ops = opsPerStep.get(step);
                env.hub.failAtOp = ops > 1 ? ops / 2 : 0;   // mid-step when the step has several operations
                ZtpException e = assertThrows(ZtpException.class, () -> env.workflow(state).run(), step);
                assertEquals(ZtpException.Reason.STEP_FAILED, e.reason(), step);
                assertTrue(env.events.stream().anyMatch(ev -> ev.kind() == ProgressEvent.Kind.FAILED
                        && ev.step().equals(step)), step);
                assertFalse(env.workflow(state).plan().stream().filter(p -> p.name().equals(step)).findFirst()
                        .orElseThrow().done(), step);
                FactoryWorkflow.WorkflowResult resumed = env.workflow(state).run();
                assertEquals(step, resumed.executed().get(0), "resumes at the failed step");
                assertEquals(steps.indexOf(step), resumed.skipped().size(), step);
                assertEquals(reference, snapshot(env), "final state after failing at " + step);
                env.hub.creations.forEach((k, n) -> assertEquals(1, n, step + ": " + k + " created " + n + " times"));
            }
        }
    }

    @Test
    void detachThenReconnectWithNewApiAddress(@TempDir Path dir) {
        try (Env env = new Env()) {
            FactoryWorkflow wf = env.workflow(dir.resolve("s.json"));
            wf.run();
            // the import controller's Secret from the factory hub exists and must be regenerated
            env.hubApi.applier().apply(new SecretBuilder().withNewMetadata().withName("edge-1-import")
                    .withNamespace("edge-1").endMetadata().withStringData(Map.of("import.yaml", "old")).build());
            String newUrl = "https://api.edge-1.store-7.example.net:6443";
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            wf.reconnect("edge-1", spoke, newUrl);
            wf.reconnect("edge-1", spoke, newUrl);  // idempotent
            ManagedCluster mc = env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertEquals(newUrl, mc.getSpec().managedClusterClientConfigs().get(0).url());
            assertTrue(mc.getSpec().hubAcceptsClient());
            Secret ais = env.hubApi.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get();
            String kc = SpokeKubeconfig.value(ais, "kubeconfig").orElseThrow().reveal();
            assertTrue(kc.contains(newUrl), kc);
            assertFalse(kc.contains("factory.example.com:6443"));
            assertEquals("5", SpokeKubeconfig.value(ais, "autoImportRetry").orElseThrow().reveal());
            assertEquals(null, env.hubApi.client().secrets().inNamespace("edge-1").withName("edge-1-import").get());
            assertTrue(SpokeKubeconfig.read(spoke).reveal().contains(newUrl), "spoke keeps its new endpoint");
            assertTrue(env.hubApi.client().resources(KlusterletAddonConfig.class).inNamespace("edge-1")
                    .withName("edge-1").get() != null);
            // the other clusters stay detached
            assertEquals(null, env.hubApi.client().resources(ManagedCluster.class).withName("edge-2").get());
        }
    }

    /** Runs the factory, then fakes the factory hub's import Secret that a re-import must regenerate. */
    static FactoryWorkflow detached(Env env, Path dir) {
        FactoryWorkflow wf = env.workflow(dir.resolve("s.json"));
        wf.run();
        env.hubApi.applier().apply(new SecretBuilder().withNewMetadata().withName("edge-1-import")
                .withNamespace("edge-1").endMetadata().withStringData(Map.of("import.yaml", "old")).build());
        return wf;
    }

    static void assertHubHolds(Env env, String url) {
        ManagedCluster mc = env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get();
        assertEquals(url, mc.getSpec().managedClusterClientConfigs().get(0).url());
        Secret ais = env.hubApi.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get();
        String kc = SpokeKubeconfig.value(ais, "kubeconfig").orElseThrow().reveal();
        assertTrue(kc.contains("server: \"" + url + "\"") || kc.contains("server: " + url), kc);
        assertEquals(null, env.hubApi.client().secrets().inNamespace("edge-1").withName("edge-1-import").get(),
                "the import Secret is deleted so it regenerates");
        ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
        assertTrue(SpokeKubeconfig.read(spoke).reveal().contains(url), "spoke keeps its new endpoint");
    }

    @Test
    void reconnectWithANewBaseDomainOnly(@TempDir Path dir) {
        try (Env env = new Env()) {
            FactoryWorkflow wf = detached(env, dir);
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            SiteEndpoint site = SiteEndpoint.unchanged().withBaseDomain("store-7.example.net");
            wf.reconnect("edge-1", spoke, site);
            wf.reconnect("edge-1", spoke, site);   // idempotent
            assertHubHolds(env, "https://api.edge-1.store-7.example.net:6443");
            ManagedCluster mc = env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertEquals(Map.of(SiteEndpoint.BASE_DOMAIN_ANNOTATION, "store-7.example.net"),
                    mc.getMetadata().getAnnotations());
            assertEquals("edge-1", mc.getMetadata().getLabels().get("name"));
            assertEquals(null, env.hubApi.client().resources(ManagedCluster.class).withName("edge-2").get());
        }
    }

    @Test
    void reconnectWithNewApiAndIngressVips(@TempDir Path dir) {
        try (Env env = new Env()) {
            FactoryWorkflow wf = detached(env, dir);
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            wf.reconnect("edge-1", spoke, SiteEndpoint.unchanged().withApiVip("10.20.0.5")
                    .withIngressVip("10.20.0.6"));
            // the DNS name stays (site DNS points it at the new VIP; the serving certificate names the host)
            assertHubHolds(env, "https://api.edge-1." + SPEC.cluster("edge-1").baseDomain() + ":6443");
            ManagedCluster mc = env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertEquals(Map.of(SiteEndpoint.BASE_DOMAIN_ANNOTATION, SPEC.cluster("edge-1").baseDomain(),
                    SiteEndpoint.API_VIP_ANNOTATION, "10.20.0.5", SiteEndpoint.INGRESS_VIP_ANNOTATION, "10.20.0.6"),
                    mc.getMetadata().getAnnotations());
            // an explicit URL wins over the derived one, and a later move replaces the recorded facts
            wf.reconnect("edge-1", spoke, SiteEndpoint.ofApiUrl("https://10.30.0.5:6443")
                    .withBaseDomain("port-3.example.net"));
            assertHubHolds(env, "https://10.30.0.5:6443");
            assertEquals(Map.of(SiteEndpoint.BASE_DOMAIN_ANNOTATION, "port-3.example.net"),
                    env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get().getMetadata()
                            .getAnnotations());
        }
    }

    @Test
    void badSiteInputIsRejectedWithPathsBeforeAnythingChanges(@TempDir Path dir) {
        try (Env env = new Env()) {
            FactoryWorkflow wf = detached(env, dir);
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            String storedBefore = SpokeKubeconfig.read(spoke).reveal();
            int eventsBefore = env.events.size();
            SiteEndpoint bad = SiteEndpoint.ofApiUrl("http://api.edge-1.example.net:6443").withApiVip("10.20.0.300")
                    .withIngressVip("ten.twenty").withBaseDomain("Store_7..example");
            ZtpException e = assertThrows(ZtpException.class, () -> wf.reconnect("edge-1", spoke, bad));
            assertEquals(ZtpException.Reason.INVALID_SPEC, e.reason());
            Map<String, String> byPath = new TreeMap<>();
            e.problems().forEach(err -> byPath.put(err.path(), err.message()));
            assertEquals(List.of("site.apiUrl", "site.apiVip", "site.baseDomain", "site.ingressVip"),
                    List.copyOf(byPath.keySet()), e.problems().toString());
            assertTrue(byPath.get("site.apiUrl").contains("https://"));
            assertTrue(byPath.get("site.apiVip").contains("IPv4"));
            assertTrue(byPath.get("site.ingressVip").contains("IPv4"));
            assertTrue(byPath.get("site.baseDomain").contains("DNS domain"));
            // the same VIP twice
            ZtpException same = assertThrows(ZtpException.class, () -> wf.reconnect("edge-1", spoke,
                    SiteEndpoint.unchanged().withApiVip("10.20.0.5").withIngressVip("10.20.0.5")));
            assertEquals(List.of("site.ingressVip"), same.problems().stream().map(v -> v.path()).toList());
            // a single-label domain is no base domain
            assertEquals(List.of("site.baseDomain"), SiteEndpoint.unchanged().withBaseDomain("localdomain")
                    .validate().stream().map(v -> v.path()).toList());
            // nothing touched: no ManagedCluster, import Secret still there, stored kubeconfig unchanged
            assertEquals(null, env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get());
            assertTrue(env.hubApi.client().secrets().inNamespace("edge-1").withName("edge-1-import").get() != null);
            assertEquals(storedBefore, SpokeKubeconfig.read(spoke).reveal());
            assertEquals(eventsBefore, env.events.size());
            // the automatic loop refuses the same input up front
            assertThrows(ZtpException.class, () -> ReconnectLoop.forSite(env.hub, SPEC.cluster("edge-1"), spoke, bad));
        }
    }

    @Test
    void automaticLoopReimportsAtTheSiteEndpoint(@TempDir Path dir) {
        try (Env env = new Env()) {
            detached(env, dir);
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            List<ProgressEvent> loopEvents = new ArrayList<>();
            ReconnectLoop.Result r = ReconnectLoop.forSite(env.hub, SPEC.cluster("edge-1"), spoke,
                            SiteEndpoint.unchanged().withBaseDomain("ship.example.net").withIngressVip("10.40.0.6"))
                    .sleeper(d -> { }).listener(loopEvents::add).build()
                    .run(() -> loopEvents.stream().anyMatch(ev -> (ev.kind() == ProgressEvent.Kind.DONE && ev.step().equals(WorkflowEvents.IMPORT))));
            assertEquals(1, r.completedImports());
            String url = "https://api.edge-1.ship.example.net:6443";
            ManagedCluster mc = env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertEquals(url, mc.getSpec().managedClusterClientConfigs().get(0).url());
            assertEquals("10.40.0.6", mc.getMetadata().getAnnotations().get(SiteEndpoint.INGRESS_VIP_ANNOTATION));
            assertEquals("ship.example.net", mc.getMetadata().getAnnotations().get(SiteEndpoint.BASE_DOMAIN_ANNOTATION));
            Secret ais = env.hubApi.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get();
            assertTrue(SpokeKubeconfig.value(ais, "kubeconfig").orElseThrow().reveal().contains(url));
            assertEquals(null, env.hubApi.client().secrets().inNamespace("edge-1").withName("edge-1-import").get());
        }
    }

    @Test
    void stateFileOfAnotherSpecIsRefused(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("s.json");
        Files.writeString(state, "{\"specDigest\":\"other\",\"completed\":[\"preflight\"]}");
        try (Env env = new Env()) {
            ZtpException e = assertThrows(ZtpException.class, () -> env.workflow(state).run());
            assertEquals(ZtpException.Reason.STATE_MISMATCH, e.reason());
        }
    }

    @Test
    void installTimeoutIsReported(@TempDir Path dir) {
        try (Env env = new Env()) {
            FactoryWorkflow wf = FactoryWorkflow.builder(SPEC).hub(ClusterApi.of(env.hubApi.applier()))
                    .spokes((c, k) -> ClusterApi.of(env.spokes.get(c).applier())).stateFile(dir.resolve("t.json"))
                    .pollInterval(Duration.ofSeconds(1)).installTimeout(Duration.ofSeconds(3)).sleeper(d -> { })
                    .build();
            ZtpException e = assertThrows(ZtpException.class, wf::run);
            assertEquals(ZtpException.Reason.TIMEOUT, e.reason());
            assertTrue(wf.plan().stream().filter(FactoryWorkflow.PlannedStep::done).count() == 5);
        }
    }
}
