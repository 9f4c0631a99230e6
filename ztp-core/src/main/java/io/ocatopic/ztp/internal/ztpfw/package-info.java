/** The ZTPFW configuration file importer. Not API: reached through {@link io.ocatopic.ztp.ChassisImport}. */
package io.ocatopic.ztp.internal.ztpfw;
