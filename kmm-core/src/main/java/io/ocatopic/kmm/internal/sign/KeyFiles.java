package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kube.Secret;
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

/** Reading signing keys and certificates from files, and opening PKCS#11 tokens through SunPKCS11. */
public final class KeyFiles {
    private KeyFiles() {
    }

    /**
     * A key found on a PKCS#11 token.
     *
     * @param privateKey the key handle
     * @param certificate its certificate object
     * @param provider the SunPKCS11 instance that signs with it
     * @param alias the KeyStore alias (the label)
     */
    public record TokenKey(PrivateKey privateKey, X509Certificate certificate, Provider provider, String alias) {
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

    /**
     * @param file PEM (PKCS#1, PKCS#8, encrypted PKCS#8 or OpenSSL-encrypted PKCS#1) or DER PKCS#8 private key
     * @param passphrase the passphrase, when the key is encrypted
     * @return the key
     * @throws KmmException {@code BAD_KEY}, {@code BAD_PASSPHRASE}, {@code IO}
     */
    public static PrivateKey readPrivateKey(Path file, Optional<Secret> passphrase) {
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

    private static char[] requirePassphrase(Optional<Secret> passphrase, String name) {
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

    /**
     * Opens a PKCS#11 token and finds its key.
     *
     * @param library the PKCS#11 module
     * @param slot the slot id, if known
     * @param slotListIndex the slot list index, if known
     * @param keyLabel the key's label, empty for the first key
     * @param pin the user PIN
     * @param nameSeed makes the provider name unique
     * @return the key
     * @throws KmmException {@code HSM} when no slot holds the key, {@code BAD_PASSPHRASE} for a wrong PIN
     */
    public static TokenKey openToken(Path library, java.util.OptionalLong slot, java.util.OptionalInt slotListIndex,
                                     Optional<String> keyLabel, Secret pin, Object nameSeed) {
        if (!Files.isRegularFile(library)) {
            throw new KmmException(Reason.HSM, "PKCS#11 library " + library + " does not exist");
        }
        List<String> configs = new ArrayList<>();
        String base = "name = ocatopic-" + Integer.toHexString(System.identityHashCode(nameSeed)) + "\n"
                + "library = " + library.toAbsolutePath() + "\n";
        if (slot.isPresent()) {
            configs.add(base + "slot = " + slot.getAsLong() + "\n");
        } else if (slotListIndex.isPresent()) {
            configs.add(base + "slotListIndex = " + slotListIndex.getAsInt() + "\n");
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
                char[] pinChars = pin.chars();
                try {
                    ks.load(null, pinChars);
                } finally {
                    java.util.Arrays.fill(pinChars, '\0');
                }
                for (String alias : Collections.list(ks.aliases())) {
                    if (keyLabel.isPresent() && !keyLabel.get().equals(alias)) {
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
                    return new TokenKey(pk, x509, provider, alias);
                }
                last = new KmmException(Reason.HSM, "no private key with a certificate"
                        + keyLabel.map(l -> " labelled '" + l + "'").orElse("")
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
}
