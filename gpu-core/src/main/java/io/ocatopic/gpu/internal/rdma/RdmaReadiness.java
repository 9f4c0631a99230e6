package io.ocatopic.gpu.internal.rdma;

import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.NodeFacts;
import io.ocatopic.gpu.RdmaReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a node should do GPUDirect RDMA. Requirements from NVIDIA's GPU operator documentation
 * "GPUDirect RDMA and GPUDirect Storage" (cloud-native-docs {@code gpu-operator/gpu-operator-rdma.rst},
 * docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-rdma.html): DMA-BUF (recommended)
 * needs the open kernel module, CUDA 11.7 or later, a Turing or newer GPU and Linux 5.12 or later, with
 * MOFED optional (set {@code driver.rdma.useHostMofed} when the network drivers are on the host); the
 * legacy path loads nvidia-peermem ({@code driver.rdma.enabled: true}) and needs MLNX_OFED/DOCA, from the
 * host ({@code useHostMofed: true}) or the network operator.
 *
 * <pre>{@code
 * RdmaReport r = RdmaReadiness.check(new NodeFacts("w0", NodeFacts.KernelModuleType.OPEN, "12.4",
 *         NodeFacts.GpuArchitecture.HOPPER, "5.14.0-427.el9.x86_64", NodeFacts.MofedSource.NONE));
 * }</pre>
 */
public final class RdmaReadiness {
    private static final Pattern VERSION = Pattern.compile("^\\s*v?(\\d+)(?:\\.(\\d+))?");

    private RdmaReadiness() {
    }

    /**
     * Checks a node.
     *
     * @param f the node facts
     * @return the report
     * @throws IllegalArgumentException when a version cannot be parsed
     */
    public static RdmaReport check(NodeFacts f) {
        List<RdmaReport.Check> dmaBuf = new ArrayList<>();
        dmaBuf.add(new RdmaReport.Check("open kernel module", f.kernelModule() == NodeFacts.KernelModuleType.OPEN,
                f.kernelModule() == NodeFacts.KernelModuleType.OPEN ? "the driver runs the open GPU kernel module"
                        : "the driver runs the proprietary kernel module; DMA-BUF export needs the open one"));
        boolean cuda = compare(f.cudaVersion(), 11, 7) >= 0;
        dmaBuf.add(new RdmaReport.Check("CUDA >= 11.7", cuda, "the driver supports CUDA " + f.cudaVersion()
                + (cuda ? "" : "; DMA-BUF support arrived with CUDA 11.7")));
        boolean arch = f.architecture().atLeast(NodeFacts.GpuArchitecture.TURING);
        dmaBuf.add(new RdmaReport.Check("Turing or newer GPU", arch, "the GPU is " + f.architecture().name().toLowerCase()
                + (arch ? "" : "; DMA-BUF needs Turing or newer")));
        boolean kernel = compare(f.kernelVersion(), 5, 12) >= 0;
        dmaBuf.add(new RdmaReport.Check("Linux >= 5.12", kernel, "the kernel is " + f.kernelVersion()
                + (kernel ? "" : "; the RDMA subsystem imports DMA-BUFs from 5.12")));
        dmaBuf.add(new RdmaReport.Check("network drivers (MOFED optional)", true, switch (f.mofed()) {
            case NONE -> "inbox RDMA drivers are enough for DMA-BUF";
            case HOST -> "MOFED is on the host: set driver.rdma.useHostMofed";
            case NETWORK_OPERATOR -> "MOFED comes from the network operator";
        }));

        List<RdmaReport.Check> peermem = new ArrayList<>();
        boolean mofed = f.mofed() != NodeFacts.MofedSource.NONE;
        peermem.add(new RdmaReport.Check("MLNX_OFED/DOCA drivers", mofed, mofed
                ? "MOFED " + (f.mofed() == NodeFacts.MofedSource.HOST ? "is installed on the host" : "comes from the network operator")
                : "no MOFED on the node; nvidia-peermem needs MLNX_OFED/DOCA (host or network operator)"));

        List<String> notes = new ArrayList<>();
        boolean dmaBufReady = dmaBuf.stream().allMatch(RdmaReport.Check::met);
        boolean hostMofed = f.mofed() == NodeFacts.MofedSource.HOST;
        RdmaReport.Mode mode;
        ClusterPolicy.Spec settings;
        if (dmaBufReady) {
            mode = RdmaReport.Mode.DMA_BUF;
            settings = new ClusterPolicy.Spec(null, null, new ClusterPolicy.Spec.Driver(
                    new ClusterPolicy.Spec.Rdma(false, hostMofed), "open"), null, null);
            notes.add("DMA-BUF: driver.rdma.enabled stays false (written explicitly so that a merge patch turns a"
                    + " previous nvidia-peermem setup off)");
        } else if (mofed) {
            mode = RdmaReport.Mode.PEERMEM;
            settings = new ClusterPolicy.Spec(null, null, new ClusterPolicy.Spec.Driver(
                    new ClusterPolicy.Spec.Rdma(true, hostMofed), null), null, null);
            notes.add("nvidia-peermem: the driver pod starts nvidia-peermem-ctr after the mofed-validation init"
                    + " container");
        } else {
            mode = RdmaReport.Mode.NOT_READY;
            settings = ClusterPolicy.Spec.empty();
        }
        boolean onlyModule = !dmaBuf.get(0).met() && dmaBuf.stream().skip(1).allMatch(RdmaReport.Check::met);
        if (onlyModule) {
            notes.add("DMA-BUF becomes available by switching to the open kernel module"
                    + " (driver.kernelModuleType: open)");
        }
        return new RdmaReport(f, mode, dmaBuf, peermem, settings, notes);
    }

    /**
     * Compares a version's major.minor with a reference.
     *
     * @param version e.g. {@code 5.14.0-427.el9.x86_64} or {@code 12.4}
     * @param major   reference major
     * @param minor   reference minor
     * @return negative, zero or positive
     */
    static int compare(String version, int major, int minor) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new IllegalArgumentException("not a version: " + version);
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return ma != major ? Integer.compare(ma, major) : Integer.compare(mi, minor);
    }
}
