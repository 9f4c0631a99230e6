package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.kmm.KmmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleKeyGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void certificateHasTheKernelGenkeyExtensions() throws Exception {
        SigningKeys.GeneratedKeys k = SigningKeys.KeyGenerator.rsa(3072).organization("Acme").commonName("Acme modules").generate();
        X509Certificate c = k.certificate();
        assertEquals(-1, c.getBasicConstraints(), "CA:FALSE");
        assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        boolean[] ku = c.getKeyUsage();
        assertTrue(ku[0], "digitalSignature");
        for (int i = 1; i < ku.length; i++) {
            assertFalse(ku[i]);
        }
        assertEquals(List.of("1.3.6.1.5.5.7.3.3"), c.getExtendedKeyUsage(), "codeSigning");
        assertNotNull(c.getExtensionValue("2.5.29.14"), "subjectKeyIdentifier");
        assertNotNull(c.getExtensionValue("2.5.29.35"), "authorityKeyIdentifier");
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(c.getPublicKey());
        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
    }

    @Test
    void writtenFilesReloadAndTheKeyIs0600() throws Exception {
        SigningKeys.GeneratedKeys k = SigningKeys.KeyGenerator.ecP384().generate();
        Path key = dir.resolve("signing_key.pem");
        Path cert = dir.resolve("signing_key.x509");
        k.writeTo(key, cert);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        SigningKeys loaded = SigningKeys.fromFiles(key, cert);
        assertEquals(SigningKeys.KeyType.EC, loaded.keyType());
        assertEquals(k.certificate(), loaded.certificate());
        Path der = dir.resolve("cert.der");
        Files.write(der, k.certificateDer());
        assertEquals(k.certificate(), SigningKeys.readCertificate(der));
    }

    @Test
    void mismatchedKeyAndCertificateAreRefused() throws Exception {
        SigningKeys.GeneratedKeys a = SigningKeys.KeyGenerator.rsa(2048).generate();
        SigningKeys.GeneratedKeys b = SigningKeys.KeyGenerator.rsa(2048).generate();
        a.writeTo(dir.resolve("a.pem"), dir.resolve("a.crt"));
        b.writeTo(dir.resolve("b.pem"), dir.resolve("b.crt"));
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.fromFiles(dir.resolve("a.pem"), dir.resolve("b.crt")));
        assertEquals(KmmException.Reason.BAD_KEY, e.reason());
        KmmException notKey = assertThrows(KmmException.class, () -> SigningKeys.fromFiles(dir.resolve("a.crt"), dir.resolve("a.crt")));
        assertEquals(KmmException.Reason.BAD_KEY, notKey.reason());
        KmmException missing = assertThrows(KmmException.class,
                () -> SigningKeys.fromFiles(dir.resolve("none.pem"), dir.resolve("a.crt"), Optional.empty()));
        assertEquals(KmmException.Reason.IO, missing.reason());
    }

    @Test
    void kmmSecretsUseTheKeysKmmExpects() {
        SigningKeys.GeneratedKeys k = SigningKeys.KeyGenerator.rsa(2048).generate();
        KmmSigningSecrets s = KmmSigningSecrets.of("acme-signing", "kmm-ops", k);
        Secret key = s.keySecret();
        Secret cert = s.certSecret();
        assertEquals("acme-signing-key", key.getMetadata().getName());
        assertEquals("kmm-ops", cert.getMetadata().getNamespace());
        assertEquals(java.util.Set.of("key"), key.getData().keySet());
        assertEquals(java.util.Set.of("cert"), cert.getData().keySet());
        assertArrayEquals(k.privateKeyPem(), Base64.getDecoder().decode(key.getData().get("key")));
        assertArrayEquals(k.certificateDer(), Base64.getDecoder().decode(cert.getData().get("cert")));
        assertFalse(s.toString().contains(key.getData().get("key").substring(0, 20)));
    }

    @Test
    void onlyKernelRsaSizes() {
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.KeyGenerator.rsa(1024));
        assertEquals(KmmException.Reason.INVALID, e.reason());
        assertEquals(1, e.problems().size());
    }
}
