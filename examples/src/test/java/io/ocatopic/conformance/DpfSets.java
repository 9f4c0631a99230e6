package io.ocatopic.conformance;

import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.examples.MixedDpuFleetExample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dpu outputs of the mixed BlueField fleet ({@link MixedDpuFleetExample}): the DPF host-cluster objects
 * (DPFOperatorConfig, DPUCluster, BFB, DPUFlavor, DPUSet, DPUService and its interfaces, chain, IPAM and
 * credential request), and the shared-OVN clusters of its BlueField-2, each set as it is applied together.
 */
final class DpfSets {
    private DpfSets() {
    }

    static void addTo(java.util.Map<String, Supplier<List<?>>> sets) {
        sets.put("dpu mixed fleet: DPF host cluster", () -> new ArrayList<>(MixedDpuFleetExample.sampleConfig().renderDpf().hostCluster()));
        sets.put("dpu mixed fleet: shared-OVN infra cluster", () -> {
            var r = MixedDpuFleetExample.sampleConfig().render();
            List<Object> out = new ArrayList<>(r.infra());
            out.addAll(r.infraNodes());
            return out;
        });
        sets.put("dpu mixed fleet with a smart-NIC host: shared-OVN tenant cluster", () -> {
            DpuOffloadConfig c = MixedDpuFleetExample.sampleBuilder().smartNicHost("host-worker-2", "ens8f0").build();
            var r = c.render();
            List<Object> out = new ArrayList<>(r.tenant());
            out.addAll(r.tenantNodes());
            return out;
        });
        sets.put("dpu BlueField-3-only fleet: DPF host cluster", () -> new ArrayList<>(DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                .node(MixedDpuFleetExample.sampleConfig().nodes().get(1)).node(MixedDpuFleetExample.sampleConfig().nodes().get(2))
                .numVfs(16).dpf(MixedDpuFleetExample.sampleDpf()).build().renderDpf().hostCluster()));
    }
}
