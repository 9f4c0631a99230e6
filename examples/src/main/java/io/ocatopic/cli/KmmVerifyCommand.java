package io.ocatopic.cli;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kmm.sign.VerificationResult;
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
 * {@code --cert}, verifies it. Exit status 0 only when every module is fine.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = "Show (and with --cert verify) the signature appended to kernel modules.")
public final class KmmVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cert", description = "trusted certificate(s), PEM bundle or DER; repeatable")
    List<Path> certs = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "module files")
    List<Path> modules;

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            List<X509Certificate> trusted = new ArrayList<>();
            for (Path c : certs) {
                trusted.addAll(SigningKeys.readCertificates(c));
            }
            ModuleSignatureVerifier verifier = trusted.isEmpty() ? null : ModuleSignatureVerifier.trusting(trusted);
            int bad = 0;
            for (Path m : modules) {
                VerificationResult r = verifier == null ? ModuleSignatureVerifier.inspect(m) : verifier.verify(m);
                o.printf("%s: %s: %s%n", m, r.status(), r.message());
                if (r.signature().isPresent()) {
                    ModuleSignature s = r.signature().get();
                    o.printf("  signer:       %s%n  sig_key:      %s%n  sig_hashalgo: %s%n  algorithm:    %s%n",
                            s.signer().orElse(""), s.keyId(), s.hashAlgorithm(), s.signatureAlgorithm());
                }
                if (!r.status().ok()) {
                    bad++;
                }
            }
            return bad == 0 ? 0 : 1;
        } catch (KmmException e) {
            err.println("ocatopic kmm verify: " + e.reason() + ": " + e.getMessage());
            return e.outcome().exitCode();
        }
    }
}
