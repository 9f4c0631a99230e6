package io.ocatopic.examples;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.dpu.dpf.DpfPreflight;
import io.ocatopic.dpu.dpf.DpfStatus;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.SchemaCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A mixed BlueField fleet from one configuration: the BlueField-2 host stays on dpu-network-operator's
 * shared-OVN path, the two BlueField-3 hosts are provisioned by NVIDIA DPF. Renders both, checks the DPF
 * objects against the DPF CRDs, applies them to an embedded API, runs the offline preflight, reads the
 * (empty) provisioning status, and shows a refusal: DPF for the BlueField-2.
 */
public final class MixedDpuFleetExample {
    private MixedDpuFleetExample() {
    }

    /** @return the DPF settings of the sample fleet */
    public static DpfSettings sampleDpf() {
        return DpfSettings.builder("http://10.0.110.2/bfb/bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb",
                "https://10.0.110.10:6443", "10.0.110.200", "br-dpu").imagePullSecret("dpf-pull-secret").build();
    }

    /** @return a BlueField-2 host on shared OVN, a 32 GB and a 16 GB BlueField-3 host on DPF */
    public static DpuOffloadConfig.Builder sampleBuilder() {
        return DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node("dpu-worker-0", "host-worker-0",
                        new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0", "ens1f0", OptionalInt.empty()))
                .node("dpu-host-3", "host-worker-3",
                        new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()).withMemoryGiB(32))
                .node("dpu-host-4", "host-worker-4",
                        new Card(Card.Model.BLUEFIELD_3, "0000:03:00.0", "p0", "ens2f0np0", OptionalInt.empty()).withMemoryGiB(16))
                .numVfs(16).offloads(Offload.OVS_HW_OFFLOAD, Offload.ROCE)
                .dpf(sampleDpf());
    }

    /** @return the validated sample */
    public static DpuOffloadConfig sampleConfig() {
        return sampleBuilder().build();
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        DpuOffloadConfig cfg = sampleConfig();
        cfg.nodes().forEach(n -> System.out.println(n.host().orElseThrow() + " (" + n.card().model() + "): " + cfg.targetOf(n)));
        System.out.println("shared OVN: " + cfg.render().infra().size() + " infra objects, " + cfg.render().tenant().size()
                + " tenant objects");
        List<HasMetadata> dpf = cfg.renderDpf().hostCluster();
        System.out.println("DPF: " + dpf.size() + " host-cluster objects; conform to the DPF CRDs: "
                + SchemaCheck.bundled().checkAll(dpf).conforms());
        try (EmbeddedApi host = EmbeddedApi.start()) {
            System.out.println("applied " + cfg.renderDpf().applyTo(host.applier()) + " DPF objects to an embedded API");
            DpfStatus r = DpfStatus.read(host.client(), cfg.dpf().orElseThrow().namespace(),
                    cfg.nodes(DpuNode.Target.DPF).stream().map(n -> n.host().orElseThrow()).toList(), Instant.now(), Duration.ofMinutes(30));
            r.nodes().forEach(n -> System.out.println("  " + n.host() + " " + n.state() + ": " + n.reason()));
        }
        DpfPreflight.check(cfg, DpfPreflight.netdevsFromNodeLabels(Map.of(
                        "host-worker-3", Map.of(DpfPreflight.PF0_LABEL, "ens2f0np0"),
                        "host-worker-4", Map.of(DpfPreflight.PF0_LABEL, "ens2f0np0"))), Optional.empty())
                .forEach(v -> System.out.println("preflight: " + v));
        try {
            sampleBuilder().node("dpu-worker-9", "host-worker-9", new Card(Card.Model.BLUEFIELD_2, "0000:03:00.0", "p0",
                    "ens2f0np0", OptionalInt.empty()), DpuNode.Target.DPF).build();
        } catch (DpuException e) {
            e.problems().forEach(v -> System.out.println("refused: " + v));
        }
    }
}
