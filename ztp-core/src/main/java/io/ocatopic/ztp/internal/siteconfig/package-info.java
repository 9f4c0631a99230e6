/** The SiteConfig v1 importer. Not API: reached through {@link io.ocatopic.ztp.ChassisImport}. */
package io.ocatopic.ztp.internal.siteconfig;
