package io.ocatopic.gpu;

import io.ocatopic.gpu.internal.Problems;
import io.ocatopic.gpu.internal.rdma.Names;
import java.util.Locale;

/**
 * What RDMA readiness depends on, as observed on a node.
 *
 * @param node          node name
 * @param kernelModule  the NVIDIA kernel module flavour
 * @param cudaVersion   the driver's CUDA version ({@code nvidia-smi} header), e.g. {@code 12.4}
 * @param architecture  the GPU architecture
 * @param kernelVersion {@code uname -r}, e.g. {@code 5.14.0-427.13.1.el9_4.x86_64}
 * @param mofed         where MOFED comes from
 * <pre>{@code
 * new NodeFacts("worker-0", NodeFacts.KernelModuleType.OPEN, "12.4", NodeFacts.GpuArchitecture.HOPPER, "5.14.0-427.el9.x86_64", NodeFacts.MofedSource.NONE)
 * }</pre>
 */
public record NodeFacts(String node, KernelModuleType kernelModule, String cudaVersion,
                        GpuArchitecture architecture,
                        String kernelVersion, MofedSource mofed) {
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("^v?\\d+(\\.\\d+)*([-+_.~].*)?$");

    /**
     * Validates every field; a fact set that exists can be checked.
     *
     * @param node          see the record component
     * @param kernelModule  see the record component
     * @param cudaVersion   see the record component
     * @param architecture  see the record component
     * @param kernelVersion see the record component
     * @param mofed         see the record component
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public NodeFacts {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (node == null || node.isBlank()) {
            problems.add("node: must not be empty");
        }
        if (kernelModule == null) {
            problems.add("kernelModule: required (open or proprietary)");
        }
        if (architecture == null) {
            problems.add("architecture: required");
        }
        if (mofed == null) {
            problems.add("mofed: required (none, host or network-operator)");
        }
        if (cudaVersion == null || !VERSION.matcher(cudaVersion.trim()).matches()) {
            problems.add("cudaVersion: \"" + cudaVersion + "\" is not a version such as 12.4");
        }
        if (kernelVersion == null || !VERSION.matcher(kernelVersion.trim()).matches()) {
            problems.add("kernelVersion: \"" + kernelVersion + "\" is not a kernel release such as 5.14.0-427.13.1.el9_4.x86_64");
        }
        if (!problems.isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "invalid node facts", Problems.of(problems), null);
        }
    }

    /**
     * The NVIDIA driver's kernel module flavour ({@code ClusterPolicy.spec.driver.kernelModuleType}; on a
     * node, {@code modinfo nvidia} shows {@code license: Dual MIT/GPL} for the open module and
     * {@code NVIDIA} for the proprietary one).
     *
     * <pre>{@code
     * NodeFacts.KernelModuleType t = NodeFacts.KernelModuleType.parse("open");
     * }</pre>
     */
    public enum KernelModuleType {
        /** NVIDIA open GPU kernel modules. */
        OPEN,
        /** The proprietary kernel module. */
        PROPRIETARY;

        /**
         * Parses a flavour name.
         *
         * @param s open or proprietary (case-insensitive)
         * @return the flavour
         * @throws io.ocatopic.gpu.GpuException {@code INVALID} for any other name
         */
        public static KernelModuleType parse(String s) {
            return Names.parse(KernelModuleType.class, "kernel module type", s);
        }
    }

    /**
     * Where the node's MLNX_OFED/DOCA network drivers come from.
     *
     * <pre>{@code
     * NodeFacts.MofedSource m = NodeFacts.MofedSource.parse("host");
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

    /**
     * NVIDIA GPU architectures in release order.
     *
     * <pre>{@code
     * NodeFacts.GpuArchitecture.forModel("H100-80GB").atLeast(NodeFacts.GpuArchitecture.TURING); // true
     * }</pre>
     */
    public enum GpuArchitecture {
        /** Kepler (GK1xx). */
        KEPLER,
        /** Maxwell (GM1xx/GM2xx). */
        MAXWELL,
        /** Pascal (GP1xx). */
        PASCAL,
        /** Volta (GV100). */
        VOLTA,
        /** Turing (TU1xx, e.g. T4). */
        TURING,
        /** Ampere (GA1xx, e.g. A100, A30, A10). */
        AMPERE,
        /** Ada Lovelace (AD1xx, e.g. L4, L40S). */
        ADA,
        /** Hopper (GH100, e.g. H100, H200). */
        HOPPER,
        /** Blackwell (GB1xx/GB2xx, e.g. B200). */
        BLACKWELL;

        /**
         * Whether this architecture is {@code other} or newer.
         *
         * @param other the reference
         * @return whether {@code this >= other}
         */
        public boolean atLeast(GpuArchitecture other) {
            return compareTo(other) >= 0;
        }

        /**
         * Parses an architecture name.
         *
         * @param s e.g. {@code hopper}, {@code Ada}
         * @return the architecture
         * @throws io.ocatopic.gpu.GpuException {@code INVALID} for an unknown name
         */
        public static GpuArchitecture parse(String s) {
            String u = s.trim().toUpperCase(Locale.ROOT);
            return u.equals("ADA_LOVELACE") || u.equals("ADA-LOVELACE") ? ADA : Names.parse(GpuArchitecture.class, "GPU architecture", s);
        }

        /**
         * The architecture of a MIG catalog model or a marketing name's family.
         *
         * @param model e.g. {@code A100-40GB}, {@code H200}, {@code B200}, {@code T4}, {@code L40S}
         * @return the architecture
         * @throws io.ocatopic.gpu.GpuException {@code UNKNOWN_MODEL} when the family is unknown
         */
        public static GpuArchitecture forModel(String model) {
            String u = model.trim().toUpperCase(Locale.ROOT);
            if (u.startsWith("GB") || u.startsWith("B")) {
                return BLACKWELL;
            }
            if (u.startsWith("GH") || u.startsWith("H")) {
                return HOPPER;
            }
            if (u.startsWith("L")) {
                return ADA;
            }
            if (u.startsWith("A")) {
                return AMPERE;
            }
            if (u.startsWith("T")) {
                return TURING;
            }
            if (u.startsWith("V")) {
                return VOLTA;
            }
            if (u.startsWith("P")) {
                return PASCAL;
            }
            throw new io.ocatopic.gpu.GpuException(io.ocatopic.gpu.GpuException.Reason.UNKNOWN_MODEL, "GPU model \"" + model
                    + "\" is not of a known family: give a model such as A100-40GB, H100-80GB, L40S or T4, or the architecture");
        }
    }
}
