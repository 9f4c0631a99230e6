package io.ocatopic.gpu.rdma;

/**
 * Where the node's MLNX_OFED/DOCA network drivers come from.
 *
 * <pre>{@code
 * MofedSource m = MofedSource.parse("host");
 * }</pre>
 */
public enum MofedSource {
    /** No MOFED: inbox kernel RDMA drivers only. */
    NONE,
    /** Installed on the host ({@code driver.rdma.useHostMofed: true}). */
    HOST,
    /** Deployed by the NVIDIA network operator's driver container. */
    NETWORK_OPERATOR;

    /**
     * Parses a source name.
     *
     * @param s none, host or network-operator (case-insensitive)
     * @return the source
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} for any other name
     */
    public static MofedSource parse(String s) {
        return Names.parse(MofedSource.class, "MOFED source", s);
    }
}
