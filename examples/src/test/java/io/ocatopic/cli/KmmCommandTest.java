package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.examples.ModuleBuildExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocatopic kmm build} and ModuleBuildExample name the KMM objects after the kernel module with a
 * DNS-1123 subdomain ({@code ocatopic_hello} gives {@code ocatopic-hello}); modprobe keeps the kernel's name.
 */
class KmmCommandTest {
    /** A Docker API that is not there: the build fails at the engine, after validation passed. */
    private static final String NO_ENGINE = "unix:///nonexistent/ocatopic-kmm-command-test.sock";

    static String[] build(Path source, String name) {
        return CliRun.run("kmm", "build", "--name", name, "--namespace", "kmm-demo", "--source", source.toString(),
                "--kernel", "6.1.0-54-amd64", "--image", "reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}",
                "--builder-image", "reg.example.com/kbuild:1", "--base-image", "reg.example.com/busybox:1",
                "--engine", NO_ENGINE);
    }

    static Path source(Path dir) throws IOException {
        Files.writeString(dir.resolve("Makefile"), "obj-m += ocatopic_hello.o\n");
        return dir;
    }

    @Test
    void aKernelModuleNameWithUnderscoresIsAccepted(@TempDir Path tmp) throws IOException {
        String[] r = build(source(tmp), "ocatopic_hello");
        assertEquals("3", r[0], "no engine: an outside system is missing, exit 3: " + r[1]);
        assertTrue(r[1].contains("ocatopic kmm build: ENGINE: no container engine at " + NO_ENGINE + " (from --engine)"),
                "validation passed, the engine is absent (its preflight says so): " + r[1]);
    }

    @Test
    void aNameThatStaysInvalidNamesTheField(@TempDir Path tmp) throws IOException {
        String[] r = build(source(tmp), "ocatopic_hello.");
        assertEquals("2", r[0], "bad input exits 2: " + r[1]);
        assertTrue(r[1].contains("INVALID: ") && r[1].contains("metadata.name: 'ocatopic-hello.' is not a DNS-1123 subdomain"), r[1]);
        assertFalse(r[1].contains("compiling") || r[1].contains("ENGINE"), "validation fails before the engine: " + r[1]);
    }

    @Test
    void moduleBuildExampleNamesObjectsAfterTheKernelModule() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            ModuleBuildExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("name: \"ocatopic-hello\""), out);
        assertTrue(out.contains("moduleName: \"ocatopic_hello\""), out);
        assertTrue(out.contains("/kmm/ocatopic-hello@sha256:"), out);
        assertFalse(out.contains("name: \"ocatopic_hello\""), out);
        assertTrue(out.contains("applied ManagedClusterModule and edge-b's Module"), out);
    }

    // issue 16, point 7: PKCS#11 with --cert, files that are not modules; point 8: keys lost

    @Test
    void pkcs11WithACertThatDoesNotExistIsRefused(@TempDir Path tmp) throws IOException {
        Path m = tmp.resolve("m.ko");
        Files.write(m, new byte[200]);
        String[] r = CliRun.run("kmm", "sign", "--pkcs11-library", tmp.resolve("no-such-pkcs11.so").toString(),
                "--cert", tmp.resolve("no-such-cert.pem").toString(), m.toString());
        assertEquals("2", r[0], "bad input: " + r[1]);
        assertTrue(r[1].contains("--cert") && r[1].contains("drop --cert"), r[1]);
    }

    @Test
    void textFileIsNotSignedWithoutForce(@TempDir Path tmp) throws IOException {
        Path key = tmp.resolve("k.pem");
        Path cert = tmp.resolve("k.x509");
        assertEquals("0", CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(), "--cert-out", cert.toString())[0]);
        Path t = tmp.resolve("notes.ko");
        Files.writeString(t, "not a module\n".repeat(20));
        String[] r = CliRun.run("kmm", "sign", "--key", key.toString(), "--cert", cert.toString(), t.toString());
        assertEquals("2", r[0], "bad input exits 2: " + r[1]);
        assertTrue(r[1].contains("BAD_MODULE") && r[1].contains("not an ELF file"), r[1]);
        assertEquals("not a module\n".repeat(20), Files.readString(t));
        String[] forced = CliRun.run("kmm", "sign", "--force", "--key", key.toString(), "--cert", cert.toString(), t.toString());
        assertEquals("0", forced[0], forced[1]);
        String[] v = CliRun.run("kmm", "verify", "--cert", cert.toString(), t.toString());
        assertEquals("0", v[0], v[1]);
    }

    @Test
    void fifoDoesNotHangSignOrVerify(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("fifo.ko");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        String[] r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> CliRun.run("kmm", "verify", fifo.toString()));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("not a regular file"), r[1]);
    }

    @Test
    void keygenSilentlyOverwritingAnExistingPrivateKeyIsRefused(@TempDir Path tmp) throws IOException {
        Path key = tmp.resolve("k.pem");
        Path cert = tmp.resolve("k.x509");
        String[] first = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(), "--cert-out", cert.toString());
        assertEquals("0", first[0], first[1]);
        byte[] old = Files.readAllBytes(key);
        String[] again = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(), "--cert-out", cert.toString());
        assertEquals("2", again[0], again[1]);
        assertTrue(again[1].contains("exists") && again[1].contains("--force"), again[1]);
        assertArrayEquals(old, Files.readAllBytes(key));
        String[] forced = CliRun.run("kmm", "keygen", "--force", "--type", "rsa2048", "--key-out", key.toString(),
                "--cert-out", cert.toString());
        assertEquals("0", forced[0], forced[1]);
        assertFalse(java.util.Arrays.equals(old, Files.readAllBytes(key)), "--force replaces it");
    }

    @Test
    void keyOutEqualToCertOutIsRefused(@TempDir Path tmp) {
        Path key = tmp.resolve("k.pem");
        String[] r = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(),
                "--cert-out", tmp.resolve("x/../k.pem").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("same file"), r[1]);
        assertFalse(Files.exists(key));
        String[] s = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(),
                "--cert-out", tmp.resolve("k.x509").toString(), "--secrets-out", key.toString());
        assertEquals("2", s[0], s[1]);
        assertFalse(Files.exists(key));
    }

    @Test
    void invalidSecretNameOrNamespaceIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path key = tmp.resolve("k.pem");
        String[] r = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--key-out", key.toString(),
                "--cert-out", tmp.resolve("k.x509").toString(), "--secrets-out", tmp.resolve("s.yaml").toString(),
                "--secret-name", "../x", "--namespace", "Bad_NS");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("baseName: \"../x\"") && r[1].contains("namespace: \"Bad_NS\""), r[1]);
        assertFalse(Files.exists(key), "nothing written");
    }

    @Test
    void commonNameWithANewlineOr3000CharactersIsRefused(@TempDir Path tmp) {
        for (String cn : new String[] {"evil\nsigner", "x".repeat(3000)}) {
            String[] r = CliRun.run("kmm", "keygen", "--type", "rsa2048", "--cn", cn, "--key-out", tmp.resolve("k.pem").toString(),
                    "--cert-out", tmp.resolve("k.x509").toString());
            assertEquals("2", r[0], r[1]);
            assertTrue(r[1].contains("commonName: "), r[1]);
            assertFalse(r[1].contains("x".repeat(100)), "the message does not echo 3000 characters");
        }
    }
}
