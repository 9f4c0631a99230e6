package io.ocatopic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The double shipped in the jar loads through the real bindings, as an embedder would load it. */
class FakeNvmlTest {
    @AfterEach
    void reset() {
        FakeNvml.hooks().fakeNvmlReset(null);
    }

    @Test
    void theBundledDoubleLoadsThroughTheRealBindings() {
        Path lib = FakeNvml.library();
        assertTrue(Files.isRegularFile(lib) && lib.isAbsolute(), lib.toString());
        assertSame(lib, FakeNvml.library(), "extracted once per JVM");
        FakeNvml.hooks().fakeNvmlReset(null);      // a reset also un-initialises: call it before open
        try (Nvml nvml = Nvml.open(lib.toString())) {
            assertEquals(2, nvml.deviceCount(), "default: A100-40GB, H100-80GB");
            assertEquals("NVIDIA A100-SXM4-40GB", nvml.device(0).name());
        }
        FakeNvml.hooks().fakeNvmlReset("A100-40GB");
        try (Nvml nvml = Nvml.open(lib.toString())) {
            assertEquals(1, nvml.deviceCount());
            // the driver's rules hold: a GPU instance needs MIG mode
            NvmlException off = assertThrows(NvmlException.class, () -> nvml.device(0).createGpuInstance(9, 0, 4));
            assertEquals(NvmlException.Code.NOT_SUPPORTED, off.code());
            assertTrue(FakeNvml.hooks().fakeNvmlCalls() > 0);
        }
    }
}
