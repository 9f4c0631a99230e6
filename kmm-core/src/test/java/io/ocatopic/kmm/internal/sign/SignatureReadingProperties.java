package io.ocatopic.kmm.internal.sign;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kmm.sign.VerificationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 16: the module signature trailer reader and the CMS/PKCS#7 reader ({@link SignatureReader} behind
 * {@link ModuleSignatureVerifier}, and the trailer stripping of {@link ModuleFileWriter} when re-signing) fed
 * arbitrary bytes and validly signed modules with random mutations: bits flipped, bytes set, truncation, junk
 * appended or inserted, and {@code sig_len} or a DER length set to huge, negative (as a signed int) or
 * off-by-one values. Each try ends in a {@link VerificationResult} (any status) or a {@link KmmException} with
 * a reason, never another exception, never an out-of-memory on a huge length, and within a few seconds.
 * Fixed seeds: CI runs the same tries every time.
 */
class SignatureReadingProperties {
    private static final long BUDGET_S = 10;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "signature-properties");
        t.setDaemon(true);
        return t;
    });
    static Path dir;
    static SigningKeys.GeneratedKeys rsa;
    static SigningKeys.GeneratedKeys ec;
    static List<byte[]> signed;
    static ModuleSignatureVerifier verifier;

    @BeforeContainer
    static void signSomeModules() throws IOException {
        dir = Files.createTempDirectory("ocatopic-signature-properties-");
        rsa = SigningKeys.KeyGenerator.rsa(2048).commonName("property rsa").generate();
        ec = SigningKeys.KeyGenerator.ecP384().commonName("property ec").generate();
        verifier = ModuleSignatureVerifier.trusting(rsa.certificate(), ec.certificate());
        signed = new ArrayList<>();
        int i = 0;
        for (ModuleSigner s : List.of(ModuleSigner.of(rsa.signingKeys()),
                ModuleSigner.builder(ec.signingKeys()).hash(ModuleSigner.HashAlgorithm.SHA384)
                        .signerIdentifier(ModuleSigner.SignerIdentifier.SUBJECT_KEY_ID).build())) {
            byte[] content = new byte[700 + 300 * i];
            new Random(16 + i).nextBytes(content);
            elf(content);
            Path p = dir.resolve("base" + i++ + ".ko");
            Files.write(p, content);
            s.signInPlace(p);
            signed.add(Files.readAllBytes(p));
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        WORKER.shutdownNow();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 500, seed = "16201", shrinking = ShrinkingMode.BOUNDED)
    void arbitraryBytesGiveAStatusOrAKmmException(@ForAll("junk") byte[] bytes, @ForAll("suffixes") String suffix) {
        bounded(() -> readBothWays(bytes, suffix));
    }

    @Property(tries = 800, seed = "16202", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void mutatedSignedModulesGiveAStatusOrAKmmException(@ForAll("mutatedSigned") byte[] bytes) {
        bounded(() -> readBothWays(bytes, ".ko"));
    }

    @Property(tries = 150, seed = "16203", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void compressedMutatedModulesGiveAStatusOrAKmmException(@ForAll("mutatedSigned") byte[] bytes,
                                                           @ForAll("compressions") ModuleCompression c) {
        bounded(() -> {
            byte[] packed = compress(c, bytes);
            return readBothWays(packed, c.suffix());
        });
    }

    @Property(tries = 200, seed = "16204", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void resigningAMutatedModuleStripsItsTrailerOrSaysKmmException(@ForAll("mutatedSigned") byte[] bytes) {
        bounded(() -> {
            Path in = write(bytes, ".ko");
            Path out = dir.resolve("resigned-" + in.getFileName());
            try {
                ModuleSigner.builder(ec.signingKeys()).resign(true).build().sign(in, out);
                VerificationResult r = verifier.verify(out);
                assertNotNull(r.status());
            } catch (KmmException e) {
                assertNotNull(e.reason(), e.toString());
                assertFalse(String.valueOf(e.getMessage()).isBlank(), e.toString());
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
            return null;
        });
    }

    static Void readBothWays(byte[] bytes, String suffix) throws IOException {
        Path p = write(bytes, suffix);
        try {
            for (int way = 0; way < 2; way++) {
                try {
                    VerificationResult r = way == 0 ? ModuleSignatureVerifier.inspect(p) : verifier.verify(p);
                    assertNotNull(r.status());
                    assertFalse(r.message().isBlank(), r.toString());
                } catch (KmmException e) {
                    assertNotNull(e.reason(), e.toString());
                    assertFalse(String.valueOf(e.getMessage()).isBlank(), e.toString());
                }
            }
        } finally {
            Files.deleteIfExists(p);
        }
        return null;
    }

    private static int files;

    static Path write(byte[] bytes, String suffix) throws IOException {
        Path p = dir.resolve("try" + files++ + suffix);
        Files.write(p, bytes);
        return p;
    }

    static byte[] compress(ModuleCompression c, byte[] bytes) {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (OutputStream o = c.compress(bo)) {
            o.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    static void bounded(Callable<Void> body) {
        Future<Void> f = WORKER.submit(body);
        try {
            f.get(BUDGET_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the reader did not finish within " + BUDGET_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            fail(e.getCause());
        }
    }

    static byte[] elf(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        h.put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        h.putShort(16, (short) 1);
        h.putLong(0x28, 64);
        h.putShort(0x3A, (short) Math.min(64, b.length - 64));
        h.putShort(0x3C, (short) 1);
        return b;
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of(".ko", ".ko", ".ko", ".ko.xz", ".ko.gz", ".ko.zst");
    }

    @Provide
    Arbitrary<ModuleCompression> compressions() {
        return Arbitraries.of(Arrays.stream(ModuleCompression.values()).filter(c -> c != ModuleCompression.NONE).toList());
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        // random bytes that end in the magic, so that the trailer and CMS readers run
        Arbitrary<byte[]> withMagic = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers()).as((b, sigLen) -> {
                    byte[] t = SignatureTrailer.encode(sigLen);
                    byte[] out = Arrays.copyOf(b, b.length + t.length);
                    System.arraycopy(t, 0, out, b.length, t.length);
                    return out;
                });
        return Arbitraries.oneOf(random, withMagic);
    }

    /** A valid signed module with one to four mutations, weighted to the trailer and the CMS blob. */
    @Provide
    Arbitrary<byte[]> mutatedSigned() {
        Arbitrary<Mutation> m = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 1 << 12), Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48)).as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, signed.size() - 1), m.list().ofMinSize(1).ofMaxSize(4))
                .as((i, ms) -> {
                    byte[] b = signed.get(i).clone();
                    for (Mutation x : ms) {
                        b = x.apply(b);
                    }
                    return b;
                });
    }

    private static final int[] U32 = {0, 1, 2, 39, 40, 41, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 1 << 20, (1 << 20) + 1,
        0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff};

    /** {@code pos} counts from the end of the file: the trailer is the last 40 bytes, the CMS blob before it. */
    record Mutation(int kind, int pos, int value, byte[] junk) {
        byte[] apply(byte[] b) {
            int len = b.length;
            if (len == 0) {
                return junk.clone();
            }
            // three of four positions land in the last 2 KiB (trailer and CMS), the others anywhere
            int back = (pos & 3) != 0 ? Math.floorMod(pos >> 2, Math.min(len, 2048)) : Math.floorMod(pos * 7919, len);
            int at = len - 1 - back;
            switch (kind) {
                case 0:
                    b[at] ^= (byte) (1 << (value & 7));
                    return b;
                case 1: {
                    int[] edge = {0, 0x30, 0x80, 0x81, 0x82, 0x84, 0xff, value};
                    b[at] = (byte) edge[Math.floorMod(value, edge.length)];
                    return b;
                }
                case 2: // truncate
                    return Arrays.copyOf(b, at);
                case 3: // append junk
                    return concat(b, junk, len);
                case 4: // sig_len (big-endian, 12 bytes before the magic's end-28) set to an edge value
                    if (len >= SignatureTrailer.SIZE) {
                        ByteBuffer.wrap(b).putInt(len - SignatureTrailer.SIZE + 8, U32[Math.floorMod(value, U32.length)]);
                    }
                    return b;
                case 5: { // a big-endian 16- or 32-bit field anywhere in the blob (a DER long-form length)
                    int p = Math.min(at, len - 4);
                    if (p >= 0) {
                        int v = U32[Math.floorMod(value, U32.length)];
                        if ((value & 1) == 0) {
                            ByteBuffer.wrap(b).putShort(p, (short) v);
                        } else {
                            ByteBuffer.wrap(b).putInt(p, v);
                        }
                    }
                    return b;
                }
                case 6: { // delete a range
                    int n = Math.min(len - at, 1 + Math.floorMod(value, 16));
                    byte[] out = new byte[len - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, len - at - n);
                    return out;
                }
                case 7: // insert junk
                    return concat(Arrays.copyOf(b, at), junk, 0, Arrays.copyOfRange(b, at, len));
                default: // the magic damaged by one byte
                    b[len - 1 - Math.floorMod(value, SignatureTrailer.MAGIC.length)] ^= 0x20;
                    return b;
            }
        }

        static byte[] concat(byte[] a, byte[] j, int ignored) {
            byte[] out = Arrays.copyOf(a, a.length + j.length);
            System.arraycopy(j, 0, out, a.length, j.length);
            return out;
        }

        static byte[] concat(byte[] a, byte[] j, int ignored, byte[] c) {
            return concat(concat(a, j, 0), c, 0);
        }
    }
}
