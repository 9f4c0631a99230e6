package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import java.nio.file.Path;

/**
 * The child JVM of {@link HostileInputTest}'s signal cases: signs {@code args[0]} with the key and
 * certificate {@code args[1]}, {@code args[2]}, printing {@code SIGNING} once the temporary file is
 * being written and then stalling in the progress callback until a signal ends the JVM.
 */
public final class SignChild {
    private SignChild() {
    }

    /**
     * @param args module, key, certificate
     * @throws Exception never on purpose
     */
    public static void main(String[] args) throws Exception {
        ModuleSigner signer = ModuleSigner.builder(SigningKeys.fromFiles(Path.of(args[1]), Path.of(args[2])))
                .progress(event -> {
                    System.out.println("SIGNING");
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build();
        signer.signInPlace(Path.of(args[0]));
    }
}
