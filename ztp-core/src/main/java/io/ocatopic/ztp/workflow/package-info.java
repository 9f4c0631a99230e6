/**
 * The factory workflow ({@link io.ocatopic.ztp.workflow.FactoryWorkflow}: resumable, checkpointed steps,
 * detach, on-site reconnect and automatic re-attachment, relocation, hub moves).
 */
package io.ocatopic.ztp.workflow;
