package io.ocatopic.cli;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.SigningKeys.GeneratedKeys;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.KeyGenerator;
import java.nio.file.Path;
import java.util.List;
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
        description = "Generate a module signing key pair and certificate (and KMM's key/cert Secrets), written to the files named.",
        footer = {"%nExamples:",
                "  ocatopic kmm keygen --key-out signing_key.pem --cert-out signing_key.x509",
                "  ocatopic kmm keygen --cn 'Acme modules' --key-out k.pem --cert-out k.x509 --secrets-out secrets.yaml --namespace kmm-ops",
                "  ocatopic kmm keygen --force --key-out k.pem --cert-out k.x509   # replaces the old key",
                "  ocatopic kmm keygen --type ec-p384 --key-out k.pem --cert-out k.x509 -o json"})
public final class KmmKeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", defaultValue = "rsa4096", description = "The key type: rsa2048, rsa3072, rsa4096 (default) or ec-p384.")
    String type;

    @Option(names = "--cn", defaultValue = "ocatopic module signing key", description = "Certificate common name (modinfo signer).")
    String cn;

    @Option(names = "--key-out", required = true, description = "Private key file (PKCS#8 PEM, mode 0600).")
    Path keyOut;

    @Option(names = "--cert-out", required = true, description = "Certificate file (PEM).")
    Path certOut;

    @Option(names = "--secrets-out", description = "Also write KMM's two Secrets here as YAML (contains the private key).")
    Path secretsOut;

    @Option(names = "--secret-name", defaultValue = "module-signing", description = "Secrets are <name>-key and <name>-cert.")
    String secretName;

    @Option(names = "--namespace", defaultValue = "default", description = "Namespace of the Secrets.")
    String namespace;

    @Option(names = "--force", description = "Replace existing key, certificate and Secrets files (the old key is lost).")
    boolean force;

    @CommandLine.Mixin
    OutputOption output;

    /**
     * What keygen wrote, printed by {@code -o yaml|json}.
     *
     * @param key         the private key file
     * @param certificate the certificate file
     * @param subject     the certificate's subject
     * @param type        the key type
     * @param secrets     the Secrets file, or null
     * @param secretNames the two Secrets' names, empty without --secrets-out
     */
    record Generated(String key, String certificate, String subject, String type, String secrets, List<String> secretNames) {
    }

    @Override
    public Integer call() {
        KeyGenerator gen = switch (type) {
            case "rsa2048" -> KeyGenerator.rsa(2048);
            case "rsa3072" -> KeyGenerator.rsa(3072);
            case "rsa4096" -> KeyGenerator.rsa(4096);
            case "ec-p384" -> KeyGenerator.ecP384();
            default -> null;
        };
        if (gen == null) {
            throw new IllegalArgumentException("unknown --type " + type + ": use rsa2048, rsa3072, rsa4096 or ec-p384");
        }
        if (secretsOut != null) {
            for (Path p : new Path[] {keyOut, certOut}) {
                if (p.toAbsolutePath().normalize().equals(secretsOut.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("--secrets-out " + secretsOut + " is the same file as "
                            + (p == keyOut ? "--key-out" : "--cert-out") + ": give each its own path");
                }
            }
        }
        var out = spec.commandLine().getOut();
        try {
            GeneratedKeys k = gen.commonName(cn).generate();
            // build (and validate) the Secrets before anything is written
            KmmSigningSecrets s = secretsOut == null ? null : KmmSigningSecrets.of(secretName, namespace, k);
            k.writeTo(keyOut, certOut, force);
            if (s != null) {
                s.writeYaml(secretsOut, force);
            }
            String subject = k.certificate().getSubjectX500Principal().getName();
            Generated g = new Generated(keyOut.toString(), certOut.toString(), subject, type,
                    secretsOut == null ? null : secretsOut.toString(),
                    s == null ? List.of() : List.of(s.keySecret().getMetadata().getName(), s.certSecret().getMetadata().getName()));
            output.print(out, g, () -> {
                out.printf("wrote %s (0600) and %s: %s%n", keyOut, certOut, subject);
                if (s != null) {
                    out.printf("wrote %s: %s%n", secretsOut, s);
                }
            });
            return 0;
        } catch (KmmException e) {
            throw KmmCommand.failure(e, "");
        }
    }
}
