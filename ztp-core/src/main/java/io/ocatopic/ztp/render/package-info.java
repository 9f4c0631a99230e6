/**
 * Pure renderers from a {@link io.ocatopic.ztp.ChassisSpec} to typed Kubernetes objects and files:
 * agent-based install pair, hub-driven CR set, NMState, mirrors, ACM import
 * ({@link io.ocatopic.ztp.render.AcmImportRenderer}).
 */
package io.ocatopic.ztp.render;
