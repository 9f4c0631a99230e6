/**
 * The registry mirror: {@link io.ocatopic.ztp.mirror.RegistryMirror} copies images between OCI
 * registries (digests kept, every blob verified while streaming, resumable through a
 * {@link io.ocatopic.ztp.mirror.MirrorJournal}) on a small distribution API client,
 * {@link io.ocatopic.ztp.mirror.RegistryClient}, and yields the source-to-mirror
 * {@link io.ocatopic.ztp.mirror.MirrorMapping} that install configuration ({@code ImageDigestMirrorSet},
 * {@code imageDigestSources}) consumes.
 */
package io.ocatopic.ztp.mirror;
