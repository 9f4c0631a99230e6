package io.ocatopic.cli;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kmm.sign.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic kmm verify}: shows each module's signature as modinfo does and, given
 * {@code --cert}, verifies it. Exit status 0 only when every module is fine, 1 when one is unsigned or its
 * signature does not verify.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = "Show (and with --cert verify) the signature appended to kernel modules; exit 1 when one is"
                + " unsigned or does not verify.",
        footer = {"%nExamples:",
                "  ocatopic kmm verify hello.ko",
                "  ocatopic kmm verify --cert signing_key.x509 hello.ko other.ko.xz",
                "  curl -s https://example.com/hello.ko | ocatopic kmm verify --cert signing_key.x509 -",
                "  ocatopic kmm verify -o json --cert signing_key.x509 hello.ko"})
public final class KmmVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--cert", description = "Trusted certificate(s), PEM bundle or DER; repeatable.")
    List<Path> certs = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "Module files, or - for stdin (a plain .ko).")
    List<String> modules;

    /**
     * One module's signature, printed by {@code -o yaml|json}.
     *
     * @param module    the file ({@code stdin} for {@code -})
     * @param status    the verdict ({@code VERIFIED}, {@code SIGNED}, {@code UNSIGNED}, ...)
     * @param ok        whether the status is a usable signature
     * @param message   what the verdict means for this module
     * @param signature the signature as modinfo shows it, or null when there is none
     */
    record Verified(String module, String status, boolean ok, String message, Signature signature) {
    }

    /**
     * A signature as modinfo shows it.
     *
     * @param signer          the signer ({@code modinfo signer}), empty when named by key id
     * @param keyId           {@code sig_key}
     * @param hashAlgorithm   {@code sig_hashalgo}
     * @param algorithm       the signature algorithm
     * @param signatureLength {@code sig_len}
     */
    record Signature(String signer, String keyId, String hashAlgorithm, String algorithm, int signatureLength) {
    }

    @Override
    public Integer call() throws IOException {
        var o = spec.commandLine().getOut();
        List<Verified> results = new ArrayList<>();
        try {
            List<X509Certificate> trusted = new ArrayList<>();
            for (Path c : certs) {
                trusted.addAll(SigningKeys.readCertificates(c));
            }
            ModuleSignatureVerifier verifier = trusted.isEmpty() ? null : ModuleSignatureVerifier.trusting(trusted);
            for (String m : modules) {
                if (!Inputs.STDIN.equals(m) && !Files.exists(Path.of(m))) {
                    throw new java.nio.file.NoSuchFileException(m); // bad input: exit 2
                }
            }
            for (String m : modules) {
                Path file = Inputs.STDIN.equals(m) ? stdinToFile() : Path.of(m);
                try {
                    VerificationResult r = verifier == null ? ModuleSignatureVerifier.inspect(file) : verifier.verify(file);
                    Signature sig = r.signature().map(KmmVerifyCommand::signature).orElse(null);
                    results.add(new Verified(Inputs.name(m), r.status().name(), r.status().ok(), r.message(), sig));
                } catch (KmmException e) {
                    throw KmmCommand.failure(e, Inputs.name(m) + ": ");
                } finally {
                    if (Inputs.STDIN.equals(m)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (KmmException e) {
            throw KmmCommand.failure(e, "");
        }
        output.print(o, results, () -> {
            for (Verified r : results) {
                o.printf("%s: %s: %s%n", r.module(), r.status(), r.message());
                if (r.signature() != null) {
                    Signature s = r.signature();
                    o.printf("  signer:       %s%n  sig_key:      %s%n  sig_hashalgo: %s%n  algorithm:    %s%n",
                            s.signer(), s.keyId(), s.hashAlgorithm(), s.algorithm());
                }
            }
        });
        return results.stream().allMatch(Verified::ok) ? 0 : 1;
    }

    private static Signature signature(ModuleSignature s) {
        return new Signature(s.signer().orElse(""), s.keyId(), s.hashAlgorithm(), s.signatureAlgorithm(),
                s.signatureLength());
    }

    /** Stdin into a private temporary {@code .ko}: the verifier reads a module from a file. */
    private static Path stdinToFile() throws IOException {
        Path tmp = Files.createTempFile("ocatopic-verify-", ".ko");
        Files.write(tmp, System.in.readAllBytes()); // Inputs.read is text; a module is bytes
        return tmp;
    }
}
