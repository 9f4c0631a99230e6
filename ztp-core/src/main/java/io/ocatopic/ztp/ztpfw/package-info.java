/** Import of the ZTPFW configuration file format ({@link io.ocatopic.ztp.ztpfw.ZtpfwImporter}). */
package io.ocatopic.ztp.ztpfw;
