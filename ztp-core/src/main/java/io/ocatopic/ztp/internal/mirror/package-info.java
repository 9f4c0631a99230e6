/** The registry mirror's internals: the copy engine, OCI layouts and archives, the journal, the mappings. */
package io.ocatopic.ztp.internal.mirror;
