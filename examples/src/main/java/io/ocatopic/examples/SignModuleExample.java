package io.ocatopic.examples;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.SigningKeys.GeneratedKeys;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.KeyGenerator;
import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SignResult;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kmm.sign.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signs a kernel module in process and verifies it: generates a key (or reads one), signs the module
 * the way the kernel's sign-file does, verifies the signature, and prints KMM's signing Secrets.
 *
 * <pre>
 * java -cp ocatopic.jar io.ocatopic.examples.SignModuleExample hello.ko [signing_key.pem signing_key.x509]
 * </pre>
 * Without a module argument it signs a small generated file in a temporary directory.
 */
public final class SignModuleExample {
    private SignModuleExample() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code [module [key cert]]}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ocatopic-sign-example");
        Path module;
        if (args.length > 0) {
            module = work.resolve(Path.of(args[0]).getFileName());
            Files.copy(Path.of(args[0]), module);
        } else {
            module = work.resolve("example.ko");
            Files.write(module, new byte[64 * 1024]);
        }
        SigningKeys keys;
        if (args.length >= 3) {
            keys = SigningKeys.fromFiles(Path.of(args[1]), Path.of(args[2]));
        } else {
            GeneratedKeys generated = KeyGenerator.rsa(3072).commonName("example signing key").generate();
            generated.writeTo(work.resolve("signing_key.pem"), work.resolve("signing_key.x509"));
            keys = generated.signingKeys();
            KmmSigningSecrets secrets = KmmSigningSecrets.of("example-signing", "kmm-ops", generated);
            System.out.println("KMM Secrets to apply: " + secrets);
        }

        // without a module the payload is a zero-filled placeholder, not ELF: allow it (sign-file signs any bytes)
        SignResult r = ModuleSigner.builder(keys).hash(HashAlgorithm.SHA256).allowNonElf(args.length == 0).build()
                .sign(module, module);
        System.out.printf("signed %s: %d payload bytes, sig_len %d, %s, %d ms%n",
                r.module(), r.payloadBytes(), r.signatureBytes(), r.hash().kernelName(), r.elapsed().toMillis());

        VerificationResult v = ModuleSignatureVerifier.trusting(keys.certificate()).verify(module);
        System.out.println(v.status() + ": " + v.message());
        System.out.println("signed module left in " + module);
    }
}
