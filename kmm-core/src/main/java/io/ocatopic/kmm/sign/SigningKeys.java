package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.internal.sign.KeyFiles;
import io.ocatopic.kmm.internal.sign.KeyGeneration;
import io.ocatopic.kmm.internal.sign.SigningSecretNames;
import io.ocatopic.kube.Secret;
import io.ocatopic.kube.internal.KubeYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A signing key and its X.509 certificate: read from files (PEM or DER certificate; PEM PKCS#1,
 * PKCS#8 or passphrase-encrypted private key, or a DER PKCS#8 key), taken from a PKCS#11 token
 * ({@link Pkcs11Token}) where the private key never leaves the hardware, generated
 * ({@link KeyGenerator}), or given as JCA objects; and KMM's two signing Secrets ({@link KmmSigningSecrets}).
 *
 * <p>Accepted keys are those the kernel verifies module signatures with: RSA, and ECDSA on NIST
 * P-384 (and P-256). The {@link #toString()} never shows key material.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_key.x509"));
 * ModuleSigner signer = ModuleSigner.builder(keys).hash(ModuleSigner.HashAlgorithm.SHA256).build();
 *
 * GeneratedKeys k = SigningKeys.KeyGenerator.rsa(4096).commonName("Acme module signing").generate();
 * k.writeTo(Path.of("acme_key.pem"), Path.of("acme_key.x509"));   // key written 0600; an existing file is never replaced
 * KmmSigningSecrets secrets = KmmSigningSecrets.of("acme-signing", "kmm-ops", k);
 * }</pre>
 */
public final class SigningKeys {
    /** What kind of key signs. */
    public enum KeyType {
        /** RSA, PKCS#1 v1.5 signatures (deterministic). */
        RSA,
        /** ECDSA on a NIST curve (randomized signatures). */
        EC
    }

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final Provider provider;
    private final KeyType keyType;
    private final String origin;

    private SigningKeys(PrivateKey privateKey, X509Certificate certificate, Provider provider, String origin) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.provider = provider;
        this.origin = origin;
        PublicKey pub = certificate.getPublicKey();
        if (pub instanceof RSAPublicKey) {
            this.keyType = KeyType.RSA;
        } else if (pub instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 384 && bits != 256) {
                throw new KmmException(Reason.UNSUPPORTED_ALGORITHM,
                        "EC key on a " + bits + "-bit curve: the kernel verifies NIST P-384 (and P-256) only");
            }
            this.keyType = KeyType.EC;
        } else {
            throw new KmmException(Reason.UNSUPPORTED_ALGORITHM,
                    "certificate key type " + pub.getAlgorithm() + " is not one the kernel accepts (RSA, EC P-384)");
        }
        String keyAlg = privateKey.getAlgorithm();
        if (!keyAlg.equalsIgnoreCase(keyType.name()) && !(keyType == KeyType.EC && keyAlg.equalsIgnoreCase("ECDSA"))) {
            throw new KmmException(Reason.BAD_KEY,
                    "private key is " + keyAlg + " but the certificate holds a " + keyType + " key");
        }
    }

    /**
     * Uses a private key and certificate held as JCA objects, signing with the default providers.
     *
     * @param privateKey  the private key
     * @param certificate its certificate
     * @return the keys
     */
    public static SigningKeys of(PrivateKey privateKey, X509Certificate certificate) {
        SigningKeys keys = new SigningKeys(privateKey, certificate, null, "in-memory key");
        keys.checkPair();
        return keys;
    }

    /**
     * Uses a private key that signs through a given provider (for example a configured SunPKCS11
     * instance).
     *
     * @param privateKey  the private key (possibly a handle to a token object)
     * @param certificate its certificate
     * @param provider    the provider that signs with it
     * @return the keys
     */
    public static SigningKeys of(PrivateKey privateKey, X509Certificate certificate, Provider provider) {
        return new SigningKeys(privateKey, certificate, Objects.requireNonNull(provider, "provider"),
                "key in provider " + provider.getName());
    }

    /**
     * Reads an unencrypted private key and a certificate from files.
     *
     * @param privateKeyFile PEM (PKCS#1 or PKCS#8) or DER PKCS#8 private key
     * @param certificateFile PEM or DER X.509 certificate
     * @return the keys
     * @throws KmmException {@code BAD_KEY}, {@code BAD_PASSPHRASE} (the key is encrypted), {@code IO}
     */
    public static SigningKeys fromFiles(Path privateKeyFile, Path certificateFile) {
        return fromFiles(privateKeyFile, certificateFile, Optional.empty());
    }

    /**
     * Reads a private key, possibly encrypted with a passphrase, and a certificate from files.
     *
     * @param privateKeyFile  PEM (PKCS#1, PKCS#8, encrypted PKCS#8 or OpenSSL-encrypted PKCS#1) or DER
     *                        PKCS#8 private key
     * @param certificateFile PEM or DER X.509 certificate
     * @param passphrase      the passphrase, when the key is encrypted (read when needed, not wiped here)
     * @return the keys
     * @throws KmmException {@code BAD_KEY}, {@code BAD_PASSPHRASE}, {@code IO}
     */
    public static SigningKeys fromFiles(Path privateKeyFile, Path certificateFile, Optional<Secret> passphrase) {
        X509Certificate cert = KeyFiles.readCertificate(certificateFile);
        PrivateKey key = KeyFiles.readPrivateKey(privateKeyFile, passphrase);
        SigningKeys keys = new SigningKeys(key, cert, null, "key file " + privateKeyFile.getFileName());
        keys.checkPair();
        return keys;
    }


    /**
     * Opens a PKCS#11 token through the JDK's SunPKCS11 provider and uses its key and certificate;
     * the private key never leaves the token.
     *
     * @param token library, slot, key label and PIN
     * @return the keys
     * @throws KmmException {@code HSM} when no slot holds the key, {@code BAD_PASSPHRASE} for a wrong PIN
     */
    public static SigningKeys fromPkcs11(Pkcs11Token token) {
        KeyFiles.TokenKey k = KeyFiles.openToken(token.library(), token.slot(), token.slotListIndex(), token.keyLabel(),
                token.pin(), token);
        return new SigningKeys(k.privateKey(), k.certificate(), k.provider(),
                "PKCS#11 key '" + k.alias() + "' in " + token.library().getFileName());
    }

    /**
     * Reads an X.509 certificate, PEM or DER (as {@code sign-file} accepts both).
     *
     * @param file the certificate file
     * @return the certificate
     * @throws KmmException {@code BAD_KEY} or {@code IO}
     */
    public static X509Certificate readCertificate(Path file) {
        return KeyFiles.readCertificate(file);
    }

    /**
     * Reads every certificate of a PEM bundle or a single DER certificate.
     *
     * @param file the file
     * @return the certificates, at least one
     * @throws KmmException {@code BAD_KEY} or {@code IO}
     */
    public static List<X509Certificate> readCertificates(Path file) {
        return KeyFiles.readCertificates(file);
    }

    private void checkPair() {
        if (keyType == KeyType.RSA && privateKey instanceof RSAPrivateCrtKey crt) {
            if (!crt.getModulus().equals(((RSAPublicKey) certificate.getPublicKey()).getModulus())) {
                throw new KmmException(Reason.BAD_KEY, "the private key does not belong to the certificate");
            }
            return;
        }
        try {
            String alg = keyType == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
            Signature s = provider == null ? Signature.getInstance(alg) : Signature.getInstance(alg, provider);
            s.initSign(privateKey);
            byte[] probe = "ocatopic key check".getBytes(StandardCharsets.US_ASCII);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new KmmException(Reason.BAD_KEY, "the private key does not belong to the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new KmmException(Reason.BAD_KEY, "the private key cannot sign: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Returns the signing certificate, named in every signature.
     *
     * @return the signing certificate (named in every signature)
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Returns the private key (a handle only, for token keys).
     *
     * @return the private key (a handle only, for token keys)
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Returns the provider that must sign with the key, when it is not a default one.
     *
     * @return the provider that must sign with the key, when it is not a default one (PKCS#11)
     */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /**
     * Returns the key's type, RSA or EC.
     *
     * @return RSA or EC
     */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * Returns a description of the keys: the certificate's subject and the key's origin, never key material.
     *
     * @return the subject of the certificate, the origin of the key, never key material
     */
    @Override
    public String toString() {
        return "SigningKeys[" + keyType + ", " + certificate.getSubjectX500Principal().getName() + ", " + origin
                + ", privateKey=redacted]";
    }

    /**
     * Where a signing key lives on a PKCS#11 token (an HSM, a smart card, SoftHSM): the module library,
     * which slot, which key and the user PIN. The private key never leaves the token.
     *
     * <p>The JDK's SunPKCS11 provider, which does the signing, lists a private key only when a
     * certificate object with the same {@code CKA_ID} is on the token; the certificate found there is
     * the one the signature names. SunPKCS11 selects tokens by slot id or slot list index, not by token
     * label: when neither is given every slot is tried in order and the first one where the PIN logs
     * in and that holds the key is used.
     *
     * <pre>{@code
     * Pkcs11Token token = Pkcs11Token.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"), Secret.fromEnv("KBUILD_SIGN_PIN"))
     *         .withSlot(slotId).withKeyLabel("modsign");
     * SigningKeys keys = SigningKeys.fromPkcs11(token);
     * }</pre>
     *
     * @param library        the PKCS#11 module (shared library)
     * @param slot           the slot id, if known
     * @param slotListIndex  the index in the slot list, if known
     * @param keyLabel       the label of the key and certificate objects (the KeyStore alias), or
     *                       empty for the first key entry on the token
     * @param pin            the user PIN
     */
    public record Pkcs11Token(Path library, OptionalLong slot, OptionalInt slotListIndex,
                              Optional<String> keyLabel, Secret pin) {
        /**
         * Validates the parts.
         *
         * @param library see the record component
         * @param slot see the record component
         * @param slotListIndex see the record component
         * @param keyLabel see the record component
         * @param pin see the record component
         */
        public Pkcs11Token {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(slotListIndex, "slotListIndex");
            Objects.requireNonNull(keyLabel, "keyLabel");
            Objects.requireNonNull(pin, "pin");
        }

        /**
         * A token reached through a PKCS#11 library, any slot, first key.
         *
         * @param library the PKCS#11 module
         * @param pin     the user PIN
         * @return the token description
         */
        public static Pkcs11Token of(Path library, Secret pin) {
            return new Pkcs11Token(library, OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), pin);
        }

        /**
         * Returns a copy of this token that uses a slot by its id.
         *
         * @param slotId the PKCS#11 slot id
         * @return a copy using that slot
         */
        public Pkcs11Token withSlot(long slotId) {
            return new Pkcs11Token(library, OptionalLong.of(slotId), OptionalInt.empty(), keyLabel, pin);
        }

        /**
         * Returns a copy of this token that uses a slot by its index in the slot list.
         *
         * @param index the index in the library's slot list
         * @return a copy using that slot index
         */
        public Pkcs11Token withSlotListIndex(int index) {
            return new Pkcs11Token(library, OptionalLong.empty(), OptionalInt.of(index), keyLabel, pin);
        }

        /**
         * Returns a copy of this token that selects a key by its certificate's label.
         *
         * @param label the label ({@code CKA_LABEL}) of the key's certificate object
         * @return a copy selecting that key
         */
        public Pkcs11Token withKeyLabel(String label) {
            return new Pkcs11Token(library, slot, slotListIndex, Optional.of(label), pin);
        }

        /**
         * Returns a description of the token, without the PIN.
         *
         * @return a description without the PIN
         */
        @Override
        public String toString() {
            return "Pkcs11Token[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex
                    + ", keyLabel=" + keyLabel + ", pin=redacted]";
        }
    }

    /**
     * Generates a module signing key pair and a self-signed X.509 certificate with the extensions of the
     * kernel's own {@code certs/default_x509.genkey} ({@code CA:FALSE}, {@code digitalSignature},
     * {@code codeSigning}, subject and authority key identifiers).
     *
     * <pre>{@code
     * GeneratedKeys k = SigningKeys.KeyGenerator.ecP384().commonName("Acme module signing").generate();
     * }</pre>
     */
    public static final class KeyGenerator {
        private final KeyType type;
        private final int rsaBits;
        private String commonName = "Build time autogenerated kernel key";
        private String organization;
        private Duration validity = Duration.ofDays(36500);
        private Clock clock = Clock.systemUTC();

        private KeyGenerator(KeyType type, int rsaBits) {
            this.type = type;
            this.rsaBits = rsaBits;
        }

        /**
         * An RSA key generator.
         *
         * @param bits 2048, 3072 or 4096
         * @return the generator
         * @throws KmmException {@code INVALID} for another size
         */
        public static KeyGenerator rsa(int bits) {
            if (bits != 2048 && bits != 3072 && bits != 4096) {
                throw KmmException.invalid(List.of(new io.ocatopic.core.Problem("bits", "RSA size must be 2048, 3072 or 4096, not " + bits)));
            }
            return new KeyGenerator(KeyType.RSA, bits);
        }

        /**
         * Creates a generator of ECDSA NIST P-384 keys (the curve the kernel documents).
         *
         * @return an ECDSA NIST P-384 key generator (the curve the kernel documents)
         */
        public static KeyGenerator ecP384() {
            return new KeyGenerator(KeyType.EC, 384);
        }

        /**
         * Sets the certificate's subject (and issuer) common name.
         *
         * @param cn the subject (and issuer) common name, shown by {@code modinfo} as {@code signer}
         * @return this generator
         * @throws KmmException {@code INVALID} when empty, longer than 64 characters or with control characters
         */
        public KeyGenerator commonName(String cn) {
            this.commonName = KeyGeneration.checkName("commonName", Objects.requireNonNull(cn, "cn"));
            return this;
        }

        /**
         * Sets the certificate's subject organization.
         *
         * @param o the subject organization (optional)
         * @return this generator
         * @throws KmmException {@code INVALID} as {@link #commonName}
         */
        public KeyGenerator organization(String o) {
            this.organization = KeyGeneration.checkName("organization", Objects.requireNonNull(o, "o"));
            return this;
        }

        /**
         * Sets how long the certificate is valid from now.
         *
         * @param validity how long the certificate is valid from now (default 36500 days, like kbuild)
         * @return this generator
         */
        public KeyGenerator validity(Duration validity) {
            this.validity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /**
         * Sets the clock giving "now" (for reproducible tests).
         *
         * @param clock the clock giving "now" (for reproducible tests)
         * @return this generator
         */
        public KeyGenerator clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Generates the key pair and certificate.
         *
         * @return the keys
         * @throws KmmException {@code CRYPTO} when the platform cannot generate the key
         */
        public GeneratedKeys generate() {
            KeyGeneration.Generated g = KeyGeneration.generate(type, rsaBits, commonName, organization, validity, clock);
            return new GeneratedKeys(SigningKeys.of(g.privateKey(), g.certificate()));
        }
    }

    /**
     * A generated key pair and certificate. {@link #toString()} never shows the private key.
     */
    public static final class GeneratedKeys {
        private final SigningKeys keys;

        private GeneratedKeys(SigningKeys keys) {
            this.keys = keys;
        }

        /**
         * Returns the generated keys, ready to sign with.
         *
         * @return the keys, ready for {@link ModuleSigner#builder(SigningKeys)}
         */
        public SigningKeys signingKeys() {
            return keys;
        }

        /**
         * Returns the generated certificate.
         *
         * @return the certificate
         */
        public X509Certificate certificate() {
            return keys.certificate();
        }

        /**
         * Returns the certificate as PEM text.
         *
         * @return the certificate as PEM text
         */
        public String certificatePem() {
            return KeyGeneration.pem(keys.certificate());
        }

        /**
         * Returns the certificate as DER.
         *
         * @return the certificate as DER (the form KMM's docs ask for and the kernel's keyrings load)
         * @throws KmmException {@code CRYPTO} when it cannot be encoded
         */
        public byte[] certificateDer() {
            try {
                return keys.certificate().getEncoded();
            } catch (GeneralSecurityException e) {
                throw new KmmException(Reason.CRYPTO, "certificate encoding failed", e);
            }
        }

        /**
         * Returns the private key as unencrypted PKCS#8 PEM bytes.
         *
         * @return the private key as unencrypted PKCS#8 PEM bytes; handle as a secret
         */
        public byte[] privateKeyPem() {
            return KeyGeneration.privateKeyPem(keys.privateKey());
        }

        /**
         * Writes the private key (PKCS#8 PEM, mode 0600) and the certificate (PEM), each atomically.
         * Existing files are never replaced (a lost signing key cannot be recovered): see
         * {@link #writeTo(Path, Path, boolean)}.
         *
         * @param privateKeyFile where the private key goes
         * @param certificateFile where the certificate goes
         * @throws KmmException {@code INVALID} when a file exists or both paths name the same file, {@code IO}
         */
        public void writeTo(Path privateKeyFile, Path certificateFile) {
            writeTo(privateKeyFile, certificateFile, false);
        }

        /**
         * Writes the private key (PKCS#8 PEM, mode 0600) and the certificate (PEM), each atomically,
         * after checking both paths: they must differ (also after normalising and through links),
         * and an existing file is replaced only when {@code overwrite} is set.
         *
         * @param privateKeyFile where the private key goes
         * @param certificateFile where the certificate goes
         * @param overwrite whether existing files are replaced ({@code kmm keygen --force})
         * @throws KmmException {@code INVALID} (nothing written) or {@code IO}
         */
        public void writeTo(Path privateKeyFile, Path certificateFile, boolean overwrite) {
            KeyGeneration.checkOutputs(overwrite, new String[] {"privateKeyFile", "certificateFile"}, privateKeyFile, certificateFile);
            KeyGeneration.writeAtomically(privateKeyFile, privateKeyPem(), true);
            KeyGeneration.writeAtomically(certificateFile, certificatePem().getBytes(StandardCharsets.US_ASCII), false);
        }

        /**
         * Returns the certificate's subject, never key material.
         *
         * @return the certificate subject; never key material
         */
        @Override
        public String toString() {
            return "GeneratedKeys[" + keys + "]";
        }
    }

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
     * applier.serverDryRun().applyAll(List.of(s.keySecret(), s.certSecret()));   // checked, nothing stored
     * applier.applyAll(List.of(s.keySecret(), s.certSecret()));
     * }</pre>
     *
     * @param keySecret  the Secret named {@code <name>-key} holding {@code key}
     * @param certSecret the Secret named {@code <name>-cert} holding {@code cert}
     */
    public record KmmSigningSecrets(io.fabric8.kubernetes.api.model.Secret keySecret, io.fabric8.kubernetes.api.model.Secret certSecret) {
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
        public static KmmSigningSecrets of(String baseName, String namespace, GeneratedKeys keys) {
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
            SigningSecretNames.checkNames(baseName, namespace);
            Base64.Encoder b64 = Base64.getEncoder();
            io.fabric8.kubernetes.api.model.Secret key = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(baseName + "-key").withNamespace(namespace)
                    .addToLabels("app.kubernetes.io/managed-by", "ocatopic").endMetadata()
                    .withType("Opaque").addToData(KEY, b64.encodeToString(privateKeyPem)).build();
            io.fabric8.kubernetes.api.model.Secret cert = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(baseName + "-cert").withNamespace(namespace)
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
            KeyGeneration.checkOutputs(overwrite, new String[] {"file"}, file);
            KeyGeneration.writeAtomically(file, KubeYaml.dumpAll(all()).getBytes(StandardCharsets.UTF_8), true);
        }

        /**
         * Returns both Secrets, the key's first.
         *
         * @return both Secrets, key first
         */
        public List<io.fabric8.kubernetes.api.model.Secret> all() {
            return List.of(keySecret, certSecret);
        }

        /**
         * Returns the Secret names, never their data.
         *
         * @return the Secret names only, never their data
         */
        @Override
        public String toString() {
            return "KmmSigningSecrets[key=" + keySecret.getMetadata().getName() + ", cert=" + certSecret.getMetadata().getName()
                    + ", namespace=" + keySecret.getMetadata().getNamespace() + ", data=redacted]";
        }
    }
}
