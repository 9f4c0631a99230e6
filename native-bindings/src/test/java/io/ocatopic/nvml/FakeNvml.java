package io.ocatopic.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;

/** The C test double built by the Maven build (src/test/c/fake_nvml.c) and its test-only hooks. */
public final class FakeNvml {
    private FakeNvml() {
    }

    /** Test-only entry points of the double. */
    public interface Hooks extends Library {
        /** @param spec comma-separated model keys, null for the default */
        void fakeNvmlReset(String spec);

        /** @param dev device @param start GI start slice @param busy 1 busy @return nvml code */
        int fakeNvmlSetBusy(int dev, int start, int busy);

        /** @param out ten layout numbers */
        void fakeNvmlLayout(int[] out);

        /** @return number of NVML calls */
        long fakeNvmlCalls();
    }

    /** @return absolute path of the double */
    public static String path() {
        String p = System.getProperty(Nvml.LIBRARY_PROPERTY);
        if (p != null) {
            return p;
        }
        Path lib = Path.of("target/test-lib/libnvidia-ml.so.1").toAbsolutePath();
        if (!Files.exists(lib)) {
            throw new IllegalStateException("build the double first: " + lib);
        }
        return lib.toString();
    }

    /** @return the hooks, bound to the same loaded library */
    public static Hooks hooks() {
        return Native.load(path(), Hooks.class);
    }
}
