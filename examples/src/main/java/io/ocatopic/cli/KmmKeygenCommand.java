package io.ocatopic.cli;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.KmmSigningSecrets;
import io.ocatopic.kmm.sign.ModuleKeyGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic kmm keygen}: a module signing key (written 0600) and a self-signed certificate with
 * the kernel's x509.genkey extensions, and optionally the two KMM signing Secrets as YAML.
 */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Generate a module signing key pair and certificate (and KMM's key/cert Secrets).")
public final class KmmKeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", defaultValue = "rsa4096", description = "rsa2048, rsa3072, rsa4096 (default) or ec-p384")
    String type;

    @Option(names = "--cn", defaultValue = "ocatopic module signing key", description = "certificate common name (modinfo signer)")
    String cn;

    @Option(names = "--key-out", required = true, description = "private key file (PKCS#8 PEM, mode 0600)")
    Path keyOut;

    @Option(names = "--cert-out", required = true, description = "certificate file (PEM)")
    Path certOut;

    @Option(names = "--secrets-out", description = "also write KMM's two Secrets here as YAML (contains the private key)")
    Path secretsOut;

    @Option(names = "--secret-name", defaultValue = "module-signing", description = "Secrets are <name>-key and <name>-cert")
    String secretName;

    @Option(names = "--namespace", defaultValue = "default", description = "namespace of the Secrets")
    String namespace;

    @Override
    public Integer call() {
        ModuleKeyGenerator gen = switch (type) {
            case "rsa2048" -> ModuleKeyGenerator.rsa(2048);
            case "rsa3072" -> ModuleKeyGenerator.rsa(3072);
            case "rsa4096" -> ModuleKeyGenerator.rsa(4096);
            case "ec-p384" -> ModuleKeyGenerator.ecP384();
            default -> null;
        };
        if (gen == null) {
            spec.commandLine().getErr().println("unknown --type " + type);
            return 2;
        }
        try {
            ModuleKeyGenerator.GeneratedKeys k = gen.commonName(cn).generate();
            k.writeTo(keyOut, certOut);
            spec.commandLine().getOut().printf("wrote %s (0600) and %s: %s%n", keyOut, certOut,
                    k.certificate().getSubjectX500Principal().getName());
            if (secretsOut != null) {
                KmmSigningSecrets s = KmmSigningSecrets.of(secretName, namespace, k);
                s.writeYaml(secretsOut);
                spec.commandLine().getOut().printf("wrote %s: %s%n", secretsOut, s);
            }
            return 0;
        } catch (KmmException e) {
            spec.commandLine().getErr().println("ocatopic kmm keygen: " + e.reason() + ": " + e.getMessage());
            return e.outcome().exitCode();
        }
    }
}
