package io.ocatopic.cli;

import static io.ocatopic.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ocatopic.kube.Secret;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic ztp reconnect}: the site endpoint options and their validation; a move to another hub. */
class ZtpReconnectCommandTest {
    static final String CA_B = "-----BEGIN CERTIFICATE-----\nMIIBhub-b\n-----END CERTIFICATE-----\n";
    static final String SITE_URL = "https://api.edge-1.store-7.example.net:6443";

    /**
     * Issue 20: {@code ztp reconnect --hub URL --hub-ca PEM --hub-token-file F --old-hub-kubeconfig K} against two
     * embedded hubs (as ztp-core's HubMoveTest does through the library): afterwards the new hub holds the cluster
     * with the spoke's current endpoint, the old hub holds nothing of it, and the spoke's klusterlet bootstraps to
     * the new hub.
     */
    @Test
    void hubMoveLeavesTheClusterOnTheNewHubNothingOnTheOldAndTheSpokeBootstrapsToTheNewHub(@TempDir Path dir)
            throws Exception {
        try (EmbeddedApi hubA = EmbeddedApi.start(); EmbeddedApi hubB = EmbeddedApi.start();
             EmbeddedApi spoke = EmbeddedApi.start()) {
            Path chassis = Files.writeString(dir.resolve("chassis.json"), SampleChassis.chassis("edge", 1).toJson());
            Path hubAKc = ScaleTesting.kubeconfig(hubA, dir.resolve("hub-a"));
            Path hubBKc = ScaleTesting.kubeconfig(hubB, dir.resolve("hub-b"));
            Path spokeKc = ScaleTesting.kubeconfig(spoke, dir.resolve("spoke"));
            // the kubeconfig a detach leaves on the spoke (reconnect re-points it)
            spoke.applier().apply(new NamespaceBuilder().withNewMetadata().withName(SpokeKubeconfig.NAMESPACE)
                    .endMetadata().build());
            spoke.applier().apply(SpokeKubeconfig.secret(Secret.of(ZtpCliContractTest.kubeconfig(
                    "https://api.edge-1.factory.example.com:6443"))));
            // on site: imported into hub A at the site's endpoint
            CliRun.Result onA = CliRun.exec(null, "ztp", "reconnect", chassis.toString(), "--kubeconfig",
                    hubAKc.toString(), "--cluster", "edge-1", "--spoke-kubeconfig", spokeKc.toString(),
                    "--new-base-domain", "store-7.example.net");
            assertEquals(0, onA.rc(), onA.err());
            assertNotNull(hubA.client().resources(ManagedCluster.class).withName("edge-1").get());

            Path ca = Files.writeString(dir.resolve("hub-b-ca.pem"), CA_B);
            Path token = Files.writeString(dir.resolve("token"), "bootstrap-token-b");
            String hubBUrl = hubB.client().getConfiguration().getMasterUrl();
            String[] move = {"ztp", "reconnect", chassis.toString(), "--kubeconfig", hubBKc.toString(), "--cluster",
                "edge-1", "--spoke-kubeconfig", spokeKc.toString(), "--hub", hubBUrl, "--hub-ca", ca.toString(),
                "--hub-token-file", token.toString(), "--old-hub-kubeconfig", hubAKc.toString(), "-o", "json"};
            CliRun.Result r = CliRun.exec(null, move);
            assertEquals(0, r.rc(), r.err());
            assertTrue(r.out().contains("\"move-hub\""), r.out());
            assertFalse(r.out().contains("bootstrap-token-b") || r.err().contains("bootstrap-token-b"),
                    "the token is never printed");
            CliRun.Result again = CliRun.exec(null, move);    // idempotent
            assertEquals(0, again.rc(), again.err());

            // the new hub holds the cluster, at the spoke's current endpoint
            ManagedCluster mc = hubB.client().resources(ManagedCluster.class).withName("edge-1").get();
            assertNotNull(mc, "hub B holds the ManagedCluster");
            assertEquals(SITE_URL, mc.getSpec().managedClusterClientConfigs().get(0).url());
            assertNotNull(hubB.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get());
            // the old hub holds nothing of it
            assertNull(hubA.client().resources(ManagedCluster.class).withName("edge-1").get());
            assertNull(hubA.client().secrets().inNamespace("edge-1").withName("auto-import-secret").get());
            assertNull(hubA.client().namespaces().withName("edge-1").get());
            assertTrue(hubA.client().resources(ManagedCluster.class).list().getItems().isEmpty());
            // the spoke's klusterlet bootstraps to the new hub
            var boot = spoke.client().secrets().inNamespace(HubConnection.AGENT_NAMESPACE)
                    .withName(HubConnection.BOOTSTRAP_SECRET).get();
            assertNotNull(boot, "the spoke holds the bootstrap kubeconfig");
            String kc = SpokeKubeconfig.value(boot, "kubeconfig").orElseThrow().reveal();
            assertTrue(kc.contains("server: " + hubBUrl), kc);
            assertTrue(kc.contains("token: bootstrap-token-b"), "the new hub's bootstrap token");
            assertTrue(kc.contains(Base64.getEncoder().encodeToString(CA_B.getBytes())), "the new hub's CA");
        }
    }

    @Test
    void helpListsTheSiteEndpointOptions() {
        String[] r = run("ztp", "reconnect", "--help");
        assertEquals("0", r[0], r[1]);
        for (String o : new String[] {"--api-url", "--new-base-domain", "--api-vip", "--ingress-vip", "--auto"}) {
            assertTrue(r[1].contains(o), o + " missing: " + r[1]);
        }
    }

    @Test
    void badSiteInputFailsWithFieldPathsBeforeAnyClusterIsContacted(@TempDir Path dir) throws Exception {
        Path chassis = dir.resolve("chassis.json");
        Files.writeString(chassis, SampleChassis.chassis("edge", 1).toJson());
        Path kc = dir.resolve("spoke.kubeconfig");
        // nothing listens there: validation must fail before any request
        Files.writeString(kc, "apiVersion: v1\nkind: Config\nclusters:\n- name: s\n  cluster:\n"
                + "    server: https://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: s\n"
                + "    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n");
        String[] r = run("ztp", "reconnect", chassis.toString(), "--cluster", "edge-1", "--spoke-kubeconfig",
                kc.toString(), "--new-base-domain", "Store_7..example", "--api-vip", "10.20.0.300");
        assertFalse(r[0].equals("0"), r[1]);
        assertTrue(r[1].contains("site.baseDomain"), r[1]);
        assertTrue(r[1].contains("site.apiVip: must be an IPv4 address"), r[1]);
        assertFalse(r[1].contains("127.0.0.1:1"), "no connection attempted: " + r[1]);
    }

    /** Issue 16 case 5: a malformed kubeconfig made reconnect print its YAML error quoting the token. */
    @Test
    void aMalformedSpokeKubeconfigIsNeverEchoed(@TempDir Path dir) throws Exception {
        Path chassis = dir.resolve("chassis.json");
        Files.writeString(chassis, SampleChassis.chassis("edge", 1).toJson());
        Path kc = dir.resolve("spoke.kubeconfig");
        Files.writeString(kc, "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: TOKEN-SUPERSECRET-123\n"
                + "   bad: [indent\n");
        String[] r = run("ztp", "reconnect", chassis.toString(), "--cluster", "edge-1", "--spoke-kubeconfig", kc.toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("is not a valid kubeconfig"), r[1]);
        assertFalse(r[1].contains("SUPERSECRET"), "the kubeconfig's content is never shown: " + r[1]);
    }
}
