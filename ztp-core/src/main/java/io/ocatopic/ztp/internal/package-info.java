/**
 * ztp-core's implementation: the chassis file format and its validation, file I/O, secrets at the module
 * boundary, sample chassis. Not API: exported only to ocatopic's own modules; it changes without notice.
 */
package io.ocatopic.ztp.internal;
