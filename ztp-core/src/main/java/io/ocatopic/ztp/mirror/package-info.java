/**
 * The registry mirror: {@link io.ocatopic.ztp.mirror.RegistryMirror} copies images between OCI registries, or
 * to and from OCI layouts and archives (digests kept, every blob verified while streaming, resumable through a
 * journal), and yields a {@link io.ocatopic.ztp.mirror.MirrorResult} with the source-to-mirror mapping that
 * install configuration ({@code ImageDigestMirrorSet}, {@code imageDigestSources}) consumes.
 */
package io.ocatopic.ztp.mirror;
