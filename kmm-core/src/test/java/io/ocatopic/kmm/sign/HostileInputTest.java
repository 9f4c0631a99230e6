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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.core.OcatopicException.Outcome;
import io.ocatopic.kmm.sign.VerificationResult.Status;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, points 7 (signing) and 8 (keys lost): each case of the hostile-input report, named after
 * it, against the real kernel interfaces (FIFOs, device nodes, {@code /dev/full}, a full tmpfs, signals
 * to a child JVM).
 */
class HostileInputTest {
    static SigningKeys.GeneratedKeys rsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = SigningKeys.KeyGenerator.rsa(2048).commonName("hostile input test").generate();
    }

    ModuleSigner signer() {
        return ModuleSigner.of(rsa.signingKeys());
    }

    static byte[] module(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return TestElf.stamp(b);
    }

    static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + new String(p.getInputStream().readAllBytes()));
    }

    List<String> hidden() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    // ---- 7. signals ----

    @Test
    void sigtermMidSignLeavesNoTempFile() throws Exception {
        signalMidSign("TERM");
    }

    @Test
    void sigintMidSignLeavesNoTempFile() throws Exception {
        signalMidSign("INT");
    }

    private void signalMidSign(String signal) throws Exception {
        Path m = dir.resolve("m.ko");
        byte[] content = module(3 << 20);
        Files.write(m, content);
        Path key = dir.resolve("k.pem");
        Path cert = dir.resolve("k.x509");
        rsa.writeTo(key, cert);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SignChild.class.getName(), m.toString(), key.toString(), cert.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                String line;
                while ((line = r.readLine()) != null && !line.equals("SIGNING")) {
                    // JVM start-up noise
                }
                assertEquals("SIGNING", line, "the child started signing");
            });
            assertFalse(hidden().isEmpty(), "the child is writing its temporary file");
            sh("kill", "-" + signal, Long.toString(child.pid()));
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ended on SIG" + signal);
            assertEquals(List.of(), hidden(), "SIG" + signal + " left temporary files");
            assertArrayEquals(content, Files.readAllBytes(m), "the module is untouched");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void staleTempFileOfAKilledRunIsRemovedByTheNextRun() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(20, TimeUnit.SECONDS));
        Path stale = dir.resolve(".m.ko" + TempFiles.MARKER + gone.pid() + "-1700000000000-4242.tmp");
        Path foreign = dir.resolve(".m.ko.4242.tmp");          // not ours: no marker, never touched
        Files.write(stale, new byte[4096]);
        Files.write(foreign, new byte[16]);
        Files.write(dir.resolve("m.ko"), module(10_000));
        signer().signInPlace(dir.resolve("m.ko"));
        assertEquals(List.of(".m.ko.4242.tmp"), hidden());
    }

    @Test
    void tempFileOfALiveProcessIsKept() throws Exception {
        long self = ProcessHandle.current().pid();
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        Path live = dir.resolve(".x.ko" + TempFiles.MARKER + self + "-" + start + "-1.tmp");
        Files.write(live, new byte[8]);
        Files.write(dir.resolve("m.ko"), module(10_000));
        signer().signInPlace(dir.resolve("m.ko"));
        assertTrue(Files.exists(live), "a signer still running in this JVM owns it");
    }

    // ---- 7. files that are not modules ----

    @Test
    void fifoDoesNotHangSign() throws Exception {
        Path fifo = dir.resolve("fifo.ko");
        sh("mkfifo", fifo.toString());
        KmmException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(KmmException.class, () -> signer().signInPlace(fifo)));
        assertEquals(Reason.BAD_MODULE, e.reason());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void fifoDoesNotHangVerify() throws Exception {
        Path fifo = dir.resolve("fifo.ko");
        sh("mkfifo", fifo.toString());
        KmmException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(KmmException.class, () -> ModuleSignatureVerifier.inspect(fifo)));
        assertEquals(Reason.BAD_MODULE, e.reason());
        KmmException v = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(KmmException.class,
                () -> ModuleSignatureVerifier.trusting(rsa.certificate()).verify(fifo)));
        assertEquals(Reason.BAD_MODULE, v.reason());
    }

    @Test
    void deviceNodeIsNotReplacedByARegularFile() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "mknod needs root");
        Path node = dir.resolve("null.ko");
        sh("mknod", node.toString(), "c", "1", "3");
        KmmException e = assertThrows(KmmException.class, () -> signer().signInPlace(node));
        assertEquals(Reason.BAD_MODULE, e.reason());
        Path in = dir.resolve("m.ko");
        Files.write(in, module(10_000));
        KmmException o = assertThrows(KmmException.class, () -> signer().sign(in, node));
        assertEquals(Reason.INVALID, o.reason());
        assertEquals("out", o.problems().get(0).path());
        assertTrue(Files.readAttributes(node, BasicFileAttributes.class).isOther(), "still a device node");
        assertEquals(List.of(), hidden());
    }

    @Test
    void textFileIsNotSigned() throws Exception {
        Path t = dir.resolve("notes.ko");
        Files.writeString(t, "this is not a kernel module\n".repeat(100));
        KmmException e = assertThrows(KmmException.class, () -> signer().signInPlace(t));
        assertEquals(Reason.BAD_MODULE, e.reason());
        assertEquals(Outcome.BAD_INPUT, e.outcome());
        assertTrue(e.getMessage().contains("not an ELF file") && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("this is not a kernel module\n".repeat(100), Files.readString(t));
    }

    @Test
    void emptyFileIsNotSigned() throws Exception {
        Path t = dir.resolve("empty.ko");
        Files.write(t, new byte[0]);
        KmmException e = assertThrows(KmmException.class, () -> signer().signInPlace(t));
        assertEquals(Reason.BAD_MODULE, e.reason());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, Files.size(t));
    }

    @Test
    void truncatedModuleIsNotSigned() throws Exception {
        byte[] b = module(20_000);
        // the section header table at the end, as the linker puts it: 10 entries of 64 bytes
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(0x28, 20_000 - 640).putShort(0x3A, (short) 64).putShort(0x3C, (short) 10);
        Path whole = dir.resolve("whole.ko");
        Files.write(whole, b);
        signer().signInPlace(whole);                                  // the complete file signs
        Path cut = dir.resolve("cut.ko");
        Files.write(cut, Arrays.copyOf(b, 12_000));
        KmmException e = assertThrows(KmmException.class, () -> signer().signInPlace(cut));
        assertEquals(Reason.BAD_MODULE, e.reason());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void nonElfPayloadIsSignedWhenAllowedAsSignFileDoes() throws Exception {
        Path t = dir.resolve("blob.bin");
        Files.writeString(t, "any payload");
        SignResult r = ModuleSigner.builder(rsa.signingKeys()).allowNonElf(true).build().signInPlace(t);
        assertEquals(11, r.payloadBytes());
        assertEquals(Status.VERIFIED, ModuleSignatureVerifier.trusting(rsa.certificate()).verify(t).status());
    }

    // ---- 7. disk full ----

    @Test
    void diskFullIsReportedAsDiskFullNotAsABadModule() throws Exception {
        KmmException e;
        try (OutputStream full = new FileOutputStream("/dev/full")) {
            e = assertThrows(KmmException.class,
                    () -> signer().sign(new java.io.ByteArrayInputStream(module(3 << 20)), full));
        }
        assertEquals(Reason.IO, e.reason());
        assertEquals(Outcome.OUTSIDE_FAILED, e.outcome());
        assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
    }

    @Test
    void diskFullOnAFullFilesystemNamesTheFreeSpace() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "mounting a tmpfs needs root");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString()).start();
        assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount a tmpfs here");
        try {
            Path m = mnt.resolve("m.ko");
            Files.write(m, module(1_200_000));                       // signing needs another 1.2 MB
            KmmException e = assertThrows(KmmException.class, () -> signer().signInPlace(m));
            assertEquals(Reason.IO, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("disk full") && e.getMessage().contains("bytes free"), e.getMessage());
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of(m), s.toList(), "no temporary file left");
            }
            // a compressed module: its decompressed copy fills the disk first
            Path xz = mnt.resolve("m.ko.xz");
            Files.delete(m);
            try (OutputStream o = ModuleCompression.XZ.compress(Files.newOutputStream(xz))) {
                o.write(new byte[3 << 20]);
            }
            KmmException x = assertThrows(KmmException.class, () -> signer().signInPlace(xz));
            assertEquals(Reason.IO, x.reason(), x.getMessage());
            assertTrue(x.getMessage().startsWith("disk full"), x.getMessage());
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    // ---- 8. keys lost ----

    @Test
    void keygenNeverOverwritesAnExistingPrivateKey() throws Exception {
        Path key = dir.resolve("k.pem");
        Path cert = dir.resolve("k.x509");
        rsa.writeTo(key, cert);
        byte[] old = Files.readAllBytes(key);
        SigningKeys.GeneratedKeys other = SigningKeys.KeyGenerator.ecP384().commonName("other").generate();
        KmmException e = assertThrows(KmmException.class, () -> other.writeTo(key, cert));
        assertEquals(Reason.INVALID, e.reason());
        assertEquals(List.of("privateKeyFile", "certificateFile"), e.problems().stream().map(p -> p.path()).toList());
        assertArrayEquals(old, Files.readAllBytes(key));
        other.writeTo(key, cert, true);                               // asked for
        assertEquals(other.certificate(), SigningKeys.readCertificate(cert));
    }

    @Test
    void keyOutEqualToCertOutIsRefused() throws Exception {
        Path key = dir.resolve("k.pem");
        KmmException e = assertThrows(KmmException.class, () -> rsa.writeTo(key, key, true));
        assertEquals("certificateFile", e.problems().get(0).path());
        KmmException n = assertThrows(KmmException.class,
                () -> rsa.writeTo(key, dir.resolve("sub/../k.pem"), true));
        assertEquals("certificateFile", n.problems().get(0).path());
        assertFalse(Files.exists(key), "nothing written");
    }

    @Test
    void invalidSecretNamesAndNamespacesAreRefused() {
        KmmException e = assertThrows(KmmException.class, () -> KmmSigningSecrets.of("../x", "Bad_NS", rsa));
        assertEquals(List.of("baseName", "namespace"), e.problems().stream().map(p -> p.path()).toList());
        assertTrue(e.getMessage().contains("DNS-1123"), e.getMessage());
        assertThrows(KmmException.class, () -> KmmSigningSecrets.of("ok", "a".repeat(64), rsa));
        assertThrows(KmmException.class, () -> KmmSigningSecrets.of("a".repeat(250), "ok", rsa));
        assertEquals("module-signing-key", KmmSigningSecrets.of("module-signing", "kmm-ops", rsa).keySecret().getMetadata().getName());
    }

    @Test
    void commonNameWithANewlineIsRefused() {
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.KeyGenerator.rsa(2048).commonName("a\nb"));
        assertEquals("commonName", e.problems().get(0).path());
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }

    @Test
    void commonNameOf3000CharactersIsRefused() {
        KmmException e = assertThrows(KmmException.class, () -> SigningKeys.KeyGenerator.rsa(2048).commonName("x".repeat(3000)));
        assertEquals("commonName", e.problems().get(0).path());
        assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
        SigningKeys.KeyGenerator.rsa(2048).commonName("x".repeat(64));     // the upper bound itself is fine
    }
}
