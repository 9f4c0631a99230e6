package io.ocatopic.kmm.sign;

import io.ocatopic.kube.Secret;
import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.sign.VerificationResult.Status;
import io.ocatopic.kube.testing.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ours against the kernel's sign-file (linux-kbuild-6.1), modinfo (kmod) and openssl cms, on modules
 * built here with kbuild and on a 64 MiB module.
 */
class SignFileCompatIT {
    @TempDir
    static Path dir;
    static Path hello;
    static Path big;

    @BeforeAll
    static void modules() throws Exception {
        RealEnvironment.requireExecutable(Tools.SIGN_FILE);
        RealEnvironment.requireExecutable(Tools.MODINFO);
        RealEnvironment.requireExecutable(Tools.OPENSSL);
        hello = Tools.buildHelloModule(dir, "ocahello");
        big = Tools.bigModule(dir, hello, 64);
    }

    static void assertSameAsSignFile(Path module, Path key, Path cert, HashAlgorithm hash, boolean keyId,
                                     Optional<Secret> pass) throws Exception {
        String tag = module.getFileName() + "-" + hash.kernelName() + (keyId ? "-k" : "");
        Path theirs = dir.resolve(tag + ".theirs.ko");
        Path ours = dir.resolve(tag + ".ours.ko");
        Map<String, String> env = new LinkedHashMap<>();
        pass.ifPresent(p -> env.put("KBUILD_SIGN_PIN", new String(p.chars())));
        if (keyId) {
            Tools.run(dir, env, Tools.SIGN_FILE.toString(), "-k", hash.kernelName(), key.toString(), cert.toString(),
                    module.toString(), theirs.toString());
        } else {
            Tools.run(dir, env, Tools.SIGN_FILE.toString(), hash.kernelName(), key.toString(), cert.toString(),
                    module.toString(), theirs.toString());
        }
        ModuleSigner.builder(SigningKeys.fromFiles(key, cert, pass)).hash(hash)
                .signerIdentifier(keyId ? SignerIdentifier.SUBJECT_KEY_ID : SignerIdentifier.ISSUER_AND_SERIAL)
                .build().sign(module, ours);
        byte[] a = Files.readAllBytes(theirs);
        byte[] b = Files.readAllBytes(ours);
        assertEquals(a.length, b.length, tag + ": length");
        assertTrue(Arrays.equals(a, b), tag + ": ours and sign-file differ");
        Files.delete(theirs);
        Files.delete(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa:2048", "rsa:3072", "rsa:4096"})
    void byteIdenticalToSignFileOnRealAndBigModules(String keySpec) throws Exception {
        Path key = dir.resolve(keySpec.replace(':', '-') + ".pem");
        Path cert = dir.resolve(keySpec.replace(':', '-') + ".x509");
        Tools.opensslKey(dir, keySpec, key, cert);
        for (HashAlgorithm h : new HashAlgorithm[] {HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512}) {
            for (boolean k : new boolean[] {false, true}) {
                assertSameAsSignFile(hello, key, cert, h, k, Optional.empty());
                assertSameAsSignFile(big, key, cert, h, k, Optional.empty());
            }
        }
        // SHA-3 as well (sign-file passes the name to EVP_get_digestbyname)
        assertSameAsSignFile(hello, key, cert, HashAlgorithm.SHA3_256, false, Optional.empty());
    }

    @Test
    void keyFormatsPkcs1EncryptedPkcs8AndDerCertificate() throws Exception {
        Path key = dir.resolve("fmt.pem");
        Path cert = dir.resolve("fmt.x509");
        Tools.opensslKey(dir, "rsa:2048", key, cert);
        Path der = dir.resolve("fmt.der");
        Tools.run(dir, Tools.OPENSSL.toString(), "x509", "-in", cert.toString(), "-outform", "DER", "-out", der.toString());
        Path pkcs1 = dir.resolve("fmt-pkcs1.pem");
        Tools.run(dir, Tools.OPENSSL.toString(), "rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        Path enc = dir.resolve("fmt-enc.pem");
        Tools.run(dir, Tools.OPENSSL.toString(), "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(),
                "-passout", "pass:s3cret phrase", "-out", enc.toString());
        assertTrue(Files.readString(enc).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        assertSameAsSignFile(hello, pkcs1, der, HashAlgorithm.SHA256, false, Optional.empty());
        assertSameAsSignFile(hello, enc, cert, HashAlgorithm.SHA256, false, Optional.of(Secret.of("s3cret phrase")));
        io.ocatopic.kmm.KmmException wrong = org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.kmm.KmmException.class,
                () -> SigningKeys.fromFiles(enc, cert, Optional.of(Secret.of("wrong"))));
        assertEquals(io.ocatopic.kmm.KmmException.Reason.BAD_PASSPHRASE, wrong.reason());
        io.ocatopic.kmm.KmmException none = org.junit.jupiter.api.Assertions.assertThrows(io.ocatopic.kmm.KmmException.class,
                () -> SigningKeys.fromFiles(enc, cert));
        assertEquals(io.ocatopic.kmm.KmmException.Reason.BAD_PASSPHRASE, none.reason());
    }

    @Test
    void modinfoShowsSignerKeyAndHashOfOurSignature() throws Exception {
        Path key = dir.resolve("mi.pem");
        Path cert = dir.resolve("mi.x509");
        Tools.opensslKey(dir, "rsa:2048", key, cert);
        Path ours = dir.resolve("mi.ko");
        ModuleSigner.builder(SigningKeys.fromFiles(key, cert)).hash(HashAlgorithm.SHA512).build().sign(hello, ours);
        assertModinfo(dir, ours, SigningKeys.readCertificate(cert), "sha512");
    }

    @Test
    void ecdsaP384VerifiesWithOursOpensslCmsAndModinfo() throws Exception {
        Path key = dir.resolve("ec.pem");
        Path cert = dir.resolve("ec.x509");
        Tools.opensslKey(dir, "ec:" + writeCurve(), key, cert);
        for (HashAlgorithm h : new HashAlgorithm[] {HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512}) {
            Path ours = dir.resolve("ec-" + h.kernelName() + ".ko");
            ModuleSigner.builder(SigningKeys.fromFiles(key, cert)).hash(h).build().sign(hello, ours);
            VerificationResult r = ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(cert)).verify(ours);
            assertEquals(Status.VERIFIED, r.status(), r.message());
            assertEquals(io.ocatopic.kmm.internal.sign.ModuleCms.signatureAlgorithmName(io.ocatopic.kmm.internal.sign.ModuleCms.ecdsaOid(h)), r.signature().orElseThrow().signatureAlgorithm());
            opensslCmsVerify(dir, ours, r.signature().orElseThrow(), cert);
            assertModinfo(dir, ours, SigningKeys.readCertificate(cert), h.kernelName());
        }
        // and sign-file's ECDSA output verifies with our verifier
        Path theirs = dir.resolve("ec-theirs.ko");
        Tools.run(dir, Tools.SIGN_FILE.toString(), "sha384", key.toString(), cert.toString(), hello.toString(), theirs.toString());
        assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(cert)).verify(theirs).status());
    }

    @Test
    void ourVerifierReadsSignFileOutputLikeModinfo() throws Exception {
        Path key = dir.resolve("rv.pem");
        Path cert = dir.resolve("rv.x509");
        Tools.opensslKey(dir, "rsa:2048", key, cert);
        Path theirs = dir.resolve("rv.ko");
        Tools.run(dir, Tools.SIGN_FILE.toString(), "sha384", key.toString(), cert.toString(), hello.toString(), theirs.toString());
        VerificationResult r = ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(cert)).verify(theirs);
        assertEquals(Status.VERIFIED, r.status());
        String modinfo = Tools.run(dir, Tools.MODINFO.toString(), theirs.toString());
        assertTrue(modinfo.contains(r.signature().orElseThrow().keyId()), modinfo);
    }

    @Test
    void compressedModulesLoadInModinfoAfterSigning() throws Exception {
        Path key = dir.resolve("cz.pem");
        Path cert = dir.resolve("cz.x509");
        Tools.opensslKey(dir, "rsa:2048", key, cert);
        for (ModuleCompression c : new ModuleCompression[] {ModuleCompression.XZ, ModuleCompression.ZSTD, ModuleCompression.GZIP}) {
            Path in = dir.resolve("cz.ko" + c.suffix());
            try (var out = c.compress(Files.newOutputStream(in))) {
                Files.copy(hello, out);
            }
            ModuleSigner.of(SigningKeys.fromFiles(key, cert)).signInPlace(in);
            if (c == ModuleCompression.GZIP) {
                // Debian's kmod 30 is built without zlib (-ZLIB): decompress with gzip(1), then ask modinfo
                Path plain = dir.resolve("cz-gunzipped.ko");
                Files.writeString(plain, "");
                Tools.run(dir, "/bin/sh", "-c", "gzip -dc " + in + " > " + plain);
                assertModinfo(dir, plain, SigningKeys.readCertificate(cert), "sha256");
            } else {
                assertModinfo(dir, in, SigningKeys.readCertificate(cert), "sha256");
            }
            assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(cert)).verify(in).status());
        }
    }

    static String writeCurve() throws Exception {
        Path params = dir.resolve("p384.param");
        if (!Files.exists(params)) {
            Tools.run(dir, Tools.OPENSSL.toString(), "ecparam", "-name", "secp384r1", "-out", params.toString());
        }
        return params.toString();
    }

    static void opensslCmsVerify(Path dir, Path module, ModuleSignature sig, Path cert) throws Exception {
        Path payload = dir.resolve("payload.bin");
        Path p7s = dir.resolve("payload.p7s");
        byte[] all = Files.readAllBytes(module);
        Files.write(payload, Arrays.copyOf(all, (int) sig.payloadLength()));
        Files.write(p7s, sig.cmsBytes());
        assertArrayEquals(sig.cmsBytes(), Arrays.copyOfRange(all, (int) sig.payloadLength(), (int) sig.payloadLength() + sig.signatureLength()));
        String out = Tools.run(dir, Tools.OPENSSL.toString(), "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(),
                "-content", payload.toString(), "-certfile", cert.toString(), "-noverify", "-out", "/dev/null");
        assertTrue(out.contains("Verification successful"), out);
    }

    static void assertModinfo(Path dir, Path module, java.security.cert.X509Certificate cert, String hash) throws Exception {
        String out = Tools.run(dir, Tools.MODINFO.toString(), module.toString());
        String cn = cert.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]*).*", "$1");
        assertTrue(out.matches("(?s).*\\nsigner:\\s+" + java.util.regex.Pattern.quote(cn) + "\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nsig_hashalgo:\\s+" + hash + "\\n.*"), out);
        byte[] serial = cert.getSerialNumber().toByteArray();
        if (serial[0] == 0) {
            serial = Arrays.copyOfRange(serial, 1, serial.length);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : serial) {
            hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
        }
        assertTrue(out.contains("sig_key:        " + hex), "sig_key " + hex + " in\n" + out);
    }
}
