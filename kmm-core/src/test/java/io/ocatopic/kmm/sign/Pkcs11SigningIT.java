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
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.VerificationResult.Status;
import io.ocatopic.kube.testing.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys that never leave a token: SoftHSM through the JDK's SunPKCS11. The RSA result is
 * compared with the raw signature OpenSSL's pkcs11 engine makes with the same token key; the ECDSA
 * P-384 result is checked with our verifier, openssl cms and modinfo.
 *
 * <p>SoftHSM reads its configuration from {@code SOFTHSM2_CONF}, which the failsafe configuration
 * sets for the test JVM (the library is loaded into it) to a file this test writes under target/.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class Pkcs11SigningIT {
    static final Path LIB = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "246810";
    static final String LABEL = "ocatopic-it";

    @TempDir
    static Path dir;
    static long slot;
    static Path hello;
    static Path rsaCert;
    static Path ecCert;

    @BeforeAll
    static void token() throws Exception {
        RealEnvironment.requireExecutable(Path.of("/usr/bin/softhsm2-util"));
        RealEnvironment.requireExecutable(Path.of("/usr/bin/pkcs11-tool"));
        RealEnvironment.requireExecutable(Tools.SIGN_FILE);
        RealEnvironment.requireExecutable(Tools.OPENSSL);
        if (!Files.exists(LIB)) {
            RealEnvironment.missing(LIB + " is not installed (package softhsm2)");
        }
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so"))) {
            RealEnvironment.missing("the OpenSSL pkcs11 engine is not installed (package libengine-pkcs11-openssl)");
        }
        String conf = RealEnvironment.require("SOFTHSM2_CONF");
        Path tokens = Files.createDirectories(Path.of(conf).getParent().resolve("tokens-" + ProcessHandle.current().pid()));
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        String init = Tools.run(dir, "softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", "13579");
        Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
        slot = m.find() ? Long.parseLong(m.group(1)) : -1;
        hello = Tools.buildHelloModule(dir, "ocahsm");
        rsaCert = tokenKey("rsa:2048", "modsign", "01");
        ecCert = tokenKey("EC:secp384r1", "modsign-ec", "02");
    }

    static Path tokenKey(String type, String label, String id) throws Exception {
        Tools.run(dir, "pkcs11-tool", "--module", LIB.toString(), "--login", "--pin", PIN, "--token-label", LABEL,
                "--keypairgen", "--key-type", type, "--label", label, "--id", id);
        Path pem = dir.resolve(label + ".pem");
        Path der = dir.resolve(label + ".der");
        Tools.run(dir, Tools.OPENSSL.toString(), "req", "-new", "-x509", "-engine", "pkcs11", "-keyform", "engine",
                "-key", "pkcs11:token=" + LABEL + ";object=" + label + ";type=private;pin-value=" + PIN,
                "-subj", "/O=ocatopic/CN=HSM " + label, "-days", "3650", "-sha256",
                "-addext", "subjectKeyIdentifier=hash", "-out", pem.toString());
        Tools.run(dir, Tools.OPENSSL.toString(), "x509", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        Tools.run(dir, "pkcs11-tool", "--module", LIB.toString(), "--login", "--pin", PIN, "--token-label", LABEL,
                "--write-object", der.toString(), "--type", "cert", "--id", id, "--label", label);
        return pem;
    }

    static Pkcs11Token token(String label) {
        Pkcs11Token t = Pkcs11Token.of(LIB, Secret.of(PIN)).withKeyLabel(label);
        return slot >= 0 ? t.withSlot(slot) : t;
    }

    /**
     * Debian 12's sign-file loads {@code pkcs11:} keys through the OpenSSL 3 "pkcs11" provider
     * ({@code OSSL_PROVIDER_try_load}), which bookworm does not package; so the token's raw RSA
     * signature is taken from OpenSSL through the pkcs11 engine instead and must equal the
     * signature value in our CMS, whose other bytes equal what sign-file writes for the same
     * certificate (shown in SignFileCompatIT).
     */
    @Test
    void rsaTokenKeySignatureEqualsOpensslsAndVerifies() throws Exception {
        SigningKeys keys = SigningKeys.fromPkcs11(token("modsign"));
        assertEquals(SigningKeys.KeyType.RSA, keys.keyType());
        Path ours = dir.resolve("hsm-ours.ko");
        ModuleSigner.of(keys).sign(hello, ours);
        VerificationResult r = ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(rsaCert)).verify(ours);
        assertEquals(Status.VERIFIED, r.status(), r.message());
        Path digest = dir.resolve("hsm.digest");
        Path raw = dir.resolve("hsm.sig");
        Tools.run(dir, Tools.OPENSSL.toString(), "dgst", "-sha256", "-binary", "-out", digest.toString(), hello.toString());
        Tools.run(dir, Tools.OPENSSL.toString(), "pkeyutl", "-sign", "-engine", "pkcs11", "-keyform", "engine",
                "-inkey", "pkcs11:token=" + LABEL + ";object=modsign;type=private;pin-value=" + PIN,
                "-pkeyopt", "digest:sha256", "-in", digest.toString(), "-out", raw.toString());
        org.bouncycastle.asn1.cms.SignedData sd = org.bouncycastle.asn1.cms.SignedData.getInstance(
                org.bouncycastle.asn1.cms.ContentInfo.getInstance(r.signature().orElseThrow().cmsBytes()).getContent());
        byte[] value = org.bouncycastle.asn1.cms.SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0))
                .getEncryptedDigest().getOctets();
        assertArrayEquals(Files.readAllBytes(raw), value, "the token's PKCS#1 v1.5 signature");
        SignFileCompatIT.opensslCmsVerify(dir, ours, r.signature().orElseThrow(), rsaCert);
        SignFileCompatIT.assertModinfo(dir, ours, SigningKeys.readCertificate(rsaCert), "sha256");
        ModuleSigner.builder(keys).signerIdentifier(SignerIdentifier.SUBJECT_KEY_ID).build().sign(hello, dir.resolve("hsm-k.ko"));
        assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(rsaCert))
                .verify(dir.resolve("hsm-k.ko")).status());
    }

    @Test
    void ecP384TokenKeyVerifiesWithOursOpensslAndModinfo() throws Exception {
        SigningKeys keys = SigningKeys.fromPkcs11(token("modsign-ec"));
        assertEquals(SigningKeys.KeyType.EC, keys.keyType());
        Path ours = dir.resolve("hsm-ec.ko");
        ModuleSigner.builder(keys).hash(HashAlgorithm.SHA384).build().sign(hello, ours);
        VerificationResult r = ModuleSignatureVerifier.trusting(SigningKeys.readCertificate(ecCert)).verify(ours);
        assertEquals(Status.VERIFIED, r.status(), r.message());
        SignFileCompatIT.opensslCmsVerify(dir, ours, r.signature().orElseThrow(), ecCert);
        SignFileCompatIT.assertModinfo(dir, ours, SigningKeys.readCertificate(ecCert), "sha384");
    }

    /** Runs first: once the token is logged in, PKCS#11 keeps the login for the whole JVM. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void wrongPinIsABadPassphrase() {
        Pkcs11Token t = new Pkcs11Token(LIB, java.util.OptionalLong.of(slot), java.util.OptionalInt.empty(),
                java.util.Optional.of("modsign"), Secret.of("000000"));
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.fromPkcs11(t));
        assertEquals(KmmException.Reason.BAD_PASSPHRASE, e.reason());
    }

    @Test
    void missingKeyLabelIsAnHsmError() {
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.fromPkcs11(token("no-such-key")));
        assertEquals(KmmException.Reason.HSM, e.reason());
    }
}
