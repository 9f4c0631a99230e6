/** Acting on one node: inspect (read-only), observe and apply a diff through NVML. Not API. */
package io.ocatopic.gpu.internal.node;
