package io.ocatopic.kmm.sign;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The two Secrets KMM's {@code sign} section names: {@code keySecret} with data key {@code key}
 * (the PEM private key) and {@code certSecret} with data key {@code cert} (the certificate).
 *
 * <p>Source: kubernetes-sigs/kernel-module-management {@code internal/constants/constants.go}
 * ({@code PrivateSignDataKey = "key"}, {@code PublicSignDataKey = "cert"}). The certificate is
 * stored DER-encoded, as KMM's documentation asks; {@code sign-file} reads DER or PEM.
 * {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * KmmSigningSecrets s = KmmSigningSecrets.of("acme-signing", "kmm-ops", generatedKeys);
 * applier.apply(s.keySecret());
 * applier.apply(s.certSecret());
 * }</pre>
 *
 * @param keySecret  the Secret named {@code <name>-key} holding {@code key}
 * @param certSecret the Secret named {@code <name>-cert} holding {@code cert}
 */
public record KmmSigningSecrets(Secret keySecret, Secret certSecret) {
    /** KMM's data key for the private key. */
    public static final String KEY = "key";
    /** KMM's data key for the certificate. */
    public static final String CERT = "cert";

    /**
     * Checks the parts.
     *
     * @param keySecret see the record component
     * @param certSecret see the record component
     */
    public KmmSigningSecrets {
        Objects.requireNonNull(keySecret, "keySecret");
        Objects.requireNonNull(certSecret, "certSecret");
    }

    /**
     * Builds both Secrets from generated keys.
     *
     * @param baseName  the name prefix: Secrets {@code <baseName>-key} and {@code <baseName>-cert}
     * @param namespace the namespace of the Module
     * @param keys      the generated keys
     * @return the Secrets
     */
    public static KmmSigningSecrets of(String baseName, String namespace, ModuleKeyGenerator.GeneratedKeys keys) {
        return of(baseName, namespace, keys.privateKeyPem(), keys.certificateDer());
    }

    /**
     * Builds both Secrets from key and certificate bytes.
     *
     * @param baseName       the name prefix
     * @param namespace      the namespace
     * @param privateKeyPem  the PEM private key
     * @param certificate    the certificate, DER or PEM
     * @return the Secrets
     */
    public static KmmSigningSecrets of(String baseName, String namespace, byte[] privateKeyPem, byte[] certificate) {
        Base64.Encoder b64 = Base64.getEncoder();
        Secret key = new SecretBuilder().withNewMetadata().withName(baseName + "-key").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ocatopic").endMetadata()
                .withType("Opaque").addToData(KEY, b64.encodeToString(privateKeyPem)).build();
        Secret cert = new SecretBuilder().withNewMetadata().withName(baseName + "-cert").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ocatopic").endMetadata()
                .withType("Opaque").addToData(CERT, b64.encodeToString(certificate)).build();
        return new KmmSigningSecrets(key, cert);
    }

    /**
     * Writes both Secrets as one multi-document YAML file, atomically and with mode 0600 from the
     * start (it holds the private key).
     *
     * @param file the YAML file
     * @throws io.ocatopic.kmm.KmmException {@code IO}
     */
    public void writeYaml(java.nio.file.Path file) {
        ModuleKeyGenerator.writeAtomically(file, io.ocatopic.kube.KubeYaml.dumpAll(all()).getBytes(StandardCharsets.UTF_8), true);
    }

    /** @return both Secrets, key first */
    public List<Secret> all() {
        return List.of(keySecret, certSecret);
    }

    /** @return the Secret names only, never their data */
    @Override
    public String toString() {
        return "KmmSigningSecrets[key=" + keySecret.getMetadata().getName() + ", cert=" + certSecret.getMetadata().getName()
                + ", namespace=" + keySecret.getMetadata().getNamespace() + ", data=redacted]";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
