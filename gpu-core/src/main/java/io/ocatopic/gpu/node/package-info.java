/** Acting on one node: inspect (read-only), observe and apply a diff through NVML. */
package io.ocatopic.gpu.node;
