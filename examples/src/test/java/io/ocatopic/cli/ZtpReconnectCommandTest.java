package io.ocatopic.cli;

import static io.ocatopic.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.ztp.internal.SampleChassis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic ztp reconnect}: the site endpoint options and their validation. */
class ZtpReconnectCommandTest {

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
