package io.ocatopic.gpu.internal.rdma;

import java.nio.file.Path;
import io.ocatopic.testing.Golden;
import static io.ocatopic.gpu.NodeFacts.GpuArchitecture.AMPERE;
import static io.ocatopic.gpu.NodeFacts.GpuArchitecture.HOPPER;
import static io.ocatopic.gpu.NodeFacts.GpuArchitecture.PASCAL;
import static io.ocatopic.gpu.NodeFacts.GpuArchitecture.TURING;
import static io.ocatopic.gpu.NodeFacts.GpuArchitecture.VOLTA;
import static io.ocatopic.gpu.NodeFacts.KernelModuleType.OPEN;
import static io.ocatopic.gpu.NodeFacts.KernelModuleType.PROPRIETARY;
import static io.ocatopic.gpu.NodeFacts.MofedSource.HOST;
import static io.ocatopic.gpu.NodeFacts.MofedSource.NETWORK_OPERATOR;
import static io.ocatopic.gpu.NodeFacts.MofedSource.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.gpu.NodeFacts;
import io.ocatopic.gpu.RdmaReport;
import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.gpu.internal.vgpu.VgpuRender;
import io.ocatopic.kube.internal.KubeYaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RdmaReadinessTest {
    private static final ClusterPolicy.Spec.Rdma DMA_BUF = new ClusterPolicy.Spec.Rdma(false, false);
    private static final ClusterPolicy.Spec.Rdma NO_RDMA_FLAGS = null;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, module, cuda, arch, kernel, mofed, expected mode, unmet requirements, rdma settings, module type
                Arguments.of("RHEL 9 H100 open, inbox", OPEN, "12.4", HOPPER, "5.14.0-427.13.1.el9_4.x86_64", NONE,
                        RdmaReport.Mode.DMA_BUF, List.of(), DMA_BUF, "open"),
                Arguments.of("DMA-BUF with host MOFED", OPEN, "12.4", HOPPER, "5.14.0-427.el9.x86_64", HOST,
                        RdmaReport.Mode.DMA_BUF, List.of(), new ClusterPolicy.Spec.Rdma(false, true), "open"),
                Arguments.of("exact minimums", OPEN, "11.7", TURING, "5.12", NONE, RdmaReport.Mode.DMA_BUF, List.of(),
                        DMA_BUF, "open"),
                Arguments.of("proprietary module, network operator MOFED", PROPRIETARY, "12.4", AMPERE,
                        "5.14.0-284.el9.x86_64", NETWORK_OPERATOR, RdmaReport.Mode.PEERMEM, List.of("open kernel module"),
                        new ClusterPolicy.Spec.Rdma(true, false), null),
                Arguments.of("old CUDA, no MOFED", OPEN, "11.6", AMPERE, "5.14.0", NONE, RdmaReport.Mode.NOT_READY,
                        List.of("CUDA >= 11.7"), NO_RDMA_FLAGS, null),
                Arguments.of("Volta, host MOFED", OPEN, "12.2", VOLTA, "6.1.0-54-amd64", HOST, RdmaReport.Mode.PEERMEM,
                        List.of("Turing or newer GPU"), new ClusterPolicy.Spec.Rdma(true, true), null),
                Arguments.of("RHEL 8 kernel", OPEN, "12.2", AMPERE, "4.18.0-513.el8.x86_64", NONE, RdmaReport.Mode.NOT_READY,
                        List.of("Linux >= 5.12"), NO_RDMA_FLAGS, null),
                Arguments.of("kernel 5.11 with host MOFED", OPEN, "12.0", AMPERE, "5.11.22", HOST, RdmaReport.Mode.PEERMEM,
                        List.of("Linux >= 5.12"), new ClusterPolicy.Spec.Rdma(true, true), null),
                Arguments.of("nothing meets", PROPRIETARY, "11.4", PASCAL, "4.18.0", NONE, RdmaReport.Mode.NOT_READY,
                        List.of("open kernel module", "CUDA >= 11.7", "Turing or newer GPU", "Linux >= 5.12"),
                        NO_RDMA_FLAGS, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recommends(String name, NodeFacts.KernelModuleType module, String cuda, NodeFacts.GpuArchitecture arch, String kernel,
                    NodeFacts.MofedSource mofed, RdmaReport.Mode mode, List<String> unmet, ClusterPolicy.Spec.Rdma rdma,
                    String moduleType) {
        RdmaReport r = RdmaReadiness.check(new NodeFacts("w0", module, cuda, arch, kernel, mofed));
        assertEquals(mode, r.recommended());
        assertEquals(unmet, r.dmaBuf().stream().filter(c -> !c.met()).map(RdmaReport.Check::requirement).toList());
        assertEquals(mofed != NONE, r.peermem().get(0).met());
        if (mode == RdmaReport.Mode.NOT_READY) {
            assertEquals(ClusterPolicy.Spec.empty(), r.settings());
        } else {
            assertEquals(new ClusterPolicy.Spec.Driver(rdma, moduleType), r.settings().driver());
        }
        r.dmaBuf().forEach(c -> assertEquals(true, !c.explanation().isBlank()));
    }

    @Test
    void suggestsTheOpenModuleWhenItIsTheOnlyGap() {
        RdmaReport r = RdmaReadiness.check(new NodeFacts("w0", PROPRIETARY, "12.4", HOPPER, "5.14", NONE));
        assertEquals(RdmaReport.Mode.NOT_READY, r.recommended());
        assertEquals(List.of("DMA-BUF becomes available by switching to the open kernel module"
                + " (driver.kernelModuleType: open)"), r.notes());
    }

    @Test
    void versionsCompareByMajorMinor() {
        assertEquals(0, RdmaReadiness.compare("5.12.0-1-amd64", 5, 12));
        assertEquals(1, Integer.signum(RdmaReadiness.compare("6.1", 5, 12)));
        assertEquals(-1, Integer.signum(RdmaReadiness.compare("5.4.0", 5, 12)));
        assertEquals(1, Integer.signum(RdmaReadiness.compare("12", 11, 7)));
    }

    @Test
    void rendersClusterPolicySettings() throws Exception {
        RdmaReport dmaBuf = RdmaReadiness.check(new NodeFacts("w0", OPEN, "12.4", HOPPER, "5.14.0", HOST));
        Golden.assertMatches(Path.of("src/test/resources/golden", "clusterpolicy-rdma-dmabuf.yaml"), KubeYaml.dump(dmaBuf.clusterPolicy()));
        RdmaReport peermem = RdmaReadiness.check(new NodeFacts("w0", PROPRIETARY, "12.4", AMPERE, "5.14.0",
                NETWORK_OPERATOR));
        Golden.assertMatches(Path.of("src/test/resources/golden", "clusterpolicy-rdma-peermem.yaml"), KubeYaml.dump(peermem.clusterPolicy()));
        ClusterPolicy.Spec all = ClusterPolicy.Spec.mig(MigStrategy.MIXED, "ocatopic-mig-config")
                .merge(VgpuRender.clusterPolicy(SandboxWorkload.CONTAINER, "", ""))
                .merge(dmaBuf.settings());
        Golden.assertMatches(Path.of("src/test/resources/golden", "clusterpolicy-merged.yaml"), KubeYaml.dump(ClusterPolicy.of(all)));
    }

    @Test
    void badFactsAndNamesAreTypedErrorsThatNameTheField() {
        io.ocatopic.gpu.GpuException e = org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                () -> new NodeFacts(" ", OPEN, "twelve", HOPPER, "", NONE));
        assertEquals(io.ocatopic.gpu.GpuException.Reason.INVALID, e.reason());
        assertEquals(List.of("node: must not be empty", "cudaVersion: \"twelve\" is not a version such as 12.4",
                "kernelVersion: \"\" is not a kernel release such as 5.14.0-427.13.1.el9_4.x86_64"), e.problems().stream().map(Object::toString).toList());
        assertEquals(NETWORK_OPERATOR, NodeFacts.MofedSource.parse(" Network-Operator "));
        assertEquals(NodeFacts.GpuArchitecture.ADA, NodeFacts.GpuArchitecture.parse("ada-lovelace"));
        assertEquals("kernel module type \"nouveau\" is not one of open, proprietary",
                org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                        () -> NodeFacts.KernelModuleType.parse("nouveau")).getMessage());
        assertEquals(io.ocatopic.gpu.GpuException.Reason.UNKNOWN_MODEL,
                org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                        () -> NodeFacts.GpuArchitecture.forModel("Z100")).reason());
        // the versions nodes report are accepted
        new NodeFacts("w", OPEN, "v12.4", HOPPER, "6.1.0-54-amd64", HOST);
        new NodeFacts("w", PROPRIETARY, "11", TURING, "4.18.0-513.el8.x86_64", NONE);
    }
}
