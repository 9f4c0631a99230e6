package io.ocatopic.gpu;

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
 * RdmaReport r = gp.rdmaReadiness(facts);
 * String yaml = Serialization.asYaml(r.clusterPolicy());
 * }</pre>
 */
public record RdmaReport(NodeFacts facts, Mode recommended, List<Check> dmaBuf, List<Check> peermem,
                         ClusterPolicy.Spec settings, List<String> notes) {
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

    /**
     * Returns the settings as a ClusterPolicy merge patch.
     *
     * @return the settings as a ClusterPolicy merge patch
     */
    public ClusterPolicy clusterPolicy() {
        return ClusterPolicy.of(settings);
    }

    /**
     * One requirement of an RDMA path and whether the node meets it.
     *
     * @param requirement what is required, e.g. {@code kernel >= 5.12}
     * @param met         whether the node meets it
     * @param explanation why, with the observed value
     * <pre>{@code
     * report.dmaBuf().forEach(c -> System.out.println((c.met() ? "ok   " : "FAIL ") + c.requirement() + ": " + c.explanation()));
     * }</pre>
     */
    public record Check(String requirement, boolean met, String explanation) {
    }

    /**
     * How GPUDirect RDMA registers GPU memory with the NIC.
     *
     * <pre>{@code
     * if (report.recommended() == RdmaReport.Mode.DMA_BUF) { ... }
     * }</pre>
     */
    public enum Mode {
        /** The Linux kernel's DMA-BUF (recommended by NVIDIA). */
        DMA_BUF,
        /** The legacy nvidia-peermem kernel module with MOFED. */
        PEERMEM,
        /** Neither path is ready on this node. */
        NOT_READY
    }
}
