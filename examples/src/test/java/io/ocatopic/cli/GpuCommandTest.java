package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic gpu plan|validate|rdma-check|vgpu render} end to end through picocli. */
class GpuCommandTest {
    /** The GPU operator's shipped default mig-parted config (see the file's header for its source). */
    private static final Path DEFAULT_CONFIG = Path.of("src/test/resources/gpu/default-mig-parted-config.yaml");

    private record Result(int rc, String out) {
    }

    /** Runs the CLI through {@link CliRun}, which also captures System.out (the older gpu verbs print there). */
    private static Result run(String... args) {
        String[] r = CliRun.run(args);
        return new Result(Integer.parseInt(r[0]), r[1]);
    }

    @Test
    void planKeepsTheBusyInstanceAndMeetsTheDemand(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, """
                nodes:
                - name: train-0
                  group: training
                  gpus:
                  - {index: 0, model: A100-40GB, migEnabled: true,
                     instances: [{profile: 3g.20gb, start: 4, busy: true}]}
                - name: infer-0
                  group: inference
                  gpus:
                  - {index: 0, model: H100-80GB, migEnabled: false, instances: []}
                """);
        Result r = run("gpu", "plan", fleet.toString(), "--demand", "training:1g.5gb=4",
                "--demand", "inference:3g.40gb=2", "--mig-parted");
        assertEquals(0, r.rc(), r.out());
        assertTrue(r.out().startsWith("satisfied 6/6 "), r.out());
        assertTrue(r.out().contains("gpu 0 A100-40GB [1g.5gb@0, 1g.5gb@1, 1g.5gb@2, 1g.5gb@3, 3g.20gb@4]"), r.out());
        assertTrue(!r.out().contains("Destroy"), "the busy 3g.20gb must not be destroyed:\n" + r.out());
        assertTrue(r.out().contains("gpu 0 H100-80GB [3g.40gb@0, 3g.40gb@4] (changed)"), r.out());
        // every PCI id of the model, so that mig-parted configures the SXM and the PCIe board alike
        assertTrue(r.out().contains("device-filter:\n    - \"0x233010DE\"\n    - \"0x233110DE\"\n"), r.out());

        Result bad = run("gpu", "plan", fleet.toString(), "--demand", "1g.5gb");
        assertEquals(2, bad.rc(), "bad input exits 2: " + bad.out());
        assertTrue(bad.out().contains("demand must be [group:]profile=count"), bad.out());

        // issue 16 case 10 / issue 17: a plan that does not meet the demand did not pass, exit 1
        Result short8 = run("gpu", "plan", fleet.toString(), "--demand", "training:1g.5gb=1000");
        assertEquals(1, short8.rc(), short8.out());
        // a profile no catalog model has is a typo, bad input (exit 2), not an unmet demand
        Result unknown = run("gpu", "plan", fleet.toString(), "--demand", "training:9g.99gb=1");
        assertEquals(2, unknown.rc(), "an unknown profile is bad input: " + unknown.out());
        assertTrue(unknown.out().contains("profile \"9g.99gb\" is not a MIG profile of any catalog model"), unknown.out());
    }

    @Test
    void validateAcceptsTheGpuOperatorsShippedDefaultConfig(@TempDir Path dir) throws Exception {
        Result r = run("gpu", "validate", DEFAULT_CONFIG.toString());
        assertEquals(0, r.rc(), r.out());
        assertEquals("valid", r.out().strip());

        // its device-filter entries are really checked: one more 1g.10gb for the A100-40GB ids is caught
        String text = Files.readString(DEFAULT_CONFIG);
        Path mutated = dir.resolve("mutated.yaml");
        Files.writeString(mutated, text.replace("\"1g.10gb\": 4\n", "\"1g.10gb\": 5\n"));
        Result m = run("gpu", "validate", mutated.toString());
        assertEquals(1, m.rc(), m.out());
        assertTrue(m.out().startsWith("mig-configs.all-1g.10gb[1] [A100-40GB]: 1g.10gb: 5 instances, at most 4 on"
                + " A100-40GB\n"), m.out());

        // the same file read as if every unfiltered entry were for an H200: the H200 entries pass, the
        // other models' profiles are reported as unknown, one line each
        Result h200 = run("gpu", "validate", DEFAULT_CONFIG.toString(), "--gpu", "H200");
        assertEquals(1, h200.rc(), h200.out());
        List<String> lines = h200.out().lines().toList();
        assertTrue(lines.contains("mig-configs.all-1g.5gb[0] [H200]: 1g.5gb: profile is unknown for H200"), h200.out());
        assertTrue(lines.contains("mig-configs.all-1g.10gb.me[0] [H200]: 1g.10gb+me: profile is unknown for H200"),
                h200.out());
        assertTrue(lines.stream().noneMatch(l -> l.contains("all-1g.18gb") || l.contains("all-7g.141gb")
                || l.contains("all-balanced") || l.contains("all-3g.71gb")), h200.out());
        assertTrue(lines.stream().allMatch(l -> l.contains("profile is unknown for H200")
                || l.matches("\\d+ problem\\(s\\)")), h200.out());
    }

    @Test
    void validateTakesTheGpuAsNvmlAndNvidiaSmiNameItOrAsAPciId(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("one.yaml");
        Files.writeString(cfg, """
                version: v1
                mig-configs:
                  too-many:
                    - devices: all
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 8}
                """);
        for (String gpu : List.of("A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB", "nvidia a100-pcie-40gb", "0x20B010DE",
                "A100-40GB")) {
            Result r = run("gpu", "validate", cfg.toString(), "--gpu", gpu);
            assertEquals(1, r.rc(), gpu + ": " + r.out());
            assertEquals(List.of("mig-configs.too-many[0] [A100-40GB]: 1g.5gb: 8 instances, at most 7 on A100-40GB",
                    "mig-configs.too-many[0] [A100-40GB]: compute slices: 8 used, 7 on A100-40GB", "2 problem(s)"),
                    r.out().lines().toList(), gpu);
        }
        Result unknown = run("gpu", "validate", cfg.toString(), "--gpu", "A100-SXM4-41GB");
        assertEquals(2, unknown.rc(), "an unknown model is bad input: " + unknown.out());
        assertTrue(unknown.out().contains("--gpu: \"A100-SXM4-41GB\" is not in the catalog; name a model by its key"
                + " (A30, A100-40GB, A100-80GB, H100-80GB, H200, B200), by its NVML product name with or without"
                + " \"NVIDIA \" (e.g. NVIDIA A100-SXM4-40GB or A100-SXM4-40GB) or by its PCI id as mig-parted's"
                + " device-filter writes it (e.g. 0x20B010DE)"), unknown.out());
        assertTrue(!unknown.out().contains("\tat "), "no stack trace: " + unknown.out());
    }

    @Test
    void planReadsFleetModelsInEveryForm(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, """
                nodes:
                - name: w0
                  gpus:
                  - {index: 0, model: "NVIDIA A100-SXM4-40GB"}
                  - {index: 1, model: "0x233010DE"}
                """);
        Result r = run("gpu", "plan", fleet.toString(), "--demand", "3g.20gb=2", "--demand", "3g.40gb=2");
        assertEquals(0, r.rc(), r.out());
        assertTrue(r.out().startsWith("satisfied 4/4 "), r.out());
        assertTrue(r.out().contains("gpu 0 A100-40GB [3g.20gb@0, 3g.20gb@4] (changed)"), r.out());
        assertTrue(r.out().contains("gpu 1 H100-80GB [3g.40gb@0, 3g.40gb@4] (changed)"), r.out());
    }

    @Test
    void validateExplainsIllegalLayouts(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("custom.yaml");
        Files.writeString(cfg, """
                version: v1
                mig-configs:
                  tight:
                    - devices: [0]
                      device-filter: "0x20B010DE"
                      mig-enabled: true
                      mig-devices: {"1g.10gb": 4, "1g.5gb": 3}
                  too-many:
                    - devices: all
                      mig-enabled: true
                      mig-devices: {"3g.20gb": 3}
                  disabled-with-devices:
                    - devices: all
                      mig-enabled: false
                      mig-devices: {"1g.5gb": 1}
                """);
        Result r = run("gpu", "validate", cfg.toString(), "--gpu", "A100-40GB");
        assertEquals(1, r.rc(), r.out());
        assertEquals(List.of(
                "mig-configs.tight[0] [A100-40GB]: memory slices: 11 needed, 8 on A100-40GB",
                "mig-configs.too-many[0] [A100-40GB]: 3g.20gb: 3 instances, at most 2 on A100-40GB",
                "mig-configs.too-many[0] [A100-40GB]: compute slices: 9 used, 7 on A100-40GB",
                "mig-configs.too-many[0] [A100-40GB]: memory slices: 12 needed, 8 on A100-40GB",
                "mig-configs.disabled-with-devices[0]: MIG devices included when 'mig-enabled' is false",
                "5 problem(s)"), r.out().lines().toList());
    }

    @Test
    void rdmaCheckRecommendsAndRendersTheClusterPolicy() {
        Result dmaBuf = run("gpu", "rdma-check", "--node", "w0", "--module", "open", "--cuda", "12.4",
                "--gpu", "H100-80GB", "--kernel", "5.14.0-427.13.1.el9_4.x86_64", "--mofed", "host");
        assertEquals(0, dmaBuf.rc(), dmaBuf.out());
        assertTrue(dmaBuf.out().startsWith("node w0: use DMA-BUF\n"), dmaBuf.out());
        assertTrue(dmaBuf.out().contains("  ok   Turing or newer GPU: the GPU is hopper"), dmaBuf.out());
        assertTrue(dmaBuf.out().contains("""
                spec:
                  driver:
                    rdma:
                      enabled: false
                      useHostMofed: true
                    kernelModuleType: "open"
                """), dmaBuf.out());

        Result peermem = run("gpu", "rdma-check", "--module", "proprietary", "--cuda", "12.2", "--arch", "ampere",
                "--kernel", "5.14.0", "--mofed", "network-operator");
        assertEquals(0, peermem.rc(), peermem.out());
        assertTrue(peermem.out().contains("use nvidia-peermem with MOFED"), peermem.out());
        assertTrue(peermem.out().contains("  FAIL open kernel module:"), peermem.out());
        assertTrue(peermem.out().contains("      enabled: true\n      useHostMofed: false\n"), peermem.out());

        Result none = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.2", "--arch", "ampere",
                "--kernel", "4.18.0-513.el8.x86_64");
        assertEquals(1, none.rc(), none.out());
        assertTrue(none.out().contains("not ready for GPUDirect RDMA"), none.out());
        assertTrue(none.out().contains("  FAIL Linux >= 5.12: the kernel is 4.18.0-513.el8.x86_64"), none.out());
        assertTrue(none.out().contains("  FAIL MLNX_OFED/DOCA drivers:"), none.out());
        assertTrue(!none.out().contains("ClusterPolicy"), none.out());
    }

    @Test
    void rdmaCheckRejectsBadInputWithItsOwnExitCode() {
        Result module = run("gpu", "rdma-check", "--module", "foo", "--cuda", "12.2", "--arch", "ampere", "--kernel", "5.14.0");
        assertEquals(2, module.rc(), module.out());
        assertTrue(module.out().contains("kernel module type \"foo\" is not one of open, proprietary"), module.out());
        Result arch = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.2", "--arch", "pascalx", "--kernel", "5.14.0");
        assertEquals(2, arch.rc(), arch.out());
        assertTrue(arch.out().contains("GPU architecture \"pascalx\" is not one of kepler, maxwell, pascal"), arch.out());
        Result gpu = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.2", "--gpu", "Z100", "--kernel", "5.14.0");
        assertEquals(2, gpu.rc(), gpu.out());
        assertTrue(gpu.out().contains("GPU model \"Z100\" is not of a known family"), gpu.out());
        Result facts = run("gpu", "rdma-check", "--module", "open", "--cuda", "x", "--arch", "hopper", "--kernel", "abc",
                "--mofed", "network_operator");
        assertEquals(2, facts.rc(), facts.out());
        assertTrue(facts.out().contains("cudaVersion: \"x\" is not a version such as 12.4"), facts.out());
        assertTrue(facts.out().contains("kernelVersion: \"abc\" is not a kernel release"), facts.out());
        Result mofed = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.4", "--arch", "hopper", "--kernel", "6.1.0",
                "--mofed", "what");
        assertEquals(2, mofed.rc(), mofed.out());
        assertTrue(mofed.out().contains("MOFED source \"what\" is not one of none, host, network-operator"), mofed.out());

        // --gpu takes what nvidia-smi prints, and a PCI id, as well as the catalog key
        for (String name : List.of("NVIDIA H100 80GB HBM3", "H100 PCIe", "0x233010DE", "NVIDIA L40S")) {
            Result named = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.4", "--gpu", name,
                    "--kernel", "5.14.0-427.13.1.el9_4.x86_64", "--mofed", "host");
            assertEquals(0, named.rc(), name + ": " + named.out());
            assertTrue(named.out().contains("  ok   Turing or newer GPU: the GPU is " + (name.contains("L40S") ? "ada"
                    : "hopper")), name + ": " + named.out());
        }

        Result both = run("gpu", "rdma-check", "--module", "open", "--cuda", "12.2", "--arch", "ampere",
                "--gpu", "A100-40GB", "--kernel", "6.1");
        assertEquals(2, both.rc(), both.out());
        assertTrue(both.out().contains("give exactly one of --arch and --gpu"), both.out());
    }

    @Test
    void vgpuRenderPrintsHyperConvergedClusterPolicyAndLabels() {
        Result r = run("gpu", "vgpu", "render", "--mdev", "NVIDIA A100-1-5C", "--vgpu-config", "A100-1-5C");
        assertEquals(0, r.rc(), r.out());
        assertTrue(r.out().contains("""
                  virtualization:
                    permittedHostDevices:
                      mediatedDevices:
                      - mdevNameSelector: "NVIDIA A100-1-5C"
                        resourceName: "nvidia.com/NVIDIA_A100-1-5C"
                        externalResourceProvider: true
                """), r.out());
        assertTrue(r.out().contains("apiVersion: \"hco.kubevirt.io/v1\""), r.out());
        assertTrue(r.out().contains("""
                    mediatedDevicesConfiguration:
                      enabled: false
                """), r.out());
        assertTrue(!r.out().contains("disableMDevConfiguration"), "the deprecated v1beta1 gate is gone: " + r.out());
        assertTrue(r.out().contains("defaultWorkload: \"vm-vgpu\""), r.out());
        // the node labels are comments: the stream holds Kubernetes objects only
        assertTrue(r.out().contains("#   kubectl label node NODE nvidia.com/gpu.workload.config=vm-vgpu"
                + " nvidia.com/vgpu.config=A100-1-5C\n"), r.out());
        Result bad = run("gpu", "vgpu", "render", "--mdev", "not a vgpu");
        assertEquals(2, bad.rc(), "a malformed vGPU type is bad input: " + bad.out());
        assertTrue(bad.out().contains("malformed vGPU type"), bad.out());
        assertTrue(!bad.out().contains("\tat "), "no stack trace: " + bad.out());
    }

    @Test
    void failuresAreOneLineWithoutAStackTrace() {
        Result missing = run("gpu", "validate", "/nonexistent/mig-parted.yaml", "--gpu", "A100-40GB");
        assertEquals(2, missing.rc(), "a missing file is bad input: " + missing.out());
        assertTrue(missing.out().contains("no such file: /nonexistent/mig-parted.yaml"), missing.out());
        assertTrue(!missing.out().contains("\tat "), "no stack trace: " + missing.out());

        Result count = run("gpu", "plan", "/nonexistent/fleet.yaml", "--demand", "1g.5gb=x");
        assertEquals(2, count.rc(), "bad input exits 2: " + count.out());
        assertTrue(!count.out().contains("\tat "), "no stack trace: " + count.out());
    }
}
