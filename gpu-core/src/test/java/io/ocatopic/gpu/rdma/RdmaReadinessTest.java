package io.ocatopic.gpu.rdma;

import static io.ocatopic.gpu.rdma.GpuArchitecture.AMPERE;
import static io.ocatopic.gpu.rdma.GpuArchitecture.HOPPER;
import static io.ocatopic.gpu.rdma.GpuArchitecture.PASCAL;
import static io.ocatopic.gpu.rdma.GpuArchitecture.TURING;
import static io.ocatopic.gpu.rdma.GpuArchitecture.VOLTA;
import static io.ocatopic.gpu.rdma.KernelModuleType.OPEN;
import static io.ocatopic.gpu.rdma.KernelModuleType.PROPRIETARY;
import static io.ocatopic.gpu.rdma.MofedSource.HOST;
import static io.ocatopic.gpu.rdma.MofedSource.NETWORK_OPERATOR;
import static io.ocatopic.gpu.rdma.MofedSource.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.gpu.Golden;
import io.ocatopic.gpu.mig.ClusterPolicy;
import io.ocatopic.gpu.mig.ClusterPolicySpec;
import io.ocatopic.gpu.mig.MigStrategy;
import io.ocatopic.gpu.vgpu.SandboxWorkload;
import io.ocatopic.gpu.vgpu.VgpuRender;
import io.ocatopic.kube.KubeYaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RdmaReadinessTest {
    private static final ClusterPolicySpec.Rdma DMA_BUF = new ClusterPolicySpec.Rdma(false, false);
    private static final ClusterPolicySpec.Rdma NO_RDMA_FLAGS = null;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, module, cuda, arch, kernel, mofed, expected mode, unmet requirements, rdma settings, module type
                Arguments.of("RHEL 9 H100 open, inbox", OPEN, "12.4", HOPPER, "5.14.0-427.13.1.el9_4.x86_64", NONE,
                        RdmaMode.DMA_BUF, List.of(), DMA_BUF, "open"),
                Arguments.of("DMA-BUF with host MOFED", OPEN, "12.4", HOPPER, "5.14.0-427.el9.x86_64", HOST,
                        RdmaMode.DMA_BUF, List.of(), new ClusterPolicySpec.Rdma(false, true), "open"),
                Arguments.of("exact minimums", OPEN, "11.7", TURING, "5.12", NONE, RdmaMode.DMA_BUF, List.of(),
                        DMA_BUF, "open"),
                Arguments.of("proprietary module, network operator MOFED", PROPRIETARY, "12.4", AMPERE,
                        "5.14.0-284.el9.x86_64", NETWORK_OPERATOR, RdmaMode.PEERMEM, List.of("open kernel module"),
                        new ClusterPolicySpec.Rdma(true, false), null),
                Arguments.of("old CUDA, no MOFED", OPEN, "11.6", AMPERE, "5.14.0", NONE, RdmaMode.NOT_READY,
                        List.of("CUDA >= 11.7"), NO_RDMA_FLAGS, null),
                Arguments.of("Volta, host MOFED", OPEN, "12.2", VOLTA, "6.1.0-54-amd64", HOST, RdmaMode.PEERMEM,
                        List.of("Turing or newer GPU"), new ClusterPolicySpec.Rdma(true, true), null),
                Arguments.of("RHEL 8 kernel", OPEN, "12.2", AMPERE, "4.18.0-513.el8.x86_64", NONE, RdmaMode.NOT_READY,
                        List.of("Linux >= 5.12"), NO_RDMA_FLAGS, null),
                Arguments.of("kernel 5.11 with host MOFED", OPEN, "12.0", AMPERE, "5.11.22", HOST, RdmaMode.PEERMEM,
                        List.of("Linux >= 5.12"), new ClusterPolicySpec.Rdma(true, true), null),
                Arguments.of("nothing meets", PROPRIETARY, "11.4", PASCAL, "4.18.0", NONE, RdmaMode.NOT_READY,
                        List.of("open kernel module", "CUDA >= 11.7", "Turing or newer GPU", "Linux >= 5.12"),
                        NO_RDMA_FLAGS, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recommends(String name, KernelModuleType module, String cuda, GpuArchitecture arch, String kernel,
                    MofedSource mofed, RdmaMode mode, List<String> unmet, ClusterPolicySpec.Rdma rdma,
                    String moduleType) {
        RdmaReport r = RdmaReadiness.check(new NodeFacts("w0", module, cuda, arch, kernel, mofed));
        assertEquals(mode, r.recommended());
        assertEquals(unmet, r.dmaBuf().stream().filter(c -> !c.met()).map(RdmaCheck::requirement).toList());
        assertEquals(mofed != NONE, r.peermem().get(0).met());
        if (mode == RdmaMode.NOT_READY) {
            assertEquals(ClusterPolicySpec.empty(), r.settings());
        } else {
            assertEquals(new ClusterPolicySpec.Driver(rdma, moduleType), r.settings().driver());
        }
        r.dmaBuf().forEach(c -> assertEquals(true, !c.explanation().isBlank()));
    }

    @Test
    void suggestsTheOpenModuleWhenItIsTheOnlyGap() {
        RdmaReport r = RdmaReadiness.check(new NodeFacts("w0", PROPRIETARY, "12.4", HOPPER, "5.14", NONE));
        assertEquals(RdmaMode.NOT_READY, r.recommended());
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
        Golden.check("clusterpolicy-rdma-dmabuf.yaml", KubeYaml.dump(dmaBuf.clusterPolicy()));
        RdmaReport peermem = RdmaReadiness.check(new NodeFacts("w0", PROPRIETARY, "12.4", AMPERE, "5.14.0",
                NETWORK_OPERATOR));
        Golden.check("clusterpolicy-rdma-peermem.yaml", KubeYaml.dump(peermem.clusterPolicy()));
        ClusterPolicySpec all = ClusterPolicySpec.mig(MigStrategy.MIXED, "ocatopic-mig-config")
                .merge(VgpuRender.clusterPolicy(SandboxWorkload.CONTAINER, "", ""))
                .merge(dmaBuf.settings());
        Golden.check("clusterpolicy-merged.yaml", KubeYaml.dump(ClusterPolicy.of(all)));
    }

    @Test
    void badFactsAndNamesAreTypedErrorsThatNameTheField() {
        io.ocatopic.gpu.GpuException e = org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                () -> new NodeFacts(" ", OPEN, "twelve", HOPPER, "", NONE));
        assertEquals(io.ocatopic.gpu.GpuException.Reason.INVALID, e.reason());
        assertEquals(List.of("node: must not be empty", "cudaVersion: \"twelve\" is not a version such as 12.4",
                "kernelVersion: \"\" is not a kernel release such as 5.14.0-427.13.1.el9_4.x86_64"), e.problems().stream().map(Object::toString).toList());
        assertEquals(NETWORK_OPERATOR, MofedSource.parse(" Network-Operator "));
        assertEquals(GpuArchitecture.ADA, GpuArchitecture.parse("ada-lovelace"));
        assertEquals("kernel module type \"nouveau\" is not one of open, proprietary",
                org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                        () -> KernelModuleType.parse("nouveau")).getMessage());
        assertEquals(io.ocatopic.gpu.GpuException.Reason.UNKNOWN_MODEL,
                org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.gpu.GpuException.class,
                        () -> GpuArchitecture.forModel("Z100")).reason());
        // the versions nodes report are accepted
        new NodeFacts("w", OPEN, "v12.4", HOPPER, "6.1.0-54-amd64", HOST);
        new NodeFacts("w", PROPRIETARY, "11", TURING, "4.18.0-513.el8.x86_64", NONE);
    }
}
