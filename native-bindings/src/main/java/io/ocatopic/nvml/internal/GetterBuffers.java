package io.ocatopic.nvml.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.ocatopic.nvml.NvmlDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The native out-buffers the hot getters write into, with views whose reads are plain memory loads
 * rather than JNA calls. One per {@link NvmlDevice} and per {@link TelemetrySampler}; not thread-safe.
 */
public final class GetterBuffers implements AutoCloseable {
    private final Memory memory = new Memory(NvmlLayout.MEMORY_SIZE);
    /** {@code nvmlUtilization_t} (two uints) or one uint. */
    private final Memory scratch = new Memory(8);
    private final ByteBuffer memoryView = memory.getByteBuffer(0, NvmlLayout.MEMORY_SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer scratchView = scratch.getByteBuffer(0, 8).order(ByteOrder.nativeOrder());
    private final long memoryAddress = Pointer.nativeValue(memory);
    private final long scratchAddress = Pointer.nativeValue(scratch);

    /** Allocates the native buffers; {@link #close()} frees them. */
    public GetterBuffers() {
    }

    /**
     * @param calls the binding
     * @param device handle
     * @return the code; {@link #memory(int)} reads the result
     */
    public int memoryInfo(HotCalls calls, long device) {
        return calls.memoryInfo(device, memoryAddress);
    }

    /**
     * @param calls the binding
     * @param device handle
     * @return the code; {@link #scratch()} reads the GPU share
     */
    public int utilizationRates(HotCalls calls, long device) {
        return calls.utilizationRates(device, scratchAddress);
    }

    /**
     * @param calls the binding
     * @param device handle
     * @return the code; {@link #scratch()} reads degrees C
     */
    public int temperature(HotCalls calls, long device) {
        return calls.temperature(device, NvmlDevice.TEMPERATURE_GPU, scratchAddress);
    }

    /**
     * @param calls the binding
     * @param device handle
     * @return the code; {@link #scratch()} reads milliwatts
     */
    public int powerUsage(HotCalls calls, long device) {
        return calls.powerUsage(device, scratchAddress);
    }

    /**
     * @param offset 0 total, 8 free, 16 used
     * @return that field of the last {@code nvmlMemory_t} read
     */
    public long memory(int offset) {
        return memoryView.getLong(offset);
    }

    /**
     * @return the first uint of the last small getter's result
     */
    public int scratch() {
        return scratchView.getInt(0);
    }

    @Override
    public void close() {
        memory.close();
        scratch.close();
    }
}
