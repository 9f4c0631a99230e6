package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
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
                         Compression compression, long payloadBytes, int signatureBytes,
                         String payloadDigestHex, boolean resigned, Duration elapsed) {
    /**
     * How a module file is compressed, detected from its name. Modules are signed uncompressed and
     * compressed afterwards with the settings kbuild uses (kernel 6.1 {@code scripts/Makefile.modinst}), so
     * kmod and the kernel's in-kernel decompressor both read the result.
     */
    public enum Compression {
        /** A plain {@code .ko}. */
        NONE(""),
        /** {@code .ko.xz} (CRC32 check, 1 MiB dictionary). */
        XZ(".xz"),
        /** {@code .ko.zst} (level 3, content checksum). */
        ZSTD(".zst"),
        /** {@code .ko.gz} (no name, no time stamp). */
        GZIP(".gz");

        private final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }

        /**
         * Returns the file name suffix after {@code .ko}.
         *
         * @return the file name suffix after {@code .ko}, empty for none
         */
        public String suffix() {
            return suffix;
        }
    }
}
