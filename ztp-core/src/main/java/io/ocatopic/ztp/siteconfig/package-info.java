/**
 * Import of SiteConfig v1 ({@code ran.openshift.io/v1}) files into {@link io.ocatopic.ztp.ChassisSpec}:
 * {@link io.ocatopic.ztp.siteconfig.SiteConfigImporter}.
 */
package io.ocatopic.ztp.siteconfig;
