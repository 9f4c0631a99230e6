/**
 * The OCI distribution client stack shared by ztp-core's registry mirror and kmm-core: image references,
 * manifests and descriptors, auth files and credentials, the registry client (which never sends credentials
 * on a redirect) and the verifying blob stream. Internal: exported only to ocatopic's modules.
 */
package io.ocatopic.kube.internal.oci;
