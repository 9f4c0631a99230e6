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

/** {@code ztp render --format}: each format writes only its files, and the ClusterInstance output lints clean. */
class ZtpRenderFormatTest {
    @Test
    void clusterInstanceFormatWritesOneClusterInstancePerClusterThatLintsClean(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chassis.json");
        Files.writeString(f, SampleChassis.chassis("edge", 2).toJson());
        Path out = dir.resolve("out");
        String[] r = run("ztp", "render", f.toString(), "--format", "clusterinstance", "--out-dir", out.toString());
        assertEquals("0", r[0], r[1]);
        for (String c : new String[] {"edge-1", "edge-2"}) {
            String ci = Files.readString(out.resolve(c).resolve("cluster-instance.yaml"));
            assertTrue(ci.contains("kind: \"ClusterInstance\"") || ci.contains("kind: ClusterInstance"), ci);
            assertFalse(Files.exists(out.resolve(c).resolve("hub-crs.yaml")));
            assertFalse(Files.exists(out.resolve(c).resolve("install-config.yaml")));
        }
        assertTrue(Files.exists(out.resolve("cluster-image-set.yaml")));
        String[] lint = run("lint", out.toString());
        assertEquals("0", lint[0], lint[1]);
    }

    @Test
    void assistedAndAgentFormatsWriteOnlyTheirFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chassis.json");
        Files.writeString(f, SampleChassis.chassis("edge", 1).toJson());
        Path a = dir.resolve("assisted");
        assertEquals("0", run("ztp", "render", f.toString(), "--format", "assisted", "--out-dir", a.toString())[0]);
        assertTrue(Files.exists(a.resolve("edge-1/hub-crs.yaml")));
        assertFalse(Files.exists(a.resolve("edge-1/install-config.yaml")));
        assertFalse(Files.exists(a.resolve("edge-1/cluster-instance.yaml")));
        Path g = dir.resolve("agent");
        assertEquals("0", run("ztp", "render", f.toString(), "--format", "agent", "--out-dir", g.toString())[0]);
        assertTrue(Files.exists(g.resolve("edge-1/install-config.yaml")));
        assertTrue(Files.exists(g.resolve("edge-1/agent-config.yaml")));
        assertFalse(Files.exists(g.resolve("edge-1/hub-crs.yaml")));
        assertEquals("2", run("ztp", "render", f.toString(), "--format", "nope", "--out-dir", g.toString())[0]);
    }

    @Test
    void siteConfigV1ConvertsToClusterInstance(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String[] r = run("ztp", "render", "../ztp-core/src/test/resources/siteconfig/standard-3plus1.yaml",
                "--format", "clusterinstance", "--out-dir", out.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(Files.readString(out.resolve("edge-7/cluster-instance.yaml")).contains("192.168.7.243"));
        assertEquals("0", run("lint", out.toString())[0]);
    }

    @Test
    void relocateDryRunPrintsTheStepsAndTheLimitsAndRefusesABadTarget(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chassis.json");
        Files.writeString(f, SampleChassis.chassis("edge", 1).toJson());
        String[] r = run("ztp", "relocate", f.toString(), "--cluster", "edge-1", "--machine-network", "10.20.0.0/24",
                "--gateway", "10.20.0.1", "--api-vip", "10.20.0.5", "--ingress-vip", "10.20.0.6",
                "--new-base-domain", "store-7.example.net", "--dry-run");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("[todo] relocate-edge-1-nmstate") && r[1].contains("[note] needs a node reboot"), r[1]);
        r = run("ztp", "relocate", f.toString(), "--cluster", "edge-1", "--machine-network", "10.20.0.0/24",
                "--gateway", "10.20.0.1", "--api-vip", "10.99.0.5", "--ingress-vip", "10.20.0.6",
                "--new-base-domain", "store-7.example.net", "--dry-run");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("apiVip"), r[1]);
    }
}
