package io.ocatopic.kmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kmm.sign.VerificationResult;
import java.nio.file.Path;

/** Checks a signed module with the SDK's own verifier (io.ocatopic.kmm.sign). */
final class SdkVerifier {
    private SdkVerifier() {
    }

    static void assertVerifies(Path ko, Path cert) {
        VerificationResult r = ModuleSignatureVerifier.trusting(SigningKeys.readCertificates(cert)).verify(ko);
        assertEquals(VerificationResult.Status.VERIFIED, r.status(), ko + ": " + r.message());
    }
}
