package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.internal.sign.SignatureReader;
import io.ocatopic.kmm.sign.VerificationResult.Status;
import io.ocatopic.core.Problem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Reads and verifies the signature appended to a kernel module, the way the kernel
 * ({@code kernel/module_signature.c}, {@code crypto/asymmetric_keys/pkcs7_*.c}) and kmod's
 * {@code modinfo} do.
 *
 * <p>Every kind of bad input gives its own {@link VerificationResult.Status} with one explaining line:
 * unsigned, truncated, damaged magic, {@code sig_len} beyond the file, a bad
 * {@code struct module_signature}, malformed CMS, CMS the kernel refuses, a signer that no trusted
 * certificate matches, and a signature that does not match the payload. Only I/O failures on the
 * file itself throw ({@link KmmException} with {@code IO}). Compressed modules ({@code .ko.xz},
 * {@code .ko.zst}, {@code .ko.gz}) are decompressed to a temporary file first.
 *
 * <pre>{@code
 * ModuleSignatureVerifier verifier = ModuleSignatureVerifier.trusting(
 *         SigningKeys.readCertificates(Path.of("signing_key.x509")));
 * VerificationResult r = verifier.verify(Path.of("hello.ko"));
 * if (r.status() != VerificationResult.Status.VERIFIED) {
 *     System.err.println(r.status() + ": " + r.message());
 * }
 * }</pre>
 */
public final class ModuleSignatureVerifier {
    private final List<X509Certificate> trusted;
    private final SignatureReader reader;

    private ModuleSignatureVerifier(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
        this.reader = new SignatureReader(this.trusted);
    }

    /**
     * A verifier that trusts the given certificates (the kernel's built-in, secondary or machine
     * owner keys, for example).
     *
     * @param trusted one or more certificates
     * @return the verifier
     * @throws KmmException {@code INVALID} when no certificate is given
     */
    public static ModuleSignatureVerifier trusting(Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw KmmException.invalid(List.of(new Problem("trusted", "at least one certificate is needed")));
        }
        return new ModuleSignatureVerifier(List.copyOf(trusted));
    }

    /**
     * A verifier trusting the given certificates.
     *
     * @param trusted one or more certificates
     * @return the verifier
     * @throws KmmException {@code INVALID} when no certificate is given
     */
    public static ModuleSignatureVerifier trusting(X509Certificate... trusted) {
        return trusting(Arrays.asList(trusted));
    }

    /**
     * Returns the trusted certificates.
     *
     * @return the trusted certificates
     */
    public List<X509Certificate> trusted() {
        return trusted;
    }

    /**
     * Reads a module's signature without verifying it (what {@code modinfo} shows).
     *
     * @param module the module file
     * @return {@link Status#SIGNED} with the signature, or the status saying what is wrong
     * @throws KmmException {@code IO} when the file cannot be read (a full disk says so), {@code BAD_MODULE}
     *                      when it is not a regular file (a FIFO, a device node, a directory)
     */
    public static VerificationResult inspect(Path module) {
        return new SignatureReader(List.of()).check(module, false);
    }

    /**
     * Verifies a module's signature against the trusted certificates.
     *
     * @param module the module file
     * @return {@link Status#VERIFIED} with the signature and the certificate, or what is wrong
     * @throws KmmException {@code IO} when the file cannot be read (a full disk says so), {@code BAD_MODULE}
     *                      when it is not a regular file (a FIFO, a device node, a directory)
     */
    public VerificationResult verify(Path module) {
        return reader.check(module, true);
    }
}
