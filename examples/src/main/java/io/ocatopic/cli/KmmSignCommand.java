package io.ocatopic.cli;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kube.Secret;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.SignResult;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic kmm sign}: signs kernel modules in place (or into {@code --out}), like the kernel's
 * {@code sign-file}, with a key file or a PKCS#11 token. The passphrase or PIN comes from
 * {@code KBUILD_SIGN_PIN}, as for sign-file.
 */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = "Sign kernel modules (.ko, .ko.xz, .ko.zst, .ko.gz) exactly as scripts/sign-file does.",
        footer = {"%nExamples:",
                "  ocatopic kmm verify hello.ko                                  # first: is it signed already?",
                "  ocatopic kmm sign --key signing_key.pem --cert signing_key.x509 hello.ko",
                "  KBUILD_SIGN_PIN=1234 ocatopic kmm sign --pkcs11-library /usr/lib/softhsm/libsofthsm2.so --pkcs11-label mod hello.ko",
                "  ocatopic kmm sign --key k.pem --cert k.x509 --force firmware.bin   # a non-ELF payload, as sign-file allows"})
public final class KmmSignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", description = "PEM private key (PKCS#1, PKCS#8, encrypted: passphrase from KBUILD_SIGN_PIN)")
    Path key;

    @Option(names = "--cert", description = "X.509 certificate, PEM or DER (with --key; a token's certificate object is used with --pkcs11-library)")
    Path cert;

    @Option(names = "--pkcs11-library", description = "PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so (PIN from KBUILD_SIGN_PIN)")
    Path pkcs11Library;

    @Option(names = "--pkcs11-slot", description = "PKCS#11 slot id (default: the first slot that holds the key)")
    Long pkcs11Slot;

    @Option(names = "--pkcs11-label", description = "label of the token key and its certificate object")
    String pkcs11Label;

    @Option(names = "--hash", defaultValue = "sha256", description = "sha256 (default), sha384, sha512, sha3-256, sha3-384, sha3-512")
    String hash;

    @Option(names = {"-k", "--key-id"}, description = "name the signer by subjectKeyIdentifier (sign-file -k)")
    boolean keyId;

    @Option(names = "--resign", description = "strip an existing signature and sign again")
    boolean resign;

    @Option(names = "--force", description = "sign a payload that is not an ELF kernel module (sign-file signs any bytes)")
    boolean force;

    @Option(names = "--out", description = "write the signed module here instead of in place (one module only)")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "module files")
    List<Path> modules;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var o = spec.commandLine().getOut();
        Optional<HashAlgorithm> h = HashAlgorithm.fromName(hash);
        if (h.isEmpty()) {
            err.println("ocatopic kmm sign: unknown --hash " + hash + ": use sha256, sha384, sha512, sha3-256, sha3-384 or sha3-512");
            return 2;
        }
        if ((key == null) == (pkcs11Library == null)) {
            err.println("give either --key or --pkcs11-library");
            return 2;
        }
        if (key != null && cert == null) {
            err.println("ocatopic kmm sign: --key needs --cert (the X.509 certificate of that key)");
            return 2;
        }
        if (pkcs11Library != null && cert != null) {
            err.println("ocatopic kmm sign: --cert " + cert + " is not used with --pkcs11-library: the token's certificate"
                    + " object (--pkcs11-label) is; drop --cert");
            return 2;
        }
        if (out != null && modules.size() != 1) {
            err.println("--out takes exactly one module");
            return 2;
        }
        Optional<Secret> pin = Optional.ofNullable(System.getenv("KBUILD_SIGN_PIN")).map(Secret::of);
        try {
            SigningKeys keys;
            if (key != null) {
                keys = SigningKeys.fromFiles(key, cert, pin);
            } else {
                Pkcs11Token t = Pkcs11Token.of(pkcs11Library, pin.orElse(Secret.of("")));
                if (pkcs11Slot != null) {
                    t = t.withSlot(pkcs11Slot);
                }
                if (pkcs11Label != null) {
                    t = t.withKeyLabel(pkcs11Label);
                }
                keys = SigningKeys.fromPkcs11(t);
            }
            ModuleSigner signer = ModuleSigner.builder(keys).hash(h.get())
                    .signerIdentifier(keyId ? SignerIdentifier.SUBJECT_KEY_ID : SignerIdentifier.ISSUER_AND_SERIAL)
                    .resign(resign).allowNonElf(force).build();
            int exit = 0;
            for (Path m : modules) {
                try {
                    SignResult r = signer.sign(m, out != null ? out : m);
                    o.printf("signed %s (%s, %d bytes, sig_len %d%s) in %d ms%n", r.module(), r.hash().kernelName(),
                            r.payloadBytes(), r.signatureBytes(), r.resigned() ? ", re-signed" : "", r.elapsed().toMillis());
                } catch (KmmException e) {
                    err.println(m + ": " + e.reason() + ": " + e.getMessage());
                    exit = Math.max(exit, e.outcome().exitCode());
                }
            }
            return exit;
        } catch (KmmException e) {
            err.println("ocatopic kmm sign: " + e.reason() + ": " + e.getMessage());
            return e.outcome().exitCode();
        }
    }
}
