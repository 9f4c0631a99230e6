/**
 * The foundation every ocatopic module shares: the one apply path ({@link io.ocatopic.kube.Applier}),
 * offline conformance against the upstream CRDs ({@link io.ocatopic.kube.SchemaCheck}; the embedded API
 * server that applies it to every write is {@code EmbeddedApi} in {@code ocatopic-testing}), the error root
 * ({@link io.ocatopic.core.OcatopicException}, {@link io.ocatopic.core.Problem}), the one secret type
 * ({@link io.ocatopic.kube.Secret}), the one step report ({@link io.ocatopic.kube.StepReport}) and the one
 * progress event ({@link io.ocatopic.kube.ProgressEvent}).
 */
package io.ocatopic.kube;
