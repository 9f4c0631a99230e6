/** gpu-core internals shared by its parts: name checks and problem lines. Not API. */
package io.ocatopic.gpu.internal;
