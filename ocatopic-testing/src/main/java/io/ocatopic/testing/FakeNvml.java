package io.ocatopic.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A C double of the NVML ABI subset ocatopic binds, as a loadable {@code libnvidia-ml.so.1}: load it with
 * {@code Nvml.open(FakeNvml.library().toString())} (or {@code -Docatopic.nvml.library=...}) to run GPU code
 * on a machine without a GPU. It follows the driver's MIG rules (allowed placements, memory-slice overlap,
 * instance counts, 7 compute slices; {@code INSUFFICIENT_RESOURCES} and {@code IN_USE} as the driver
 * answers) and reports fixed telemetry.
 *
 * <p>The devices come from the environment variable {@value #DEVICES_ENV}, read when the library is loaded:
 * comma-separated model keys ({@code A100-40GB}, {@code H100-80GB}) or a count N (1..16) of alternating
 * ones; default {@code A100-40GB,H100-80GB}. Set it for the test JVM (surefire's
 * {@code environmentVariables}) or call {@link Hooks#fakeNvmlReset(String)}. When {@value #MUTATIONS_ENV}
 * names a file, every call that could change MIG state appends its function name to it, so a test can show
 * that code it calls read-only changed nothing.
 *
 * <pre>{@code
 * FakeNvml.hooks().fakeNvmlReset("A100-40GB");           // one A100, MIG off (before open: a reset un-initialises)
 * try (Nvml nvml = Nvml.open(FakeNvml.library().toString())) {
 *     System.out.println(nvml.device(0).name());         // NVIDIA A100-SXM4-40GB
 * }
 * }</pre>
 *
 * <p>Linux on x86-64 (the platform the jar was built on) only.
 */
public final class FakeNvml {
    /** The environment variable naming the simulated devices. */
    public static final String DEVICES_ENV = "FAKE_NVML_DEVICES";
    /** The environment variable naming the file that records MIG-changing calls. */
    public static final String MUTATIONS_ENV = "FAKE_NVML_MUTATIONS";

    private static Path extracted;

    private FakeNvml() {
    }

    /** The double's test-only entry points, bound to the same loaded library. */
    public interface Hooks extends Library {
        /**
         * Resets every device to its initial state (MIG off, no instances, not busy) and un-initialises the
         * library: call it before {@code Nvml.open}.
         *
         * @param spec comma-separated model keys or a device count, as {@value #DEVICES_ENV}; null for the
         *             environment's (or the default) devices
         */
        void fakeNvmlReset(String spec);

        /**
         * Marks the GPU instance at a start slice busy (a process runs on it), or idle again.
         *
         * @param dev   the device index
         * @param start the GPU instance's start slice
         * @param busy  1 busy, 0 idle
         * @return the NVML return code (0 success, 6 no such instance)
         */
        int fakeNvmlSetBusy(int dev, int start, int busy);

        /**
         * Counts the NVML calls made since the library was loaded or reset.
         *
         * @return the number of NVML calls
         */
        long fakeNvmlCalls();
    }

    /**
     * Returns the double as a file, extracting it from this jar on first use into a temporary file that is
     * deleted when the JVM exits.
     *
     * @return the absolute path of {@code libnvidia-ml.so.1}
     * @throws UnsupportedOperationException on a platform the jar holds no build for
     * @throws UncheckedIOException          when it cannot be extracted
     */
    public static synchronized Path library() {
        if (extracted != null && Files.exists(extracted)) {
            return extracted;
        }
        String resource = "/" + Platform.RESOURCE_PREFIX + "/libnvidia-ml.so.1";
        try (InputStream in = FakeNvml.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnsupportedOperationException("ocatopic-testing has no NVML double for " + Platform.RESOURCE_PREFIX
                        + " (built for Linux x86-64)");
            }
            Path dir = Files.createTempDirectory("ocatopic-fake-nvml");
            Path lib = dir.resolve("libnvidia-ml.so.1");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = lib.toAbsolutePath();
            return extracted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the NVML double", e);
        }
    }

    /**
     * Binds the double's test hooks (the same loaded library as {@code Nvml.open(library())}).
     *
     * @return the hooks
     */
    public static Hooks hooks() {
        return Native.load(library().toString(), Hooks.class);
    }
}
