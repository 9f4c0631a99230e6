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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.VerificationResult.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModuleSignerTest {
    static SigningKeys.GeneratedKeys rsa;
    static SigningKeys.GeneratedKeys ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = SigningKeys.KeyGenerator.rsa(2048).commonName("unit test key").generate();
        ec = SigningKeys.KeyGenerator.ecP384().commonName("unit test ec key").generate();
    }

    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return TestElf.stamp(b);
    }

    Path module(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void everyDigestSignsAndVerifiesWithRsaAndEc(HashAlgorithm hash) throws Exception {
        byte[] content = payload(100_000, 1);
        for (SigningKeys.GeneratedKeys k : new SigningKeys.GeneratedKeys[] {rsa, ec}) {
            for (SignerIdentifier id : SignerIdentifier.values()) {
                Path in = module("m.ko", content);
                Path out = dir.resolve("signed.ko");
                SignResult r = ModuleSigner.builder(k.signingKeys()).hash(hash).signerIdentifier(id).build().sign(in, out);
                assertEquals(content.length, r.payloadBytes());
                byte[] signed = Files.readAllBytes(out);
                assertArrayEquals(content, Arrays.copyOf(signed, content.length), "payload kept unchanged");
                assertEquals(content.length + r.signatureBytes() + 40, signed.length);
                VerificationResult v = ModuleSignatureVerifier.trusting(k.certificate()).verify(out);
                assertEquals(Status.VERIFIED, v.status(), v.message());
                ModuleSignature s = v.signature().orElseThrow();
                assertEquals(hash.kernelName(), s.hashAlgorithm());
                assertEquals(id, s.signerIdentifier());
                assertEquals(k == rsa ? "rsaEncryption" : io.ocatopic.kmm.internal.sign.ModuleCms.signatureAlgorithmName(io.ocatopic.kmm.internal.sign.ModuleCms.ecdsaOid(hash)),
                        s.signatureAlgorithm());
                if (id == SignerIdentifier.ISSUER_AND_SERIAL) {
                    assertEquals(k == rsa ? "unit test key" : "unit test ec key", s.signer().orElseThrow());
                } else {
                    assertTrue(s.signer().isEmpty());
                }
            }
        }
    }

    @Test
    void trailerIsTheKernelStructAndMagic() throws Exception {
        Path in = module("m.ko", payload(5000, 2));
        SignResult r = ModuleSigner.of(rsa.signingKeys()).signInPlace(in);
        byte[] b = Files.readAllBytes(in);
        int n = b.length;
        assertEquals("~Module signature appended~\n", new String(b, n - 28, 28, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] info = Arrays.copyOfRange(b, n - 40, n - 28);
        assertArrayEquals(new byte[] {0, 0, 2, 0, 0, 0, 0, 0}, Arrays.copyOf(info, 8));
        assertEquals(r.signatureBytes(), java.nio.ByteBuffer.wrap(info, 8, 4).getInt());
    }

    @Test
    void rsaSignaturesAreDeterministicAndStreamEqualsFile() throws Exception {
        byte[] content = payload(3_000_000, 3);
        Path a = module("a.ko", content);
        ModuleSigner signer = ModuleSigner.of(rsa.signingKeys());
        signer.signInPlace(a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = signer.sign(new ByteArrayInputStream(content), out);
        assertArrayEquals(Files.readAllBytes(a), out.toByteArray());
        assertEquals(n, out.size());
        byte[] p7s = signer.detachedSignature(new ByteArrayInputStream(content));
        assertArrayEquals(ModuleSignatureVerifier.inspect(a).signature().orElseThrow().cmsBytes(), p7s);
    }

    @Test
    void alreadySignedIsRefusedAndLeavesNothingBehind() throws Exception {
        byte[] content = payload(10_000, 4);
        Path in = module("m.ko", content);
        ModuleSigner signer = ModuleSigner.of(rsa.signingKeys());
        signer.signInPlace(in);
        byte[] once = Files.readAllBytes(in);
        KmmException e = assertThrows(KmmException.class, () -> signer.signInPlace(in));
        assertEquals(KmmException.Reason.ALREADY_SIGNED, e.reason());
        assertArrayEquals(once, Files.readAllBytes(in), "untouched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
        KmmException streamed = assertThrows(KmmException.class,
                () -> signer.sign(new ByteArrayInputStream(once), new ByteArrayOutputStream()));
        assertEquals(KmmException.Reason.ALREADY_SIGNED, streamed.reason());
    }

    @Test
    void resignStripsTheOldSignatureFirst() throws Exception {
        byte[] content = payload(10_000, 5);
        Path in = module("m.ko", content);
        ModuleSigner.builder(ec.signingKeys()).hash(HashAlgorithm.SHA512).build().signInPlace(in);
        SignResult r = ModuleSigner.builder(rsa.signingKeys()).resign(true).build().signInPlace(in);
        assertTrue(r.resigned());
        assertEquals(content.length, r.payloadBytes());
        Path fresh = module("fresh.ko", content);
        ModuleSigner.of(rsa.signingKeys()).signInPlace(fresh);
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(in));
    }

    @Test
    void largeModulesTakeTheParallelPathAndMatchTheStreamingPath() throws Exception {
        // above the 8 MiB threshold and not a multiple of the 1 MiB chunk or 64 MiB map window:
        // copy thread + mapped hash, replacing an existing large output, then re-signing in place
        byte[] content = payload((9 << 20) + 12_345, 8);
        ModuleSigner signer = ModuleSigner.of(rsa.signingKeys());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        signer.sign(new ByteArrayInputStream(content), streamed);
        Path in = module("big.ko", content);
        Path out = module("big.signed.ko", payload(10 << 20, 9));
        long[] lastProgress = new long[2];
        SignResult r = ModuleSigner.builder(rsa.signingKeys())
                .progress(e -> {
                    lastProgress[0] = e.done();
                    lastProgress[1] = e.total();
                }).build().sign(in, out);
        assertEquals(content.length, r.payloadBytes());
        assertArrayEquals(new long[] {content.length, content.length}, lastProgress);
        assertArrayEquals(streamed.toByteArray(), Files.readAllBytes(out));
        assertArrayEquals(content, Files.readAllBytes(in));

        ModuleSigner.builder(ec.signingKeys()).hash(HashAlgorithm.SHA384).resign(true).build().signInPlace(out);
        SignResult again = ModuleSigner.builder(rsa.signingKeys()).resign(true).build().signInPlace(out);
        assertTrue(again.resigned());
        assertArrayEquals(streamed.toByteArray(), Files.readAllBytes(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary files are left behind");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModuleCompression.class, names = {"XZ", "ZSTD", "GZIP"})
    void compressedModulesAreSignedUncompressedAndRecompressed(ModuleCompression c) throws Exception {
        byte[] content = payload(200_000, 6);
        Path in = dir.resolve("m.ko" + c.suffix());
        try (var out = c.compress(Files.newOutputStream(in))) {
            out.write(content);
        }
        SignResult r = ModuleSigner.of(rsa.signingKeys()).signInPlace(in);
        assertEquals(c.api(), r.compression());
        assertEquals(content.length, r.payloadBytes());
        byte[] plain;
        try (InputStream is = c.decompress(Files.newInputStream(in))) {
            plain = is.readAllBytes();
        }
        assertArrayEquals(content, Arrays.copyOf(plain, content.length));
        Path uncompressed = module("plain.ko", content);
        ModuleSigner.of(rsa.signingKeys()).signInPlace(uncompressed);
        assertArrayEquals(Files.readAllBytes(uncompressed), plain, "same signed bytes inside the compression");
        assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(rsa.certificate()).verify(in).status());
        KmmException again = assertThrows(KmmException.class, () -> ModuleSigner.of(rsa.signingKeys()).signInPlace(in));
        assertEquals(KmmException.Reason.ALREADY_SIGNED, again.reason());
    }

    @Test
    void corruptCompressedInputIsABadModule() throws Exception {
        Path in = module("m.ko.xz", payload(1000, 7));
        KmmException e = assertThrows(KmmException.class, () -> ModuleSigner.of(rsa.signingKeys()).signInPlace(in));
        assertEquals(KmmException.Reason.BAD_MODULE, e.reason());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void interruptLeavesNoHalfSignedModule() throws Exception {
        byte[] content = payload(4_000_000, 8);
        Path in = module("m.ko", content);
        Thread.currentThread().interrupt();
        try {
            KmmException e = assertThrows(KmmException.class, () -> ModuleSigner.of(rsa.signingKeys()).signInPlace(in));
            assertEquals(KmmException.Reason.INTERRUPTED, e.reason());
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(content, Files.readAllBytes(in));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void progressIsReportedUpToThePayloadSize() throws Exception {
        byte[] content = payload(3_500_000, 9);
        Path in = module("m.ko", content);
        long[] last = {0, 0};
        ModuleSigner.builder(rsa.signingKeys()).progress(e -> {
            last[0] = e.done();
            last[1] = e.total();
        }).build().signInPlace(in);
        assertEquals(content.length, last[0]);
        assertEquals(content.length, last[1]);
    }

    @Test
    void subjectKeyIdNeedsTheExtension() throws Exception {
        assertFalse(rsa.certificate().getExtensionValue("2.5.29.14") == null);
        SignResult r = ModuleSigner.builder(rsa.signingKeys()).signerIdentifier(SignerIdentifier.SUBJECT_KEY_ID).build()
                .sign(module("m.ko", payload(100, 10)), dir.resolve("o.ko"));
        assertEquals(SignerIdentifier.SUBJECT_KEY_ID, r.signerIdentifier());
    }

    @Test
    void toStringsNeverShowSecrets() {
        assertFalse(rsa.signingKeys().toString().contains("PRIVATE"));
        assertFalse(rsa.toString().contains(new String(rsa.privateKeyPem(), java.nio.charset.StandardCharsets.US_ASCII).substring(40, 80)));
        assertEquals("Secret[value=***]", Secret.of("hunter2").toString());
        assertFalse(Pkcs11Token.of(Path.of("/x.so"), Secret.of("1234")).toString().contains("1234"));
    }
}
