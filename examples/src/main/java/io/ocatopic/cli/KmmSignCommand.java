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
import java.util.ArrayList;
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
                "  ocatopic kmm sign --key k.pem --cert k.x509 --force firmware.bin   # a non-ELF payload, as sign-file allows",
                "  ocatopic kmm sign --key k.pem --cert k.x509 -o json *.ko"})
public final class KmmSignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", description = "PEM private key (PKCS#1, PKCS#8, encrypted: passphrase from KBUILD_SIGN_PIN).")
    Path key;

    @Option(names = "--cert", description = "X.509 certificate, PEM or DER (with --key; a token's certificate object is used with --pkcs11-library).")
    Path cert;

    @Option(names = "--pkcs11-library", description = "PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so (PIN from KBUILD_SIGN_PIN).")
    Path pkcs11Library;

    @Option(names = "--pkcs11-slot", description = "PKCS#11 slot id (default: the first slot that holds the key).")
    Long pkcs11Slot;

    @Option(names = "--pkcs11-label", description = "Label of the token key and its certificate object.")
    String pkcs11Label;

    @Option(names = "--hash", defaultValue = "sha256", description = "The digest: sha256 (default), sha384, sha512, sha3-256, sha3-384, sha3-512.")
    String hash;

    @Option(names = {"-k", "--key-id"}, description = "Name the signer by subjectKeyIdentifier (sign-file -k).")
    boolean keyId;

    @Option(names = "--resign", description = "Strip an existing signature and sign again.")
    boolean resign;

    @Option(names = "--force", description = "Sign a payload that is not an ELF kernel module (sign-file signs any bytes).")
    boolean force;

    @Option(names = "--out", description = "Write the signed module here instead of in place (one module only).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "MODULE",
            description = "Module files, signed in place (or into --out); not - : a module signed in place cannot be stdin.")
    List<Path> modules;

    @CommandLine.Mixin
    OutputOption output;

    /**
     * One signed module, printed by {@code -o yaml|json}.
     *
     * @param module         the signed file
     * @param hash           the digest, as the kernel names it
     * @param payloadBytes   the signed payload's length
     * @param signatureBytes the CMS blob's length ({@code sig_len})
     * @param resigned       whether an old signature was stripped first
     * @param elapsedMs      the time it took
     */
    record Signed(String module, String hash, long payloadBytes, int signatureBytes, boolean resigned, long elapsedMs) {
    }

    @Override
    public Integer call() throws java.io.IOException {
        var err = spec.commandLine().getErr();
        var o = spec.commandLine().getOut();
        Optional<HashAlgorithm> h = HashAlgorithm.fromName(hash);
        if (h.isEmpty()) {
            throw new IllegalArgumentException("unknown --hash " + hash + ": use sha256, sha384, sha512, sha3-256, sha3-384 or sha3-512");
        }
        if ((key == null) == (pkcs11Library == null)) {
            throw new IllegalArgumentException("give either --key or --pkcs11-library");
        }
        if (key != null && cert == null) {
            throw new IllegalArgumentException("--key needs --cert (the X.509 certificate of that key)");
        }
        if (pkcs11Library != null && cert != null) {
            throw new IllegalArgumentException("--cert " + cert + " is not used with --pkcs11-library: the token's certificate"
                    + " object (--pkcs11-label) is; drop --cert");
        }
        if (out != null && modules.size() != 1) {
            throw new IllegalArgumentException("--out takes exactly one module");
        }
        if (modules.contains(Path.of(Inputs.STDIN))) {
            throw new IllegalArgumentException("MODULE - : a module is signed in place and cannot be stdin; give its file");
        }
        for (Path m : modules) {
            if (!java.nio.file.Files.exists(m)) {
                throw new java.nio.file.NoSuchFileException(m.toString()); // bad input: exit 2
            }
        }
        Optional<Secret> pin = Optional.ofNullable(System.getenv("KBUILD_SIGN_PIN")).map(Secret::of);
        ModuleSigner signer;
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
            signer = ModuleSigner.builder(keys).hash(h.get())
                    .signerIdentifier(keyId ? SignerIdentifier.SUBJECT_KEY_ID : SignerIdentifier.ISSUER_AND_SERIAL)
                    .resign(resign).allowNonElf(force).build();
        } catch (KmmException e) {
            throw KmmCommand.failure(e, "");
        }
        List<Signed> signed = new ArrayList<>();
        RuntimeException worst = null;
        for (Path m : modules) {
            try {
                SignResult r = signer.sign(m, out != null ? out : m);
                signed.add(new Signed(r.module().toString(), r.hash().kernelName(), r.payloadBytes(), r.signatureBytes(),
                        r.resigned(), r.elapsed().toMillis()));
            } catch (KmmException e) {
                RuntimeException f = KmmCommand.failure(e, m + ": ");
                if (worst == null || Ocatopic.exitCode(f) > Ocatopic.exitCode(worst)) {
                    if (worst != null) {
                        err.println(spec.qualifiedName() + ": " + worst.getMessage().replace('\n', ' '));
                    }
                    worst = f;
                } else {
                    err.println(spec.qualifiedName() + ": " + f.getMessage().replace('\n', ' '));
                }
            }
        }
        err.flush();
        output.print(o, signed, () -> {
            for (Signed r : signed) {
                o.printf("signed %s (%s, %d bytes, sig_len %d%s) in %d ms%n", r.module(), r.hash(),
                        r.payloadBytes(), r.signatureBytes(), r.resigned() ? ", re-signed" : "", r.elapsedMs());
            }
        });
        if (worst != null) {
            throw worst;
        }
        return 0;
    }
}
