package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A signing key and its X.509 certificate: read from files (PEM or DER certificate; PEM PKCS#1,
 * PKCS#8 or passphrase-encrypted private key, or a DER PKCS#8 key), taken from a PKCS#11 token
 * where the private key never leaves the hardware, or given as JCA objects.
 *
 * <p>Accepted keys are those the kernel verifies module signatures with: RSA, and ECDSA on NIST
 * P-384 (and P-256). The {@link #toString()} never shows key material.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_key.x509"));
 * ModuleSigner signer = ModuleSigner.builder(keys).hash(HashAlgorithm.SHA256).build();
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
     * @param passphrase      the passphrase, when the key is encrypted
     * @return the keys
     * @throws KmmException {@code BAD_KEY}, {@code BAD_PASSPHRASE}, {@code IO}
     */
    public static SigningKeys fromFiles(Path privateKeyFile, Path certificateFile, Optional<Passphrase> passphrase) {
        X509Certificate cert = readCertificate(certificateFile);
        PrivateKey key = readPrivateKey(privateKeyFile, passphrase);
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
        if (!Files.isRegularFile(token.library())) {
            throw new KmmException(Reason.HSM, "PKCS#11 library " + token.library() + " does not exist");
        }
        List<String> configs = new ArrayList<>();
        String base = "name = ocatopic-" + Integer.toHexString(System.identityHashCode(token)) + "\n"
                + "library = " + token.library().toAbsolutePath() + "\n";
        if (token.slot().isPresent()) {
            configs.add(base + "slot = " + token.slot().getAsLong() + "\n");
        } else if (token.slotListIndex().isPresent()) {
            configs.add(base + "slotListIndex = " + token.slotListIndex().getAsInt() + "\n");
        } else {
            for (int i = 0; i < 32; i++) {
                configs.add(base + "slotListIndex = " + i + "\n");
            }
        }
        KmmException last = null;
        for (String config : configs) {
            Provider provider;
            try {
                provider = Security.getProvider("SunPKCS11").configure("--" + config);
            } catch (RuntimeException e) {
                // slot index beyond the list, or a library that does not load
                if (last == null) {
                    last = new KmmException(Reason.HSM, "PKCS#11 token could not be opened: " + e.getMessage(), e);
                }
                if (configs.size() > 1 && e.getMessage() != null && e.getMessage().contains("slotListIndex")) {
                    break;
                }
                continue;
            }
            try {
                KeyStore ks = KeyStore.getInstance("PKCS11", provider);
                char[] pin = token.pin().chars();
                try {
                    ks.load(null, pin);
                } finally {
                    java.util.Arrays.fill(pin, '\0');
                }
                for (String alias : Collections.list(ks.aliases())) {
                    if (token.keyLabel().isPresent() && !token.keyLabel().get().equals(alias)) {
                        continue;
                    }
                    if (!ks.isKeyEntry(alias)) {
                        continue;
                    }
                    Certificate c = ks.getCertificate(alias);
                    if (!(c instanceof X509Certificate x509)) {
                        continue;
                    }
                    PrivateKey pk = (PrivateKey) ks.getKey(alias, null);
                    return new SigningKeys(pk, x509, provider,
                            "PKCS#11 key '" + alias + "' in " + token.library().getFileName());
                }
                last = new KmmException(Reason.HSM, "no private key with a certificate"
                        + token.keyLabel().map(l -> " labelled '" + l + "'").orElse("")
                        + " on the PKCS#11 token (SunPKCS11 needs a certificate object with the key's CKA_ID)");
            } catch (IOException e) {
                if (configs.size() == 1) {
                    throw new KmmException(Reason.BAD_PASSPHRASE, "PKCS#11 login failed (wrong PIN?)", e);
                }
                if (last == null) {
                    last = new KmmException(Reason.BAD_PASSPHRASE, "PKCS#11 login failed on every slot (wrong PIN?)", e);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                last = new KmmException(Reason.HSM, "PKCS#11 token could not be read: " + e.getMessage(), e);
            }
        }
        throw last != null ? last : new KmmException(Reason.HSM, "no PKCS#11 slot found");
    }

    /**
     * Reads an X.509 certificate, PEM or DER (as {@code sign-file} accepts both).
     *
     * @param file the certificate file
     * @return the certificate
     * @throws KmmException {@code BAD_KEY} or {@code IO}
     */
    public static X509Certificate readCertificate(Path file) {
        byte[] bytes = readAll(file);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            throw new KmmException(Reason.BAD_KEY, "not an X.509 certificate (PEM or DER): " + file.getFileName(), e);
        }
    }

    /**
     * Reads every certificate of a PEM bundle or a single DER certificate.
     *
     * @param file the file
     * @return the certificates, at least one
     * @throws KmmException {@code BAD_KEY} or {@code IO}
     */
    public static List<X509Certificate> readCertificates(Path file) {
        byte[] bytes = readAll(file);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            throw new KmmException(Reason.BAD_KEY, "not an X.509 certificate (PEM or DER): " + file.getFileName(), e);
        }
    }

    static PrivateKey readPrivateKey(Path file, Optional<Passphrase> passphrase) {
        byte[] bytes = readAll(file);
        String name = file.getFileName().toString();
        if (bytes.length > 1 && bytes[0] == 0x30) {
            // DER PKCS#8
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(bytes);
                String alg = info.getPrivateKeyAlgorithm().getAlgorithm().getId().equals("1.2.840.10045.2.1") ? "EC" : "RSA";
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(bytes));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new KmmException(Reason.BAD_KEY, "not a DER PKCS#8 private key: " + name, e);
            }
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        Provider bc = new BouncyCastleProvider();
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return converter.getPrivateKey(kp.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo pki) {
                    return converter.getPrivateKey(pki);
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    char[] pw = requirePassphrase(passphrase, name);
                    try {
                        InputDecryptorProvider dp = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc).build(pw);
                        return converter.getPrivateKey(enc.decryptPrivateKeyInfo(dp));
                    } catch (PKCSException e) {
                        throw new KmmException(Reason.BAD_PASSPHRASE, "wrong passphrase for private key " + name, null);
                    } finally {
                        java.util.Arrays.fill(pw, '\0');
                    }
                } else if (o instanceof PEMEncryptedKeyPair enc) {
                    char[] pw = requirePassphrase(passphrase, name);
                    try {
                        PEMDecryptorProvider dp = new JcePEMDecryptorProviderBuilder().setProvider(bc).build(pw);
                        return converter.getPrivateKey(enc.decryptKeyPair(dp).getPrivateKeyInfo());
                    } catch (PEMException e) {
                        throw new KmmException(Reason.BAD_PASSPHRASE, "wrong passphrase for private key " + name, null);
                    } finally {
                        java.util.Arrays.fill(pw, '\0');
                    }
                }
                // certificates or parameters before the key are skipped
            }
        } catch (KmmException e) {
            throw e;
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            // never include the parser's message: it may quote key bytes
            throw new KmmException(Reason.BAD_KEY, "private key could not be read: " + name + " (" + e.getClass().getSimpleName() + ")", null);
        }
        throw new KmmException(Reason.BAD_KEY, "no private key found in " + name);
    }

    private static char[] requirePassphrase(Optional<Passphrase> passphrase, String name) {
        if (passphrase.isEmpty() || passphrase.get().isEmpty()) {
            throw new KmmException(Reason.BAD_PASSPHRASE, "private key " + name + " is encrypted: a passphrase is needed");
        }
        return passphrase.get().chars();
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
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

    /** @return the signing certificate (named in every signature) */
    public X509Certificate certificate() {
        return certificate;
    }

    /** @return the private key (a handle only, for token keys) */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the provider that must sign with the key, when it is not a default one (PKCS#11) */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /** @return RSA or EC */
    public KeyType keyType() {
        return keyType;
    }

    /** @return the subject of the certificate, the origin of the key, never key material */
    @Override
    public String toString() {
        return "SigningKeys[" + keyType + ", " + certificate.getSubjectX500Principal().getName() + ", " + origin
                + ", privateKey=redacted]";
    }
}
