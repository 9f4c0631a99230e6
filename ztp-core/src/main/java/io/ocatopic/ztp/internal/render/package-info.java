/**
 * ztp-core's renderers (pure functions from a {@link io.ocatopic.ztp.ChassisSpec} to typed Kubernetes objects
 * and files) and the model classes they fill. Not API: reached through {@link io.ocatopic.ztp.ChassisSpec#render()}.
 */
package io.ocatopic.ztp.internal.render;
