package io.ocatopic.kmm.sign;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What signing one module did.
 *
 * @param module           the signed file written
 * @param hash             the digest used
 * @param signerIdentifier how the signature names the certificate
 * @param compression      how the file is compressed
 * @param payloadBytes     length of the signed (uncompressed) module payload
 * @param signatureBytes   length of the CMS blob ({@code sig_len})
 * @param payloadDigestHex the payload's digest, lower-case hex
 * @param resigned         whether an existing signature was stripped first
 * @param elapsed          wall time spent
 */
public record SignResult(Path module, HashAlgorithm hash, SignerIdentifier signerIdentifier,
                         ModuleCompression compression, long payloadBytes, int signatureBytes,
                         String payloadDigestHex, boolean resigned, Duration elapsed) {
}
