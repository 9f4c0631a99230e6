package io.ocatopic.nvml.internal;

/**
 * The hot getters as calls on raw addresses (device handle, caller-owned native out-buffer). Two
 * implementations in {@code io.ocatopic.nvml}: {@code NvmlJni}, the bundled JNI trampolines (about 10 ns
 * a call), used when they load; and {@code NvmlDirect}, JNA direct mapping (about 200 ns a call), used
 * otherwise.
 */
public interface HotCalls {
    /**
     * @param device handle
     * @param memory {@code nvmlMemory_t *}
     * @return the NVML return code
     */
    int memoryInfo(long device, long memory);

    /**
     * @param device handle
     * @param utilization {@code nvmlUtilization_t *}
     * @return the NVML return code
     */
    int utilizationRates(long device, long utilization);

    /**
     * @param device handle
     * @param sensor sensor type
     * @param temperature {@code unsigned int *}
     * @return the code
     */
    int temperature(long device, int sensor, long temperature);

    /**
     * @param device handle
     * @param milliwatts {@code unsigned int *}
     * @return the NVML return code
     */
    int powerUsage(long device, long milliwatts);

    /**
     * @return how the calls are made, for reports
     */
    String binding();
}
