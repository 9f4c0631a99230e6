/**
 * Implementation shared by ocatopic's modules (YAML I/O, atomic files, user-file reading, name rules,
 * kubeconfigs, ACM types). Not API: exported only to the ocatopic modules; it changes without notice.
 */
package io.ocatopic.kube.internal;
