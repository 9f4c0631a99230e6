package io.ocatopic.dpu;

import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import java.util.OptionalInt;

/** The 2-DPU sample shared by the tests: a BlueField-2 and a BlueField-3 host. */
public final class Samples {
    private Samples() {
    }

    /** @return the builder of the sample, valid as it stands */
    public static DpuOffloadConfig.Builder twoDpuBuilder() {
        return DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0",
                        new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.of(16)))
                .node("dpu-worker-1", "host-worker-1",
                        new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()))
                .numVfs(8).mgmtPortVf(0).mtu(1500)
                .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE, Offload.IPSEC_CRYPTO);
    }

    /** @return DPF settings for the DPF samples */
    public static DpfSettings dpf() {
        return DpfSettings.builder("http://10.0.110.2/bfb/bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb",
                "https://10.0.110.10:6443", "10.0.110.200", "br-dpu").imagePullSecret("dpf-pull-secret").build();
    }

    /** @return two BlueField-3 hosts on DPF, a 32 GB and a 16 GB card */
    public static DpuOffloadConfig.Builder bf3OnlyBuilder() {
        return DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-host-3", "host-worker-3", new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0",
                        OptionalInt.empty()).withMemoryGiB(32))
                .node("dpu-host-4", "host-worker-4", new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0",
                        OptionalInt.empty()).withMemoryGiB(16))
                .numVfs(16).dpf(dpf());
    }

    /** @return the two-DPU sample plus the DPF hosts: the BlueField-2 on shared OVN, every BlueField-3 on DPF */
    public static DpuOffloadConfig.Builder mixedBuilder() {
        return bf3OnlyBuilder().node("dpu-worker-0", "host-worker-0",
                new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
                .node("dpu-worker-1", "host-worker-1",
                        new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()), DpuNode.Target.SHARED_OVN)
                .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE);
    }

    /** @return the sample */
    public static DpuOffloadConfig twoDpu() {
        return twoDpuBuilder().build();
    }
}
