package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
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
    /**
     * The signature appended to a module, as read from it: what {@code modinfo} reports
     * ({@code signer}, {@code sig_key}, {@code sig_hashalgo}) and the rest of the CMS blob's shape.
     *
     * <pre>{@code
     * VerificationResult r = ModuleSignatureVerifier.inspect(Path.of("hello.ko"));
     * r.signature().ifPresent(s -> System.out.println(s.signer() + " " + s.keyId() + " " + s.hashAlgorithm()));
     * }</pre>
     *
     * @param signer             the common name of the signing certificate's issuer ({@code modinfo signer});
     *                           empty when the signature names the key by subjectKeyIdentifier
     * @param keyId              the issuer serial number (or the subjectKeyIdentifier) as upper-case hex
     *                           bytes separated by colons, as {@code modinfo sig_key} prints it
     * @param signerIdentifier   how the SignerInfo names the certificate
     * @param hashAlgorithm      the digest name as {@code modinfo sig_hashalgo} prints it ({@code sha256}),
     *                           or the dotted OID when unknown
     * @param hash               the digest, when it is one the kernel accepts
     * @param signatureAlgorithm {@code rsaEncryption}, {@code ecdsa-with-SHA384}, ..., or the dotted OID
     * @param payloadLength      number of module bytes covered by the signature
     * @param signatureLength    the CMS blob's length ({@code sig_len})
     * @param cms                the DER CMS blob (a copy is returned by {@link #cmsBytes()})
     */
    public record ModuleSignature(Optional<String> signer, String keyId, SignerIdentifier signerIdentifier,
                                  String hashAlgorithm, Optional<HashAlgorithm> hash, String signatureAlgorithm,
                                  long payloadLength, int signatureLength, byte[] cms) {
        /**
         * Copies the CMS blob in.
         *
         * @param signer see the record component
         * @param keyId see the record component
         * @param signerIdentifier see the record component
         * @param hashAlgorithm see the record component
         * @param hash see the record component
         * @param signatureAlgorithm see the record component
         * @param payloadLength see the record component
         * @param signatureLength see the record component
         * @param cms see the record component
         */
        public ModuleSignature {
            cms = cms.clone();
        }

        /**
         * Returns a copy of the DER CMS blob.
         *
         * @return a copy of the DER CMS blob
         */
        public byte[] cmsBytes() {
            return cms.clone();
        }

        /**
         * Returns a copy of the DER CMS blob, as {@link #cmsBytes()} does.
         *
         * @return a copy of the DER CMS blob (same as {@link #cmsBytes()})
         */
        @Override
        public byte[] cms() {
            return cms.clone();
        }

        /**
         * Returns a one-line summary of the signature, in modinfo's terms.
         *
         * @return a one-line summary in modinfo's terms
         */
        @Override
        public String toString() {
            return "ModuleSignature[signer=" + signer.orElse("") + ", sig_key=" + keyId + ", sig_hashalgo=" + hashAlgorithm
                    + ", algorithm=" + signatureAlgorithm + ", " + signerIdentifier + ", payload=" + payloadLength
                    + ", sig_len=" + signatureLength + "]";
        }
    }

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

        /**
         * Returns whether this status means a usable signature.
         *
         * @return whether this status means a usable signature ({@link #VERIFIED} or {@link #SIGNED})
         */
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

    /**
     * Returns the status and message, without certificate dumps.
     *
     * @return the status and message, without certificate dumps
     */
    @Override
    public String toString() {
        return "VerificationResult[" + status + ": " + message + "]";
    }
}
