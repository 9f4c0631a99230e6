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
     * @throws io.ocatopic.kmm.KmmException {@code INVALID} when {@code baseName}{@code -key}/{@code -cert} is
     *         not a DNS-1123 subdomain or {@code namespace} not a DNS-1123 label (what kube-apiserver
     *         requires of Secret names and namespaces)
     */
    public static KmmSigningSecrets of(String baseName, String namespace, byte[] privateKeyPem, byte[] certificate) {
        checkNames(baseName, namespace);
        Base64.Encoder b64 = Base64.getEncoder();
        Secret key = new SecretBuilder().withNewMetadata().withName(baseName + "-key").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ocatopic").endMetadata()
                .withType("Opaque").addToData(KEY, b64.encodeToString(privateKeyPem)).build();
        Secret cert = new SecretBuilder().withNewMetadata().withName(baseName + "-cert").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ocatopic").endMetadata()
                .withType("Opaque").addToData(CERT, b64.encodeToString(certificate)).build();
        return new KmmSigningSecrets(key, cert);
    }

    /** The rules of k8s.io/apimachinery {@code IsDNS1123Subdomain} and {@code IsDNS1123Label}. */
    private static void checkNames(String baseName, String namespace) {
        List<io.ocatopic.kube.Problem> problems = new java.util.ArrayList<>();
        if (baseName == null || baseName.isEmpty()) {
            problems.add(new io.ocatopic.kube.Problem("baseName", "must not be empty: give a Secret name prefix such as module-signing"));
        } else {
            String longest = baseName + "-cert";
            if (!io.ocatopic.kube.KubeNames.isSubdomain(baseName + "-key") || !io.ocatopic.kube.KubeNames.isSubdomain(longest)) {
                problems.add(new io.ocatopic.kube.Problem("baseName", quote(baseName) + " does not make valid Secret names ("
                        + "<name>-key/-cert must be DNS-1123 subdomains: lower-case a-z, 0-9, '-' and '.', starting with"
                        + " a letter or digit, at most 253 characters): use e.g. module-signing"));
            }
        }
        if (!io.ocatopic.kube.KubeNames.isLabel(namespace)) {
            problems.add(new io.ocatopic.kube.Problem("namespace", quote(namespace) + " is not a valid namespace (a DNS-1123 label:"
                    + " lower-case a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters):"
                    + " use e.g. kmm-ops"));
        }
        if (!problems.isEmpty()) {
            throw io.ocatopic.kmm.KmmException.invalid(problems);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    /**
     * Writes both Secrets as one multi-document YAML file, atomically and with mode 0600 from the
     * start (it holds the private key).
     *
     * @param file the YAML file
     * @throws io.ocatopic.kmm.KmmException {@code IO}
     */
    public void writeYaml(java.nio.file.Path file) {
        writeYaml(file, false);
    }

    /**
     * Writes both Secrets as one multi-document YAML file, atomically and with mode 0600.
     *
     * @param file      where to write
     * @param overwrite whether an existing file is replaced ({@code kmm keygen --force})
     * @throws io.ocatopic.kmm.KmmException {@code INVALID} when the file exists and {@code overwrite}
     *         is not set, {@code IO}
     */
    public void writeYaml(java.nio.file.Path file, boolean overwrite) {
        ModuleKeyGenerator.checkOutputs(overwrite, new String[] {"file"}, file);
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
