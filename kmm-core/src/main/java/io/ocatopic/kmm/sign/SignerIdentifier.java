package io.ocatopic.kmm.sign;

/**
 * How the CMS SignerInfo names the signing certificate.
 *
 * <p>Source: kernel {@code scripts/sign-file.c} ({@code -k} sets {@code CMS_USE_KEYID}) and
 * {@code crypto/asymmetric_keys/pkcs7_parser.c} (SignerInfo v1 with SignedData v1, v3 with SKID).
 * kmod's {@code modinfo} reports {@code signer} and {@code sig_key} only for
 * {@link #ISSUER_AND_SERIAL}.
 */
public enum SignerIdentifier {
    /** SignerInfo v1 with issuerAndSerialNumber: what {@code sign-file} does by default. */
    ISSUER_AND_SERIAL,
    /** SignerInfo v3 with the certificate's subjectKeyIdentifier: what {@code sign-file -k} does. */
    SUBJECT_KEY_ID
}
