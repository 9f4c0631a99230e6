package io.ocatopic.examples;

import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.kube.Secret;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.NetlinkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * BlueField DPUs in the shared-OVN design: describe two DPU/host pairs once, render both clusters'
 * resources to files, apply them to two embedded API servers, print the card setup plan of one DPU,
 * and ask the real kernel for devlink.
 */
public final class DpuOffloadExample {
    private DpuOffloadExample() {
    }

    /**
     * The sample used here and by {@code ocatopic demo}: a BlueField-2 and a BlueField-3 DPU, each paired
     * with its host, 8 VFs, VF 0 as the management port, OVS hardware offload and RoCE.
     *
     * @return the validated sample configuration
     */
    public static DpuOffloadConfig sampleConfig() {
        return DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0",
                        new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
                .node("dpu-worker-1", "host-worker-1",
                        new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()))
                .numVfs(8).mgmtPortVf(0).mtu(1500)
                .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE)
                .build();
    }

    /**
     * Runs the example.
     *
     * @param args optional output directory
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        DpuOffloadConfig cfg = sampleConfig();
        DpuResources resources = cfg.render();
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ocatopic-dpu");
        System.out.println("rendered " + resources.writeTo(dir).size() + " files to " + dir);

        try (EmbeddedApi infra = EmbeddedApi.start(); EmbeddedApi tenant = EmbeddedApi.start()) {
            DpuResources.ApplyReport r = resources.applyTo(infra.applier(), tenant.applier(),
                    Optional.of(Secret.of("apiVersion: v1\nkind: Config\n")));
            System.out.println("applied " + r.infraApplied() + " objects to the infrastructure cluster, "
                    + r.tenantApplied() + " to the tenant cluster; nodes not there yet: " + r.missingNodes());
        }

        System.out.println("card setup of dpu-worker-0 (dry run, state unknown):");
        cfg.planCard("dpu-worker-0").describe()
                .forEach(l -> System.out.println("  " + l));

        try (DevlinkClient devlink = DevlinkClient.open()) {
            System.out.println("devlink instances: " + devlink.devices());
        } catch (NetlinkException e) {
            System.out.println("devlink: " + e.reason() + ": " + e.getMessage());
        }
    }
}
