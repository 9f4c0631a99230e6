package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.sign.VerificationResult.Status;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input of issue 3 point 5 has its own expected result. */
class ModuleSignatureVerifierTest {
    static SigningKeys.GeneratedKeys key;
    static SigningKeys.GeneratedKeys other;
    static final int PAYLOAD = 50_000;

    @TempDir
    Path dir;
    byte[] signed;
    ModuleSignatureVerifier verifier;

    @BeforeAll
    static void keys() {
        key = SigningKeys.KeyGenerator.rsa(2048).commonName("trusted").generate();
        other = SigningKeys.KeyGenerator.rsa(2048).commonName("someone else").generate();
    }

    @BeforeEach
    void sign() throws Exception {
        byte[] content = new byte[PAYLOAD];
        new Random(42).nextBytes(content);
        TestElf.stamp(content);
        Path p = dir.resolve("good.ko");
        Files.write(p, content);
        ModuleSigner.of(key.signingKeys()).signInPlace(p);
        signed = Files.readAllBytes(p);
        verifier = ModuleSignatureVerifier.trusting(key.certificate());
    }

    VerificationResult verify(byte[] bytes) throws Exception {
        Path p = dir.resolve("case.ko");
        Files.write(p, bytes);
        VerificationResult r = verifier.verify(p);
        assertFalse(r.message().isBlank());
        return r;
    }

    int sigLen() {
        return ByteBuffer.wrap(signed, signed.length - 40 + 8, 4).getInt();
    }

    @Test
    void goodModuleVerifiesAndInspects() throws Exception {
        assertEquals(Status.VERIFIED, verify(signed).status());
        Path p = dir.resolve("good.ko");
        VerificationResult r = ModuleSignatureVerifier.inspect(p);
        assertEquals(Status.SIGNED, r.status());
        assertEquals("trusted", r.signature().orElseThrow().signer().orElseThrow());
        assertEquals(PAYLOAD, r.signature().orElseThrow().payloadLength());
    }

    @Test
    void unsigned() throws Exception {
        assertEquals(Status.UNSIGNED, verify(Arrays.copyOf(signed, PAYLOAD)).status());
        assertEquals(Status.UNSIGNED, verify(new byte[0]).status());
        assertEquals(Status.UNSIGNED, verify(new byte[] {1, 2, 3}).status());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 20})
    void truncatedInsideTheMagic(int cut) throws Exception {
        assertEquals(Status.TRUNCATED, verify(Arrays.copyOf(signed, signed.length - cut)).status());
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 100, 300})
    void truncatedInsideTheSignature(int cut) throws Exception {
        VerificationResult r = verify(Arrays.copyOf(signed, signed.length - cut));
        assertEquals(Status.TRUNCATED, r.status(), r.message());
    }

    @Test
    void truncatedToOnlyTheMagic() throws Exception {
        assertEquals(Status.TRUNCATED, verify(Arrays.copyOfRange(signed, signed.length - 30, signed.length)).status());
    }

    @Test
    void badMagic() throws Exception {
        byte[] b = signed.clone();
        b[b.length - 10] ^= 0x20;
        assertEquals(Status.BAD_MAGIC, verify(b).status());
    }

    @Test
    void sigLenBeyondTheFile() throws Exception {
        byte[] b = signed.clone();
        ByteBuffer.wrap(b).putInt(b.length - 40 + 8, b.length);
        assertEquals(Status.BAD_LENGTH, verify(b).status());
        ByteBuffer.wrap(b).putInt(b.length - 40 + 8, 0);
        assertEquals(Status.BAD_LENGTH, verify(b).status());
    }

    @Test
    void badHeader() throws Exception {
        byte[] b = signed.clone();
        b[b.length - 40 + 2] = 1; // id_type PKEY_ID_PGP
        assertEquals(Status.BAD_HEADER, verify(b).status());
        b = signed.clone();
        b[b.length - 40] = 1; // algo must be 0
        assertEquals(Status.BAD_HEADER, verify(b).status());
    }

    @Test
    void malformedCms() throws Exception {
        byte[] b = signed.clone();
        int start = b.length - 40 - sigLen();
        Arrays.fill(b, start, start + 20, (byte) 0x5a);
        assertEquals(Status.MALFORMED_CMS, verify(b).status());
        b = signed.clone();
        b[start + 16] = 0x05; // the signedData OID changed: not a SignedData any more
        assertEquals(Status.MALFORMED_CMS, verify(b).status());
    }

    @Test
    void sigLenOneTooShortMakesTheCmsMalformed() throws Exception {
        byte[] b = signed.clone();
        ByteBuffer.wrap(b).putInt(b.length - 40 + 8, sigLen() - 1);
        assertEquals(Status.MALFORMED_CMS, verify(b).status());
    }

    @Test
    void sha256WithRsaEncryptionIsWhatTheKernelRejects() throws Exception {
        byte[] b = signed.clone();
        byte[] rsaOid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
        int at = indexOf(b, rsaOid, b.length - 40 - sigLen());
        assertTrue(at > 0);
        b[at + 10] = 0x0b;
        VerificationResult r = verify(b);
        assertEquals(Status.UNSUPPORTED, r.status(), r.message());
    }

    @Test
    void wrongKey() throws Exception {
        VerificationResult r = ModuleSignatureVerifier.trusting(other.certificate()).verify(dir.resolve("good.ko"));
        assertEquals(Status.UNTRUSTED_SIGNER, r.status());
        assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(other.certificate(), key.certificate())
                .verify(dir.resolve("good.ko")).status());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4096, PAYLOAD / 2, PAYLOAD - 1})
    void oneFlippedPayloadByte(int at) throws Exception {
        byte[] b = signed.clone();
        b[at] ^= 0x01;
        assertEquals(Status.BAD_SIGNATURE, verify(b).status());
    }

    @Test
    void oneFlippedSignatureByte() throws Exception {
        byte[] b = signed.clone();
        b[b.length - 41] ^= 0x01; // last byte of the RSA signature value
        assertEquals(Status.BAD_SIGNATURE, verify(b).status());
    }

    @Test
    void everySingleByteFlipInAnyPartIsDetected() throws Exception {
        // one flipped byte anywhere in the file never verifies and never throws
        int sigStart = signed.length - 40 - sigLen();
        for (int at = sigStart - 3; at < signed.length; at++) {
            byte[] b = signed.clone();
            b[at] ^= 0x04;
            VerificationResult r = verify(b);
            assertFalse(r.status() == Status.VERIFIED, "flip at " + at + " verified");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        for (int i = from; i <= hay.length - needle.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
