/** The factory workflow's internals: checkpoints, imports, the reconnection loop, backoff, the cluster seam. */
package io.ocatopic.ztp.internal.workflow;
