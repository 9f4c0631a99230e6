package io.ocatopic.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.nvml.internal.NvmlLayout;
import io.ocatopic.nvml.internal.TelemetrySampler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NvmlBindingTest {
    private final FakeNvml.Hooks hooks = FakeNvml.hooks();

    @BeforeEach
    void reset() {
        hooks.fakeNvmlReset("A100-40GB,H100-80GB");
    }

    @Test
    void structLayoutsMatchWhatGccLaysOut() {
        int[] l = new int[10];
        hooks.fakeNvmlLayout(l);
        assertEquals(NvmlLayout.GPU_INSTANCE_PROFILE_INFO_SIZE, l[0]);
        assertEquals(NvmlLayout.GPU_INSTANCE_PROFILE_INFO_MEMORY_OFFSET, l[1]);
        assertEquals(NvmlLayout.PLACEMENT_SIZE, l[2]);
        assertEquals(NvmlLayout.GPU_INSTANCE_INFO_SIZE, l[3]);
        assertEquals(NvmlLayout.GPU_INSTANCE_INFO_PLACEMENT_OFFSET, l[4]);
        assertEquals(NvmlLayout.COMPUTE_INSTANCE_INFO_SIZE, l[5]);
        assertEquals(NvmlLayout.MEMORY_SIZE, l[6]);
        assertEquals(NvmlLayout.PCI_INFO_SIZE, l[7]);
        assertEquals(NvmlLayout.PCI_INFO_DEVICE_ID_OFFSET, l[8]);
        assertEquals(NvmlLayout.COMPUTE_INSTANCE_PROFILE_INFO_SIZE, l[9]);
    }

    @Test
    void identityAndTelemetry() {
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            assertEquals(2, nvml.deviceCount());
            NvmlDevice a100 = nvml.device(0);
            assertEquals("NVIDIA A100-SXM4-40GB", a100.name());
            assertTrue(a100.uuid().startsWith("GPU-"));
            assertEquals(0x20B010DE, a100.pciInfo().pciDeviceId());
            assertEquals("00000000:41:00.0", a100.pciInfo().busId());
            assertEquals(0x233010DE, nvml.device(1).pciInfo().pciDeviceId());
            NvmlDevice.MemoryInfo m = a100.memory();
            assertEquals(40960L << 20, m.totalBytes());
            assertEquals(m.totalBytes(), m.freeBytes() + m.usedBytes());
            assertEquals(40, a100.temperatureCelsius());
            assertEquals(61000, a100.powerMilliwatts());
            assertTrue(a100.gpuUtilization().isPresent());
            assertEquals("Insufficient Resources", nvml.errorString(NvmlException.Code.INSUFFICIENT_RESOURCES));
        }
    }

    @Test
    void aDeviceCountSimulatesThatManyAlternatingDevices() {
        hooks.fakeNvmlReset("8");
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            assertEquals(8, nvml.deviceCount());
            for (int i = 0; i < 8; i++) {
                assertEquals(i % 2 == 0 ? 0x20B010DE : 0x233010DE, nvml.device(i).pciInfo().pciDeviceId());
                assertEquals(40 + i, nvml.device(i).temperatureCelsius());
            }
            try (TelemetrySampler s = new TelemetrySampler(nvml)) {
                s.sampleOnce();
                assertEquals(8, s.deviceCount());
                assertEquals(61000 + 7000, s.snapshot(7).powerMilliwatts());
                assertEquals(NvmlException.Code.SUCCESS, s.lastError());
            }
        }
        hooks.fakeNvmlReset("99");
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            assertEquals(16, nvml.deviceCount(), "capped at the double's 16 devices");
        }
    }

    @Test
    void profilesTakeTheEnumAndPlacementsTakeTheId() {
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            NvmlDevice d = nvml.device(0);
            NvmlDevice.ProfileInfo p3 = d.gpuInstanceProfile(NvmlDevice.PROFILE_3_SLICE).orElseThrow();
            assertEquals(9, p3.id());
            assertEquals(3, p3.sliceCount());
            assertEquals(2, p3.instanceCount());
            assertEquals(19968, p3.memorySizeMB());
            assertEquals(Optional.empty(), d.gpuInstanceProfile(0x5));
            assertEquals(7, d.gpuInstanceProfiles().size());
            assertEquals(List.of(new NvmlDevice.Placement(0, 4), new NvmlDevice.Placement(4, 4)),
                    d.possiblePlacements(9));
            assertEquals(7, d.possiblePlacements(19).size());
            NvmlException e = assertThrows(NvmlException.class, () -> d.gpuInstanceProfile(0x12));
            assertEquals(NvmlException.Code.INVALID_ARGUMENT, e.code());
            // one error root: the reason is the code, a refused argument is bad input (exit 2)
            io.ocatopic.core.OcatopicException root = e;
            assertEquals(NvmlException.Code.INVALID_ARGUMENT, root.reason());
            assertEquals(io.ocatopic.core.OcatopicException.Outcome.BAD_INPUT, root.outcome());
        }
    }

    @Test
    void createWithPlacementFollowsTheDriverRules() {
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            NvmlDevice d = nvml.device(0);
            NvmlException off = assertThrows(NvmlException.class, () -> d.createGpuInstance(9, 0, 4));
            assertEquals(NvmlException.Code.NOT_SUPPORTED, off.code());
            assertEquals(io.ocatopic.core.OcatopicException.Outcome.OUTSIDE_FAILED, off.outcome());
            assertEquals(NvmlException.Code.SUCCESS, d.setMigMode(true));
            assertTrue(d.migMode().enabled());
            assertTrue(d.gpuUtilization().isEmpty());
            NvmlGpuInstance gi = d.createGpuInstance(9, 4, 4);
            assertEquals(new NvmlGpuInstance.GpuInstanceInfo(1, 9, 4, 4), gi.info());
            NvmlException overlap = assertThrows(NvmlException.class, () -> d.createGpuInstance(14, 4, 2));
            assertEquals(NvmlException.Code.INSUFFICIENT_RESOURCES, overlap.code());
            assertEquals("nvmlDeviceCreateGpuInstanceWithPlacement", overlap.function());
            // 4g.20gb fits at 0 by memory, but 3 + 4 compute slices are 7: allowed (R510+)
            NvmlGpuInstance g4 = d.createGpuInstance(5, 0, 4);
            assertEquals(0, g4.info().start());
            g4.destroy();
            // 1g.5gb at 0..3 then 2g at 2 overlaps
            d.createGpuInstance(19, 0, 1);
            assertEquals(NvmlException.Code.INSUFFICIENT_RESOURCES,
                    assertThrows(NvmlException.class, () -> d.createGpuInstance(14, 0, 2)).code());
            assertEquals(2, d.gpuInstances().size());
            NvmlGpuInstance.ComputeProfileInfo cp = gi.computeInstanceProfile(NvmlGpuInstance.CI_PROFILE_FULL_3);
            assertEquals(3, cp.sliceCount());
            NvmlComputeInstance ci = gi.createComputeInstance(cp.id());
            assertEquals(3, ci.info().size());
            assertEquals(NvmlException.Code.IN_USE, assertThrows(NvmlException.class, gi::destroy).code());
            assertEquals(0, hooks.fakeNvmlSetBusy(0, 4, 1));
            assertEquals(NvmlException.Code.IN_USE, assertThrows(NvmlException.class, ci::destroy).code());
            hooks.fakeNvmlSetBusy(0, 4, 0);
            assertEquals(1, gi.computeInstances().size());
            ci.destroy();
            gi.destroy();
            assertEquals(1, d.gpuInstances().size());
            assertEquals(NvmlException.Code.IN_USE, assertThrows(NvmlException.class, () -> d.setMigMode(false)).code());
        }
    }

    @Test
    void samplerReadsAllDevicesIntoArrays() {
        try (Nvml nvml = Nvml.open(FakeNvml.path()); TelemetrySampler s = new TelemetrySampler(nvml)) {
            nvml.device(1).setMigMode(true);
            for (int i = 0; i < 10; i++) {
                s.sampleOnce();
            }
            assertEquals(10, s.samples());
            TelemetrySampler.Sample a = s.snapshot(0);
            assertEquals(61000, a.powerMilliwatts());
            assertEquals(40, a.temperatureCelsius());
            assertTrue(a.gpuUtilization() >= 0);
            TelemetrySampler.Sample h = s.snapshot(1);
            assertEquals(TelemetrySampler.NOT_AVAILABLE, h.gpuUtilization());
            assertEquals(41, h.temperatureCelsius());
            assertEquals(NvmlException.Code.SUCCESS, s.lastError());
        }
    }

    @Test
    void aClosedSamplerRefusesToSampleIntoFreedBuffers() {
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            TelemetrySampler s = TelemetrySampler.start(nvml, java.time.Duration.ofMillis(1));
            assertEquals(NvmlException.Code.INVALID_ARGUMENT,
                    assertThrows(NvmlException.class, () -> s.snapshot(s.deviceCount())).code());
            s.close();
            s.close(); // idempotent
            NvmlException e = assertThrows(NvmlException.class, s::sampleOnce);
            assertEquals(NvmlException.Code.UNINITIALIZED, e.code());
            assertEquals(NvmlException.Code.SUCCESS, s.lastError());
        }
    }

    @Test
    void missingLibraryIsATypedError() {
        NvmlException e = assertThrows(NvmlException.class, () -> Nvml.open("/nonexistent/libnvidia-ml.so.1"));
        assertEquals(NvmlException.Code.LIBRARY_NOT_FOUND, e.code());
    }

    @Test
    void everyCodeMaps() {
        for (NvmlException.Code r : NvmlException.Code.values()) {
            assertEquals(r, NvmlException.Code.of(r.code()));
        }
        assertEquals(NvmlException.Code.UNKNOWN, NvmlException.Code.of(12345));
    }
}
