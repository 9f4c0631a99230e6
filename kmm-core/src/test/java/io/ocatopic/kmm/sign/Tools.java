package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.kube.testing.RealEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Outside tools for the integration tests: sign-file, kbuild, modinfo, openssl. */
final class Tools {
    static final Path SIGN_FILE = Path.of("/usr/lib/linux-kbuild-6.1/scripts/sign-file");
    static final Path MODINFO = Path.of("/usr/sbin/modinfo");
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    static final Path MAKE = Path.of("/usr/bin/make");

    private Tools() {
    }

    /** Runs a command, fails the test on a non-zero exit, returns stdout+stderr. */
    static String run(Path cwd, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        return run(cwd, Map.of(), cmd);
    }

    /** The kernel headers tree to build against: linux-headers-amd64's newest -amd64 flavour. */
    static Path kernelHeaders() throws IOException {
        RealEnvironment.requireExecutable(MAKE);
        Path src = Path.of("/usr/src");
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.list(src)) {
                s.filter(p -> p.getFileName().toString().matches("linux-headers-.*-amd64"))
                        .filter(p -> Files.exists(p.resolve("Makefile"))).forEach(dirs::add);
            }
        }
        if (dirs.isEmpty()) {
            RealEnvironment.missing("no /usr/src/linux-headers-*-amd64 (package linux-headers-amd64)");
        }
        dirs.sort(Comparator.comparing(Path::toString));
        return dirs.get(dirs.size() - 1);
    }

    /** Builds a small real module with kbuild and returns the .ko. */
    static Path buildHelloModule(Path dir, String name) throws IOException, InterruptedException {
        Path headers = kernelHeaders();
        Path m = Files.createDirectories(dir.resolve(name + "-src"));
        Files.writeString(m.resolve(name + ".c"), "#include <linux/module.h>\n#include <linux/init.h>\n"
                + "static int __init " + name + "_init(void) { pr_info(\"" + name + "\\n\"); return 0; }\n"
                + "static void __exit " + name + "_exit(void) { }\n"
                + "module_init(" + name + "_init);\nmodule_exit(" + name + "_exit);\n"
                + "MODULE_LICENSE(\"GPL\");\nMODULE_DESCRIPTION(\"ocatopic signing test\");\n");
        Files.writeString(m.resolve("Makefile"), "obj-m := " + name + ".o\n");
        run(m, MAKE.toString(), "-s", "-C", headers.toString(), "M=" + m, "modules");
        Path ko = m.resolve(name + ".ko");
        assertEquals(true, Files.size(ko) > 1000, "kbuild produced " + ko);
        return ko;
    }

    /** A 64 MiB module-sized file: a real module followed by deterministic filler. */
    static Path bigModule(Path dir, Path realKo, int mib) throws IOException {
        Path big = dir.resolve("big.ko");
        byte[] head = Files.readAllBytes(realKo);
        byte[] filler = new byte[1 << 20];
        new Random(64).nextBytes(filler);
        try (var out = Files.newOutputStream(big)) {
            out.write(head);
            for (int i = 0; i < mib; i++) {
                out.write(filler);
            }
        }
        return big;
    }

    /** A key pair and certificate made by openssl the way kbuild makes signing_key.pem. */
    static void opensslKey(Path dir, String keySpec, Path key, Path cert) throws IOException, InterruptedException {
        RealEnvironment.requireExecutable(OPENSSL);
        Path conf = dir.resolve("x509.genkey");
        Files.writeString(conf, "[ req ]\ndistinguished_name = dn\nprompt = no\nstring_mask = utf8only\nx509_extensions = myexts\n"
                + "[ dn ]\nO = ocatopic tests\nCN = ocatopic test signing key\n"
                + "[ myexts ]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=codeSigning\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        run(dir, OPENSSL.toString(), "req", "-new", "-nodes", "-utf8", "-sha256", "-days", "36500", "-batch", "-x509",
                "-config", conf.toString(), "-newkey", keySpec, "-keyout", key.toString(), "-out", cert.toString());
    }
}
