/** Internal to dpu-core: not API, may change in any release. */
package io.ocatopic.dpu.internal;
