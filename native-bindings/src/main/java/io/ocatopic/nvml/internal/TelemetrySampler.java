package io.ocatopic.nvml.internal;

import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlDevice;
import io.ocatopic.nvml.NvmlException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads memory used, GPU utilisation, temperature and power of every device at a fixed rate into
 * preallocated arrays: a sample allocates nothing (direct-mapped calls, reused native buffers and
 * primitive arrays; the calls go through {@link Nvml#getterBinding()}). Readers take {@link #snapshot(int)}
 * (allocates one record) or the primitive getters. Internal: the benchmarks use it; it reaches the session's
 * binding and device handles through {@link NvmlAccess}.
 *
 * <pre>{@code
 * try (Nvml nvml = Nvml.open(); TelemetrySampler s = TelemetrySampler.start(nvml, Duration.ofMillis(1))) {
 *     Thread.sleep(1000);
 *     System.out.println(s.snapshot(0));
 * }
 * }</pre>
 */
public final class TelemetrySampler implements AutoCloseable {
    /** Marks a value the device does not report (for example utilisation on a MIG-enabled GPU). */
    public static final int NOT_AVAILABLE = -1;

    private final HotCalls calls;
    private final long[] handles;
    private final GetterBuffers buffers = new GetterBuffers();
    private final long[] memUsed;
    private final int[] gpuUtil;
    private final int[] temperature;
    private final int[] power;
    private volatile long samples;
    private volatile int lastError;
    private volatile boolean running;
    /** Set under this object's lock when the native buffers are freed; guarded by {@code this}. */
    private boolean closed;
    private Thread thread;

    /** One device's latest values. @param device index @param memoryUsedBytes used bytes @param gpuUtilization
     * percent or -1 @param temperatureCelsius degrees C or -1 @param powerMilliwatts mW or -1 @param samples
     * samples taken so far */
    public record Sample(int device, long memoryUsedBytes, int gpuUtilization, int temperatureCelsius,
                         int powerMilliwatts, long samples) {
    }

    /**
     * Creates a sampler over every device of the session, without starting it.
     *
     * @param nvml the session
     */
    public TelemetrySampler(Nvml nvml) {
        NvmlAccess access = NvmlAccess.get();
        this.calls = access.hot(nvml);
        List<NvmlDevice> devices = nvml.devices();
        int n = devices.size();
        handles = new long[n];
        for (int i = 0; i < n; i++) {
            handles[i] = access.handle(devices.get(i));
        }
        memUsed = new long[n];
        gpuUtil = new int[n];
        temperature = new int[n];
        power = new int[n];
    }

    /**
     * Creates a sampler and starts it on a daemon thread.
     *
     * @param nvml   the session
     * @param period time between samples, for example 1 ms for 1 kHz
     * @return the running sampler
     */
    public static TelemetrySampler start(Nvml nvml, Duration period) {
        long periodNanos = period.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        TelemetrySampler s = new TelemetrySampler(nvml);
        // a plain thread parking until the next deadline: unlike a scheduled executor, a tick allocates
        // nothing and costs one wake-up
        s.thread = new Thread(() -> s.run(periodNanos), "nvml-telemetry");
        s.thread.setDaemon(true);
        s.running = true;
        s.thread.start();
        return s;
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        while (running) {
            if (!sample()) {
                return; // closed while this thread was between ticks
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (-wait > periodNanos) {
                next = System.nanoTime(); // fell behind by more than a period: skip, do not burst
            }
        }
    }

    /**
     * Reads every device once, into the arrays; allocates nothing.
     *
     * @throws NvmlException with {@link NvmlException.Code#UNINITIALIZED} after {@link #close()}
     */
    public synchronized void sampleOnce() {
        if (!sample()) {
            throw new NvmlException("TelemetrySampler.sampleOnce", NvmlException.Code.UNINITIALIZED, "sampler is closed");
        }
    }

    /** One pass over the devices, unless closed: the native buffers are freed under the same lock. */
    private synchronized boolean sample() {
        if (closed) {
            return false;
        }
        for (int i = 0; i < handles.length; i++) {
            long h = handles[i];
            int rc = buffers.memoryInfo(calls, h);
            memUsed[i] = rc == 0 ? buffers.memory(16) : NOT_AVAILABLE;
            note(rc);
            rc = buffers.utilizationRates(calls, h);
            gpuUtil[i] = rc == 0 ? buffers.scratch() : NOT_AVAILABLE;
            note(rc == NvmlException.Code.NOT_SUPPORTED.code() ? 0 : rc);
            rc = buffers.temperature(calls, h);
            temperature[i] = rc == 0 ? buffers.scratch() : NOT_AVAILABLE;
            note(rc);
            rc = buffers.powerUsage(calls, h);
            power[i] = rc == 0 ? buffers.scratch() : NOT_AVAILABLE;
            note(rc);
        }
        samples++;
        return true;
    }

    private void note(int rc) {
        if (rc != 0) {
            lastError = rc;
        }
    }

    /** @return the number of devices sampled */
    public int deviceCount() {
        return handles.length;
    }

    /** @return samples taken so far */
    public long samples() {
        return samples;
    }

    /** @return the last non-success return code seen (other than unsupported utilisation), SUCCESS if none */
    public NvmlException.Code lastError() {
        return NvmlException.Code.of(lastError);
    }

    /**
     * The latest values of one device.
     *
     * @param device index
     * @return the values
     * @throws NvmlException with {@link NvmlException.Code#INVALID_ARGUMENT} for an index outside the devices
     */
    public synchronized Sample snapshot(int device) {
        if (device < 0 || device >= handles.length) {
            throw new NvmlException("TelemetrySampler.snapshot", NvmlException.Code.INVALID_ARGUMENT,
                    "device " + device + " is not sampled (0.." + (handles.length - 1) + ")");
        }
        return new Sample(device, memUsed[device], gpuUtil[device], temperature[device], power[device], samples);
    }

    /** Stops the sampling thread, if started; the session stays open. */
    @Override
    public void close() {
        if (thread != null) {
            running = false;
            LockSupport.unpark(thread);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            // a sampling thread still inside a tick (join timed out) holds this lock: free only after it
            if (!closed) {
                closed = true;
                buffers.close();
            }
        }
    }
}
