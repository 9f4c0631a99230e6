package io.ocatopic.ztp.workflow;

import io.ocatopic.ztp.internal.render.HubConnectionObjects;

import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.internal.render.KlusterletAddonConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a spoke between two embedded hubs, and recovering from a hub CA rotation. */
class HubMoveTest {
    static final String CA_B = "-----BEGIN CERTIFICATE-----\nMIIBhub-b\n-----END CERTIFICATE-----\n";
    static final String CA_B2 = "-----BEGIN CERTIFICATE-----\nMIIBhub-b-rotated\n-----END CERTIFICATE-----\n";

    static final String SITE_URL = "https://api.edge-1.store-7.example.net:6443";

    @Test
    void afterTheMoveTheNewHubHoldsTheClusterTheOldNothingAndTheSpokeBootstrapsToTheNewHub(@TempDir Path dir) {
        try (WorkflowTest.Env env = new WorkflowTest.Env(); EmbeddedApi hubB = EmbeddedApi.start()) {
            FactoryWorkflow onA = WorkflowTest.detached(env, dir);
            ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
            onA.reconnect("edge-1", spoke, SITE_URL);     // imported into hub A on site
            assertTrue(env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get() != null);

            HubConnection b = HubConnection.of(hubB.client().getConfiguration().getMasterUrl(), CA_B,
                    io.ocatopic.kube.Secret.of("bootstrap-token-b"));
            assertTrue(SchemaCheck.bundled().checkAll(List.of(HubConnectionObjects.klusterletConfig(b, "edge-1"),
                    HubConnectionObjects.caBundleConfigMap(b, "edge-1"), HubConnectionObjects.bootstrapSecret(b, "edge-1"))).conforms());
            FactoryWorkflow onB = FactoryWorkflow.builder(WorkflowTest.SPEC).hub(ClusterApi.of(hubB.applier())).build();
            ClusterApi hubA = ClusterApi.of(env.hubApi.applier());
            onB.moveToHub("edge-1", spoke, hubA, b);
            onB.moveToHub("edge-1", spoke, hubA, b);    // idempotent

            ManagedCluster mc = hubB.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertEquals(SITE_URL, mc.getSpec().managedClusterClientConfigs().get(0).url());
            assertEquals("edge-1", mc.getMetadata().getAnnotations().get(HubConnection.KLUSTERLET_CONFIG_ANNOTATION));
            GenericKubernetesResource kc = hubB.client().genericKubernetesResources(
                    "config.open-cluster-management.io/v1alpha1", "KlusterletConfig").withName("edge-1").get();
            assertEquals(b.url(), ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) kc.getAdditionalProperties()
                    .get("spec")).get("hubKubeAPIServerConfig")).get("url"));
            assertTrue(hubB.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get() != null);

            assertNull(env.hubApi.client().resources(ManagedCluster.class).withName("edge-1").get());
            assertNull(env.hubApi.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get());
            assertNull(env.hubApi.client().resources(KlusterletAddonConfig.class).inNamespace("edge-1")
                    .withName("edge-1").get());
            assertNull(env.hubApi.client().namespaces().withName("edge-1").get());
            assertTrue(env.hubApi.client().resources(ManagedCluster.class).list().getItems().isEmpty());
            for (var k : WorkflowTest.KINDS) {
                for (var o : env.hubApi.client().resources(k).inAnyNamespace().list().getItems()) {
                    assertFalse("edge-1".equals(o.getMetadata().getNamespace()) || "edge-1".equals(o.getMetadata().getName()),
                            "the old hub still holds " + o.getKind() + " " + o.getMetadata().getName());
                }
            }

            String boot = bootstrap(env);
            assertTrue(boot.contains("server: " + b.url()), boot);
            assertTrue(boot.contains("token: bootstrap-token-b"));
            assertTrue(boot.contains(java.util.Base64.getEncoder().encodeToString(CA_B.getBytes())));
            assertFalse(b.toString().contains("bootstrap-token-b"));

            // hub B's CA rotates: the spoke and the KlusterletConfig get the new CA
            HubConnection rotated = HubConnection.of(b.url(), CA_B2, io.ocatopic.kube.Secret.of("bootstrap-token-b"));
            onB.rotateHubCa("edge-1", spoke, rotated);
            assertTrue(bootstrap(env).contains(java.util.Base64.getEncoder().encodeToString(CA_B2.getBytes())));
            assertEquals(CA_B2, hubB.client().configMaps().inNamespace("edge-1").withName("edge-1-hub-ca").get()
                    .getData().get("ca-bundle.crt"));
        }
    }

    static String bootstrap(WorkflowTest.Env env) {
        Secret s = env.spokes.get("edge-1").client().secrets().inNamespace(HubConnection.AGENT_NAMESPACE)
                .withName(HubConnection.BOOTSTRAP_SECRET).get();
        return SpokeKubeconfig.value(s, "kubeconfig").orElseThrow().reveal();
    }
}
