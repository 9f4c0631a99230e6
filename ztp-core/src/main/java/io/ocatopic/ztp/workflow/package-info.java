/**
 * The factory workflow ({@link io.ocatopic.ztp.workflow.FactoryWorkflow}: resumable, checkpointed steps,
 * detach and on-site reconnect) and automatic re-attachment ({@link io.ocatopic.ztp.workflow.ReconnectLoop}).
 */
package io.ocatopic.ztp.workflow;
