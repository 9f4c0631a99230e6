package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic dpu render|plan|status} for a mixed BlueField-2/BlueField-3 fleet. */
class DpuCommandTest {
    static final String CONFIG = """
            infraCluster: edge-infra
            tenantCluster: edge-tenant
            numVfs: 16
            nodes:
            - {name: dpu-worker-0, host: host-worker-0, card: {model: BLUEFIELD_2, pciAddress: "0000:03:00.0", hostPf: ens1f0}}
            - {name: dpu-host-3, host: host-worker-3, card: {model: BLUEFIELD_3, pciAddress: "0000:03:00.0", hostPf: ens2f0np0, memoryGiB: 32}}
            dpf:
              bfbUrl: http://10.0.110.2/bfb/bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb
              apiServer: https://10.0.110.10:6443
              dpuClusterVip: 10.0.110.200
              dpuClusterInterface: br-dpu
            """;

    @Test
    void renderPlanAndStatusOfAMixedFleet(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("dpu.yaml");
        Files.writeString(cfg, CONFIG);
        String[] r = CliRun.run("dpu", "render", "-f", cfg.toString(), "--out-dir", dir.resolve("out").toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(Files.isRegularFile(dir.resolve("out/infra/dpuclusterconfig-edge-infra.yaml")), r[1]);
        assertTrue(Files.readString(dir.resolve("out/dpf/dpuset-ovn-offload-32g.yaml")).contains("- \"host-worker-3\""), r[1]);
        String[] dpf = CliRun.run("dpu", "render", "-f", cfg.toString(), "--cluster", "dpf");
        assertEquals("0", dpf[0], dpf[1]);
        assertTrue(dpf[1].contains("kind: \"DPUSet\"") && dpf[1].contains("- \"host-worker-3\""), dpf[1]);

        String[] plan = CliRun.run("dpu", "plan", "-f", cfg.toString(), "--node", "dpu-host-3");
        assertEquals("0", plan[0], plan[1]);
        assertTrue(plan[1].contains("provisioned by DPF") && plan[1].contains("3072 x 2 MiB hugepages"), plan[1]);

        Path rec = dir.resolve("recorded.yaml");
        Files.writeString(rec, """
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
                """);
        String[] st = CliRun.run("dpu", "status", "-f", cfg.toString(), "--from", rec.toString());
        assertEquals("1", st[0], st[1]);
        assertTrue(st[1].startsWith("host-worker-3\tFAILED\tPending\twaiting for BFB bf-bundle, which is in Error"), st[1]);
        assertTrue(st[1].contains("recovery: a BFB's spec is immutable"), st[1]);

        String[] json = CliRun.run("dpu", "status", "-f", cfg.toString(), "--from", rec.toString(), "-o", "json");
        assertEquals("1", json[0], json[1]);
        assertTrue(json[1].contains("\"state\" : \"FAILED\"") || json[1].contains("\"state\":\"FAILED\""), json[1]);

        String[] bad = CliRun.run("dpu", "status", "-f", cfg.toString(), "--deadline", "soon");
        assertEquals("2", bad[0], bad[1]);
        assertTrue(bad[1].contains("--deadline must be"), bad[1]);
    }

    @Test
    void planWithoutDevlinkIsAnOutsideFailure(@TempDir Path dir) throws Exception {
        // this kernel has generic netlink but no devlink family: the card cannot be read, exit 3
        Path cfg = dir.resolve("dpu.yaml");
        Files.writeString(cfg, CONFIG);
        String[] r = CliRun.run("dpu", "plan", "-f", cfg.toString(), "--node", "dpu-worker-0");
        org.junit.jupiter.api.Assumptions.assumeFalse(r[0].equals("0"), "this kernel has a devlink family");
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].contains("devlink"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
    }

    @Test
    void blueField2OnDpfIsBadInput(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("dpu.yaml");
        Files.writeString(cfg, CONFIG.replace("card: {model: BLUEFIELD_2", "target: DPF, card: {model: BLUEFIELD_2"));
        String[] r = CliRun.run("dpu", "render", "-f", cfg.toString(), "--cluster", "infra");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("nodes[0].target: DPF supports BlueField-3 only"), r[1]);
    }
}
