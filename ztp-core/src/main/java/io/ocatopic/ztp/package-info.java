/**
 * Zero Touch Provisioning: the validated {@link io.ocatopic.ztp.ChassisSpec} (load, validate, and
 * {@link io.ocatopic.ztp.ChassisSpec#render() render} everything a factory install needs into a
 * {@link io.ocatopic.ztp.ChassisRender}), imports of ZTPFW and SiteConfig files ({@link io.ocatopic.ztp.ChassisImport}),
 * how a hub and a spoke reach each other ({@link io.ocatopic.ztp.ImportCredentials},
 * {@link io.ocatopic.ztp.HubConnection}) and the module's exception ({@link io.ocatopic.ztp.ZtpException}).
 * Secrets are {@link io.ocatopic.kube.Secret}s, validation problems {@link io.ocatopic.core.Problem}s.
 */
package io.ocatopic.ztp;
