/**
 * Kernel module signing in process: {@link io.ocatopic.kmm.sign.ModuleSigner} writes what the
 * kernel's {@code scripts/sign-file} writes (byte for byte for RSA keys),
 * {@link io.ocatopic.kmm.sign.ModuleSignatureVerifier} reads and verifies appended signatures,
 * {@link io.ocatopic.kmm.sign.SigningKeys} loads keys from files or PKCS#11 tokens,
 * {@link io.ocatopic.kmm.sign.SigningKeys.KeyGenerator} makes key pairs, and
 * {@link io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets} packs them as KMM's signing Secrets.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_key.x509"));
 * ModuleSigner.of(keys).signInPlace(Path.of("hello.ko"));
 * VerificationResult r = ModuleSignatureVerifier.trusting(keys.certificate()).verify(Path.of("hello.ko"));
 * }</pre>
 */
package io.ocatopic.kmm.sign;
