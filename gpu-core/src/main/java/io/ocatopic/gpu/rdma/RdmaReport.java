package io.ocatopic.gpu.rdma;

import io.ocatopic.gpu.mig.ClusterPolicy;
import io.ocatopic.gpu.mig.ClusterPolicySpec;
import java.util.List;

/**
 * The readiness of one node for GPUDirect RDMA.
 *
 * @param facts       the facts checked
 * @param recommended the path to use
 * @param dmaBuf      every DMA-BUF requirement, met or not
 * @param peermem     every nvidia-peermem requirement, met or not
 * @param settings    the ClusterPolicy fragment for the recommended path (empty spec when not ready)
 * @param notes       advice beyond the checks (for example how to make DMA-BUF available)
 * <pre>{@code
 * RdmaReport r = RdmaReadiness.check(facts);
 * String yaml = KubeYaml.dump(r.clusterPolicy());
 * }</pre>
 */
public record RdmaReport(NodeFacts facts, RdmaMode recommended, List<RdmaCheck> dmaBuf, List<RdmaCheck> peermem,
                         ClusterPolicySpec settings, List<String> notes) {
    /**
     * Validates and copies.
     *
     * @param facts       see the record component
     * @param recommended see the record component
     * @param dmaBuf      see the record component
     * @param peermem     see the record component
     * @param settings    see the record component
     * @param notes       see the record component
     */
    public RdmaReport {
        dmaBuf = List.copyOf(dmaBuf);
        peermem = List.copyOf(peermem);
        notes = List.copyOf(notes);
    }

    /** @return the settings as a ClusterPolicy merge patch */
    public ClusterPolicy clusterPolicy() {
        return ClusterPolicy.of(settings);
    }
}
