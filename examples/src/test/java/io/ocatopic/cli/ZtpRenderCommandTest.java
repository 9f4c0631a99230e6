package io.ocatopic.cli;

import static io.ocatopic.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.kube.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic ztp render} and {@code ztp validate} on ZTPFW's DHCP-only shape, pipes and skipped outputs. */
class ZtpRenderCommandTest {
    static final String PULL = "{\"auths\":{\"registry.factory.local:5000\":{\"auth\":\"Y2xpOmNsaQ==\"}}}";

    /** ZTPFW's examples/config.yaml shape: external DHCP NICs only, no nic_int_static, no ip_ext_dhcp. */
    static final String ZTPFW_DHCP_ONLY = """
            config:
              OC_OCP_VERSION: "4.14.10"
              OC_ACM_VERSION: "2.9"
              OC_ODF_VERSION: "4.14"
            edgeclusters:
              - edgecluster1-name:
                  master0:
                    ignore_ifaces: eno1 eno2
                    nic_ext_dhcp: eno4
                    mac_ext_dhcp: "aa:55:dd:ee:b0:10"
                    bmc_url: "redfish-virtualmedia+http://192.168.150.1:8000/redfish/v1/Systems/m0"
                    bmc_user: "user-bmc"
                    bmc_pass: "user-pass"
                    root_disk: "/dev/sda"
                  master1:
                    nic_ext_dhcp: eno4
                    mac_ext_dhcp: "aa:55:dd:ee:b0:11"
                    bmc_url: "redfish-virtualmedia+http://192.168.150.1:8000/redfish/v1/Systems/m1"
                    bmc_user: "user-bmc"
                    bmc_pass: "user-pass"
                    root_disk: "/dev/sda"
                  master2:
                    nic_ext_dhcp: eno4
                    mac_ext_dhcp: "aa:55:dd:ee:b0:12"
                    bmc_url: "redfish-virtualmedia+http://192.168.150.1:8000/redfish/v1/Systems/m2"
                    bmc_user: "user-bmc"
                    bmc_pass: "user-pass"
                    root_disk: "/dev/sda"
              - edgecluster2-name:
                  master0:
                    nic_ext_dhcp: enp1s0
                    mac_ext_dhcp: "aa:55:dd:ee:c0:10"
                    bmc_url: "redfish-virtualmedia+http://192.168.150.1:8000/redfish/v1/Systems/sno"
                    bmc_user: "user-bmc"
                    bmc_pass: "user-pass"
                    root_disk: /dev/vda
            """;

    @Test
    void ztpfwDhcpOnlyFileValidates(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("config.yaml"), ZTPFW_DHCP_ONLY);
        String[] r = run("ztp", "validate", f.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("edgecluster2-name: SINGLE_NODE, 1 nodes, API https://api.edgecluster2-name.example.com:6443,"
                + " machine network 192.168.7.0/24, rendezvous 192.168.7.10"), r[1]);
        assertTrue(r[1].strip().endsWith("valid"), r[1]);
        assertFalse(r[1].contains("ip_ext_dhcp"), r[1]);
    }

    @Test
    @Timeout(120)
    void pullSecretFromAPipeIsReadOnceAndReachesEveryOutput(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("config.yaml"), ZTPFW_DHCP_ONLY);
        Path out = dir.resolve("out");
        Path fifo = dir.resolve("pull-secret");
        String[] r;
        try (OneShotPipe pipe = new OneShotPipe(fifo, PULL + "\n")) {
            r = run("ztp", "render", f.toString(), "--pull-secret-file", fifo.toString(), "--out-dir", out.toString());
        }
        assertEquals("0", r[0], r[1]);
        String escaped = PULL.replace("\"", "\\\"");
        for (String c : new String[] {"edgecluster1-name", "edgecluster2-name"}) {
            String ic = Files.readString(out.resolve(c).resolve("install-config.yaml"));
            String hub = Files.readString(out.resolve(c).resolve("cluster-instance.yaml"));   // the default hub-driven output
            assertTrue(ic.contains("pullSecret: \"" + escaped.substring(0, 40)), c + ": " + ic);
            assertTrue(hub.contains(".dockerconfigjson: \"" + escaped.substring(0, 40)), c + ": " + hub);
            assertFalse(hub.contains(".dockerconfigjson: \"\""), c);
        }
        assertFalse(r[1].contains("Y2xpOmNsaQ=="), "the secret is never printed: " + r[1]);
    }

    @Test
    void agentPairIsSkippedWithAReasonOrRefusedWhenRequired(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chassis.json");
        Files.writeString(f, SampleChassis.chassis("edge", 1).toBuilder()
                .pullSecret(Secret.fromSecret("pull-secret", ".dockerconfigjson")).build().toJson());
        Path out = dir.resolve("out");
        String[] r = run("ztp", "render", f.toString(), "--out-dir", out.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("edge-1: skipped install-config.yaml and agent-config.yaml: install-config.yaml "
                + "needs the pull secret's value, and pullSecret is the Secret pull-secret/.dockerconfigjson on the hub"),
                r[1]);
        assertTrue(Files.exists(out.resolve("edge-1/cluster-instance.yaml")));
        assertFalse(Files.exists(out.resolve("edge-1/install-config.yaml")));
        assertFalse(Files.exists(out.resolve("edge-1/agent-config.yaml")));

        Path out2 = dir.resolve("out2");
        r = run("ztp", "render", f.toString(), "--out-dir", out2.toString(), "--require-agent-install");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("edge-1: cannot render install-config.yaml and agent-config.yaml: "), r[1]);
        assertFalse(Files.exists(out2), "nothing written");
    }

    /** A named pipe like the shell's {@code <(...)}: the first reader gets the content, later ones nothing. */
    static final class OneShotPipe implements AutoCloseable {
        private final Path path;
        private final Thread writer;
        private volatile boolean closing;

        OneShotPipe(Path path, String content) throws IOException, InterruptedException {
            this.path = path;
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
            writer = new Thread(() -> {
                boolean first = true;
                while (true) {
                    try (OutputStream o = Files.newOutputStream(path)) { // blocks until a reader opens
                        if (closing) {
                            return;
                        }
                        if (first) {
                            o.write(content.getBytes(StandardCharsets.UTF_8));
                            first = false;
                        }
                        Thread.sleep(5);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "one-shot-pipe");
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            closing = true;
            if (writer.isAlive()) {
                try (InputStream in = Files.newInputStream(path)) {
                    in.readAllBytes();
                }
                writer.join(5000);
            }
            Files.deleteIfExists(path);
        }
    }
}
