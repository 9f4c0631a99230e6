package io.ocatopic.kmm.sign;

import java.util.Optional;

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

    /** @return a copy of the DER CMS blob */
    public byte[] cmsBytes() {
        return cms.clone();
    }

    /** @return a copy of the DER CMS blob (same as {@link #cmsBytes()}) */
    @Override
    public byte[] cms() {
        return cms.clone();
    }

    /** @return a one-line summary in modinfo's terms */
    @Override
    public String toString() {
        return "ModuleSignature[signer=" + signer.orElse("") + ", sig_key=" + keyId + ", sig_hashalgo=" + hashAlgorithm
                + ", algorithm=" + signatureAlgorithm + ", " + signerIdentifier + ", payload=" + payloadLength
                + ", sig_len=" + signatureLength + "]";
    }
}
