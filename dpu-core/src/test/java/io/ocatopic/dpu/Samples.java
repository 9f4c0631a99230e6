package io.ocatopic.dpu;

import java.util.OptionalInt;

/** The 2-DPU sample shared by the tests: a BlueField-2 and a BlueField-3 host. */
public final class Samples {
    private Samples() {
    }

    /** @return the builder of the sample, valid as it stands */
    public static DpuOffloadConfig.Builder twoDpuBuilder() {
        return DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0",
                        new Card(CardModel.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.of(16)))
                .node("dpu-worker-1", "host-worker-1",
                        new Card(CardModel.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()))
                .numVfs(8).mgmtPortVf(0).mtu(1500)
                .offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE, Offload.IPSEC_CRYPTO);
    }

    /** @return the sample */
    public static DpuOffloadConfig twoDpu() {
        return twoDpuBuilder().build();
    }
}
