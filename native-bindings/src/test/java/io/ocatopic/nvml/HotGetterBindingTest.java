package io.ocatopic.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.nvml.internal.TelemetrySampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hot getters give the same results, return codes included, through JNI and through JNA. */
class HotGetterBindingTest {
    private final FakeNvml.Hooks hooks = FakeNvml.hooks();

    @BeforeEach
    void reset() {
        hooks.fakeNvmlReset("8");
    }

    @AfterEach
    void restore() {
        System.clearProperty(Nvml.JNI_PROPERTY);
    }

    @Test
    void theBuildBundlesTheTrampolinesAndSessionsUseThem() {
        assertNull(NvmlJni.loadError(), "the build compiles the JNI trampolines for this platform");
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            assertEquals("JNI", nvml.getterBinding());
        }
        System.setProperty(Nvml.JNI_PROPERTY, "false");
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            assertEquals("JNA direct mapping", nvml.getterBinding());
        }
    }

    @Test
    void jniAndJnaReadTheSameValuesAndReachTheLibrary() {
        List<String> viaJni = readAll();
        System.setProperty(Nvml.JNI_PROPERTY, "false");
        List<String> viaJna = readAll();
        assertEquals(viaJna, viaJni);
        assertTrue(viaJni.contains("3 mem=85520809984/84983939072/536870912 temp=43 power=64000 util=true"), viaJni.toString());
    }

    private List<String> readAll() {
        List<String> out = new ArrayList<>();
        hooks.fakeNvmlReset("8");
        try (Nvml nvml = Nvml.open(FakeNvml.path())) {
            for (NvmlDevice d : nvml.devices()) {
                long before = hooks.fakeNvmlCalls();
                NvmlDevice.MemoryInfo m = d.memory();
                int temp = d.temperatureCelsius();
                int power = d.powerMilliwatts();
                boolean util = d.gpuUtilization().isPresent();
                assertEquals(before + 4, hooks.fakeNvmlCalls(), nvml.getterBinding() + ": one library call per getter");
                assertEquals(m.usedBytes(), d.memoryUsedBytes());
                out.add(d.index() + " mem=" + m.totalBytes() + "/" + m.freeBytes() + "/" + m.usedBytes()
                        + " temp=" + temp + " power=" + power + " util=" + util);
            }
            nvml.device(1).setMigMode(true);
            out.add("mig util=" + nvml.device(1).gpuUtilization().isPresent());
        }
        return out;
    }

    @Test
    void errorCodesComeBackTypedThroughBothBindings() {
        for (String jni : List.of("true", "false")) {
            System.setProperty(Nvml.JNI_PROPERTY, jni);
            Nvml nvml = Nvml.open(FakeNvml.path());
            NvmlDevice d = nvml.device(0);
            TelemetrySampler s = new TelemetrySampler(nvml);
            nvml.close();
            assertEquals(NvmlException.Code.UNINITIALIZED, assertThrows(NvmlException.class, d::temperatureCelsius).code(), jni);
            assertEquals(NvmlException.Code.UNINITIALIZED, assertThrows(NvmlException.class, d::memoryUsedBytes).code(), jni);
            assertEquals(NvmlException.Code.UNINITIALIZED, assertThrows(NvmlException.class, d::powerMilliwatts).code(), jni);
            s.sampleOnce();
            assertEquals(NvmlException.Code.UNINITIALIZED, s.lastError(), jni);
            assertEquals(TelemetrySampler.NOT_AVAILABLE, s.snapshot(0).temperatureCelsius(), jni);
            s.close();
        }
    }
}
