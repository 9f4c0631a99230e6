/**
 * Zero Touch Provisioning: the validated {@link io.ocatopic.ztp.ChassisSpec} and its parts, secrets
 * ({@link io.ocatopic.ztp.SecretValue}) and the module's exception ({@link io.ocatopic.ztp.ZtpException}).
 */
package io.ocatopic.ztp;
