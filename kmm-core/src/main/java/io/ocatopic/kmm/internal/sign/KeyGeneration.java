package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kube.internal.AtomicFiles;

import io.ocatopic.core.Problem;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kube.internal.KubeYaml;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key generation behind {@code SigningKeys.KeyGenerator}: a key pair and a self-signed X.509 certificate with
 * the extensions of the kernel's own {@code certs/default_x509.genkey}: {@code basicConstraints=critical,CA:FALSE},
 * {@code keyUsage=digitalSignature}, {@code extendedKeyUsage=codeSigning}, {@code subjectKeyIdentifier=hash},
 * {@code authorityKeyIdentifier=keyid}; PEM encoding; and the checked, atomic writing of key files.
 */
public final class KeyGeneration {
    private KeyGeneration() {
    }

    /**
     * Generated parts.
     *
     * @param privateKey the private key
     * @param certificate the self-signed certificate
     */
    public record Generated(java.security.PrivateKey privateKey, X509Certificate certificate) {
    }

    /**
     * RFC 5280 Appendix A: {@code ub-common-name} and {@code ub-organization-name} are 64; a name
     * with control characters (a newline) would also break {@code modinfo}'s one-line signer.
     *
     * @param field the field path for the problem
     * @param v the name
     * @return the name
     * @throws KmmException {@code INVALID}
     */
    public static String checkName(String field, String v) {
        String problem = null;
        if (v.isBlank()) {
            problem = "must not be empty";
        } else if (v.codePointCount(0, v.length()) > 64) {
            problem = "is " + v.codePointCount(0, v.length()) + " characters long; RFC 5280 allows at most 64 (ub-common-name): shorten it";
        } else if (v.codePoints().anyMatch(Character::isISOControl)) {
            problem = "contains a control character (newline, tab, ...): use printable characters only";
        }
        if (problem != null) {
            throw KmmException.invalid(java.util.List.of(new Problem(field, problem)));
        }
        return v;
    }

    /**
     * Generates the key pair and certificate.
     *
     * @param type RSA or EC (P-384)
     * @param rsaBits the RSA size
     * @param commonName the subject and issuer common name
     * @param organization the organization, or null
     * @param validity the validity from now
     * @param clock the clock
     * @return the key and certificate
     * @throws KmmException {@code CRYPTO} when the platform cannot generate the key
     */
    public static Generated generate(SigningKeys.KeyType type, int rsaBits, String commonName, String organization,
                                     Duration validity, Clock clock) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair kp;
            String sigAlg;
            if (type == SigningKeys.KeyType.RSA) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(rsaBits, random);
                kp = g.generateKeyPair();
                sigAlg = "SHA256withRSA";
            } else {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp384r1"), random);
                kp = g.generateKeyPair();
                sigAlg = "SHA384withECDSA";
            }
            org.bouncycastle.asn1.x500.X500NameBuilder nb =
                    new org.bouncycastle.asn1.x500.X500NameBuilder(org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE);
            if (organization != null) {
                nb.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, organization);
            }
            X500Name name = nb.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, commonName).build();
            byte[] serialBytes = new byte[20];
            random.nextBytes(serialBytes);
            serialBytes[0] &= 0x7f;
            serialBytes[0] |= 0x40;
            Instant now = clock.instant();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(serialBytes),
                    Date.from(now), Date.from(now.plus(validity)), name, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(kp.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
            return new Generated(kp.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new KmmException(Reason.CRYPTO, "key generation failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param o a certificate, key or PKCS#8 object
     * @return its PEM text
     */
    public static String pem(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new KmmException(Reason.CRYPTO, "PEM encoding failed", e);
        }
        return sw.toString();
    }

    /**
     * @param key a private key
     * @return it as unencrypted PKCS#8 PEM bytes
     */
    public static byte[] privateKeyPem(java.security.PrivateKey key) {
        try {
            return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate())
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new KmmException(Reason.CRYPTO, "private key encoding failed", null);
        }
    }

    /**
     * Refuses output paths that name the same file (the second write would replace the first) and,
     * unless {@code overwrite}, paths that exist; nothing is written when one problem is found.
     *
     * @param overwrite whether existing files may be replaced
     * @param fields the field names of the paths, for problems
     * @param files the paths (null entries are skipped)
     * @throws KmmException {@code INVALID}
     */
    public static void checkOutputs(boolean overwrite, String[] fields, Path... files) {
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            Path f = files[i];
            if (f == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (files[j] != null && same(files[j], f)) {
                    problems.add(new Problem(fields[i], f + " is the same file as " + fields[j]
                            + "; the second write would replace the first: give each its own path"));
                }
            }
            if (!overwrite && Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(fields[i], f + " exists and may hold a key in use; move it away, or"
                        + " replace it on purpose (overwrite, kmm keygen --force)"));
            }
        }
        if (!problems.isEmpty()) {
            throw KmmException.invalid(problems);
        }
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param file the target
     * @param content the content
     * @param secret whether it is written 0600
     * @throws KmmException {@code IO}
     */
    public static void writeAtomically(Path file, byte[] content, boolean secret) {
        try {
            AtomicFiles.write(file, content, secret);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot write " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
