package io.ocatopic.kmm.sign;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading or verifying a module's signature. Every malformed input has its own
 * {@link Status}; nothing about the input is reported by exception.
 *
 * @param status            what was found
 * @param message           one human-readable line explaining the status
 * @param signature         the parsed signature, when the CMS blob could be read
 * @param signerCertificate the trusted certificate that verified the signature, when {@link Status#VERIFIED}
 */
public record VerificationResult(Status status, String message, Optional<ModuleSignature> signature,
                                 Optional<X509Certificate> signerCertificate) {
    /** What a module's signature looks like. */
    public enum Status {
        /** The signature verifies against a trusted certificate. */
        VERIFIED,
        /** The signature is well-formed (only reported by {@link ModuleSignatureVerifier#inspect}). */
        SIGNED,
        /** No signature is appended (the module does not end with the magic). */
        UNSIGNED,
        /** The file was cut short: it ends inside the magic or inside the CMS blob, or is too short. */
        TRUNCATED,
        /** The file ends with a damaged copy of the magic. */
        BAD_MAGIC,
        /** {@code sig_len} is zero or points beyond the start of the file (kernel: {@code -EBADMSG}). */
        BAD_LENGTH,
        /** {@code struct module_signature} has a wrong id type or non-zero fields the kernel requires zero. */
        BAD_HEADER,
        /** The CMS blob is not a well-formed detached {@code SignedData}. */
        MALFORMED_CMS,
        /** The CMS is well-formed but uses something the kernel refuses (signed attributes, algorithm). */
        UNSUPPORTED,
        /** No trusted certificate matches the signer (signed with another key). */
        UNTRUSTED_SIGNER,
        /** The signer is trusted but the signature does not match the payload (content or signature altered). */
        BAD_SIGNATURE;

        /** @return whether this status means a usable signature ({@link #VERIFIED} or {@link #SIGNED}) */
        public boolean ok() {
            return this == VERIFIED || this == SIGNED;
        }
    }

    /**
     * Checks the parts.
     *
     * @param status see the record component
     * @param message see the record component
     * @param signature see the record component
     * @param signerCertificate see the record component
     */
    public VerificationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signerCertificate, "signerCertificate");
    }

    /** @return the status and message, without certificate dumps */
    @Override
    public String toString() {
        return "VerificationResult[" + status + ": " + message + "]";
    }

    static VerificationResult of(Status status, String message) {
        return new VerificationResult(status, message, Optional.empty(), Optional.empty());
    }

    static VerificationResult of(Status status, String message, ModuleSignature sig) {
        return new VerificationResult(status, message, Optional.of(sig), Optional.empty());
    }
}
