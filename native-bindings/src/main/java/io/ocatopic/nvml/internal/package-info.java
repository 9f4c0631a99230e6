/**
 * Internal: the NVML struct layouts, the hot-getter call seam and its native buffers, and the
 * allocation-free {@link io.ocatopic.nvml.internal.TelemetrySampler} (used by the benchmarks). Not API and
 * not exported.
 */
package io.ocatopic.nvml.internal;
