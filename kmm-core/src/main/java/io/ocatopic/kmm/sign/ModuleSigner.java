package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.internal.sign.BatchSigner;
import io.ocatopic.kmm.internal.sign.ModuleCms;
import io.ocatopic.kmm.internal.sign.ModuleFileWriter;
import io.ocatopic.kube.ProgressEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs Linux kernel modules in process, producing exactly the bytes the kernel's
 * {@code scripts/sign-file} produces for RSA keys (ECDSA signatures are randomized and differ, but
 * have the same structure): the CMS {@code SignedData} (no certificates, no signed attributes, detached
 * content), the 12-byte {@code struct module_signature} and the magic are appended to the module.
 *
 * <p>The module is streamed once through the digest while being copied to a temporary file next to the
 * target, which is then renamed over it: a failure or an interrupt never leaves a half-signed module, and
 * heap use does not depend on the module size.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_key.x509"));
 * ModuleSigner signer = ModuleSigner.builder(keys)
 *         .hash(ModuleSigner.HashAlgorithm.SHA256)
 *         .signerIdentifier(ModuleSigner.SignerIdentifier.ISSUER_AND_SERIAL)
 *         .build();
 * Path module = Path.of("hello.ko");                           // .ko.xz/.zst/.gz too
 * VerificationResult before = ModuleSignatureVerifier.inspect(module);   // reads only: what modinfo shows
 * if (before.status() == VerificationResult.Status.UNSIGNED) {
 *     SignResult r = signer.sign(module, Path.of("signed/hello.ko"));    // a new file; the input is untouched
 *     ModuleSignatureVerifier.trusting(keys.certificate()).verify(Path.of("signed/hello.ko"));
 * }
 * // signer.signInPlace(module) replaces the file atomically, once you trust the output
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (each call uses its own digest and signature objects).
 */
public final class ModuleSigner {
    /**
     * The digests the kernel accepts for module signatures, named as {@code sign-file} and
     * {@code modinfo} name them.
     *
     * <p>Source: kernel {@code crypto/asymmetric_keys/pkcs7_parser.c} ({@code pkcs7_sig_note_digest_algo})
     * and {@code Documentation/admin-guide/module-signing.rst}: SHA-2 and SHA-3 at 256/384/512 bits
     * (SHA-224 is parsed too). Hashing uses the JDK's {@link java.security.MessageDigest}, whose SHA-2
     * implementations use the CPU's SHA instructions.
     *
     * <pre>{@code
     * HashAlgorithm h = HashAlgorithm.fromName("sha384").orElseThrow();
     * }</pre>
     */
    public enum HashAlgorithm {
        /** SHA-224 (accepted by the kernel, not recommended). */
        SHA224("sha224", "SHA-224", "2.16.840.1.101.3.4.2.4"),
        /** SHA-256, the default and what KMM's sign job hard-codes. */
        SHA256("sha256", "SHA-256", "2.16.840.1.101.3.4.2.1"),
        /** SHA-384. */
        SHA384("sha384", "SHA-384", "2.16.840.1.101.3.4.2.2"),
        /** SHA-512. */
        SHA512("sha512", "SHA-512", "2.16.840.1.101.3.4.2.3"),
        /** SHA3-256. */
        SHA3_256("sha3-256", "SHA3-256", "2.16.840.1.101.3.4.2.8"),
        /** SHA3-384. */
        SHA3_384("sha3-384", "SHA3-384", "2.16.840.1.101.3.4.2.9"),
        /** SHA3-512. */
        SHA3_512("sha3-512", "SHA3-512", "2.16.840.1.101.3.4.2.10");

        private final String kernelName;
        private final String jcaName;
        private final String oid;

        HashAlgorithm(String kernelName, String jcaName, String oid) {
            this.kernelName = kernelName;
            this.jcaName = jcaName;
            this.oid = oid;
        }

        /**
         * Returns the name {@code sign-file} takes and {@code modinfo} prints as {@code sig_hashalgo}.
         *
         * @return the name {@code sign-file} takes and {@code modinfo} prints as {@code sig_hashalgo}
         */
        public String kernelName() {
            return kernelName;
        }

        /**
         * Returns the JCA {@link java.security.MessageDigest} algorithm name.
         *
         * @return the JCA {@link java.security.MessageDigest} algorithm name
         */
        public String jcaName() {
            return jcaName;
        }

        /**
         * Returns the dotted object identifier of the digest.
         *
         * @return the dotted object identifier of the digest
         */
        public String oid() {
            return oid;
        }

        /**
         * Looks a digest up by its kernel name ({@code sha256}, {@code sha3-384}), its JCA name or its
         * enum name, ignoring case.
         *
         * @param name the name
         * @return the digest, or empty when the kernel does not accept it
         */
        public static Optional<HashAlgorithm> fromName(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(h -> h.kernelName.equals(n) || h.jcaName.toLowerCase(Locale.ROOT).equals(n)
                            || h.name().toLowerCase(Locale.ROOT).equals(n))
                    .findFirst();
        }

        /**
         * Looks a digest up by its object identifier.
         *
         * @param oid dotted OID
         * @return the digest, or empty when unknown
         */
        public static Optional<HashAlgorithm> fromOid(String oid) {
            return Arrays.stream(values()).filter(h -> h.oid.equals(oid)).findFirst();
        }
    }

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

    /**
     * The outcome for one module of {@link #signAllInPlace}.
     *
     * @param module  the module
     * @param result  the result, when it was signed
     * @param failure the failure, when it was not
     */
    public record BatchEntry(Path module, Optional<SignResult> result, Optional<KmmException> failure) {
    }

    private final SigningKeys keys;
    private final HashAlgorithm hash;
    private final SignerIdentifier signerIdentifier;
    private final ModuleFileWriter writer;

    private ModuleSigner(Builder b) {
        this.keys = b.keys;
        this.hash = b.hash;
        this.signerIdentifier = b.signerIdentifier;
        this.writer = new ModuleFileWriter(new ModuleCms(keys, hash, signerIdentifier), hash, signerIdentifier,
                b.resign, b.fsync, b.allowNonElf, b.progress);
    }

    /**
     * Starts a signer configuration: SHA-256, issuerAndSerialNumber, refusing signed input.
     *
     * @param keys the signing key and certificate
     * @return the builder
     */
    public static Builder builder(SigningKeys keys) {
        return new Builder(keys);
    }

    /**
     * A signer with the defaults {@code sign-file} and KMM use: SHA-256, issuerAndSerialNumber.
     *
     * @param keys the signing key and certificate
     * @return the signer
     */
    public static ModuleSigner of(SigningKeys keys) {
        return builder(keys).build();
    }

    /**
     * Returns the keys this signer uses.
     *
     * @return the keys this signer uses
     */
    public SigningKeys keys() {
        return keys;
    }

    /**
     * Returns the digest this signer uses.
     *
     * @return the digest this signer uses
     */
    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * Returns how signatures name the certificate.
     *
     * @return how signatures name the certificate
     */
    public SignerIdentifier signerIdentifier() {
        return signerIdentifier;
    }

    /**
     * Signs a module file into another file (which may be the same file). The compression is taken
     * from the input's name; the output is compressed the same way.
     *
     * <p>Only regular files are opened (a FIFO would block, a device node would be replaced); the
     * payload must be an ELF relocatable object unless {@link Builder#allowNonElf(boolean)}. The
     * temporary files ({@code .<name>.ocatopic-sign-<pid>-<start>-<n>.tmp}) are removed on failure, on
     * SIGINT/SIGTERM (a shutdown hook) and, when a killed process left them, by the next signer that
     * writes into the same directory.
     *
     * @param in  the module ({@code .ko}, {@code .ko.xz}, {@code .ko.zst}, {@code .ko.gz})
     * @param out where the signed module goes, written atomically
     * @return what was done
     * @throws KmmException {@code ALREADY_SIGNED} (unless re-signing), {@code BAD_MODULE} (not a
     *                      regular file, not ELF, truncated), {@code INVALID} ({@code out} is not a
     *                      regular file), {@code IO} (a disk full says so, with the free space),
     *                      {@code CRYPTO}, {@code INTERRUPTED}
     */
    public SignResult sign(Path in, Path out) {
        return writer.sign(in, out);
    }

    /**
     * Signs a module file in place (atomically replacing it).
     *
     * @param module the module
     * @return what was done
     * @throws KmmException as {@link #sign(Path, Path)}
     */
    public SignResult signInPlace(Path module) {
        return writer.sign(module, module);
    }

    /**
     * Streams an unsigned, uncompressed module from {@code in} to {@code out} and appends the
     * signature. Because the end of a stream is only known when it is reached, signed input is
     * detected only at the end: the call then throws {@code ALREADY_SIGNED} and what was written to
     * {@code out} must be discarded. Neither stream is closed.
     *
     * @param in  the module bytes
     * @param out where the signed module goes
     * @return the number of bytes written
     * @throws KmmException {@code ALREADY_SIGNED}, {@code IO}, {@code CRYPTO}, {@code INTERRUPTED}
     */
    public long sign(InputStream in, OutputStream out) {
        return writer.sign(in, out);
    }

    /**
     * Computes only the detached CMS signature of a payload (what {@code sign-file -d} writes to
     * {@code <module>.p7s}).
     *
     * @param payload the bytes to sign, read to the end, not closed
     * @return the DER-encoded CMS {@code SignedData}
     * @throws KmmException {@code IO}, {@code CRYPTO}
     */
    public byte[] detachedSignature(InputStream payload) {
        return writer.detachedSignature(payload);
    }

    /**
     * Computes the detached CMS signature for a payload digest computed elsewhere.
     *
     * @param payloadDigest the digest of the payload with {@link #hash()}
     * @return the DER-encoded CMS {@code SignedData}
     * @throws KmmException {@code INVALID} for a digest of the wrong length, {@code CRYPTO}
     */
    public byte[] signatureForDigest(byte[] payloadDigest) {
        return writer.signatureForDigest(payloadDigest);
    }

    /**
     * Signs many modules, each in place, on {@code parallelism} threads (RSA signing is CPU-bound, so
     * one thread per core pays off for many small modules). Every module gets its own result; one
     * failing module does not stop the others.
     *
     * @param modules     the modules
     * @param parallelism threads to use (1 = in the calling thread)
     * @return one entry per module, in order: the result or the failure
     * @throws KmmException {@code INTERRUPTED}
     */
    public List<BatchEntry> signAllInPlace(List<Path> modules, int parallelism) {
        return BatchSigner.signAll(modules, parallelism, this::signInPlace);
    }

    /** Configures a {@link ModuleSigner}. */
    public static final class Builder {
        private final SigningKeys keys;
        private HashAlgorithm hash = HashAlgorithm.SHA256;
        private SignerIdentifier signerIdentifier = SignerIdentifier.ISSUER_AND_SERIAL;
        private boolean resign;
        private boolean fsync;
        private boolean allowNonElf;
        private ProgressEvent.Listener progress;

        private Builder(SigningKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /**
         * Sets the digest algorithm.
         *
         * @param hash the digest (default SHA-256)
         * @return this builder
         */
        public Builder hash(HashAlgorithm hash) {
            this.hash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /**
         * Sets how signatures name the certificate.
         *
         * @param id issuerAndSerialNumber (default) or subjectKeyIdentifier ({@code sign-file -k})
         * @return this builder
         */
        public Builder signerIdentifier(SignerIdentifier id) {
            this.signerIdentifier = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets whether an already-signed module is re-signed.
         *
         * @param resign whether an already-signed module has its signature stripped and replaced
         *               (default: refused with {@code ALREADY_SIGNED})
         * @return this builder
         */
        public Builder resign(boolean resign) {
            this.resign = resign;
            return this;
        }

        /**
         * Sets whether the signed file is flushed to disk before the rename.
         *
         * @param fsync whether the signed file is flushed to disk before the rename (default off,
         *              like {@code sign-file}; the rename is atomic either way)
         * @return this builder
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * Sets whether a payload that is not a kernel module (an ELF relocatable object) is signed anyway.
         *
         * @param allow whether a payload that is not an ELF relocatable object (a kernel module) is
         *              signed anyway, as {@code sign-file} does (default: refused with {@code BAD_MODULE},
         *              which also catches empty, text and truncated files)
         * @return this builder
         */
        public Builder allowNonElf(boolean allow) {
            this.allowNonElf = allow;
            return this;
        }

        /**
         * Sets the listener that receives progress while a module is signed.
         *
         * @param listener receives progress per chunk: {@link ProgressEvent.Kind#ADVANCED} events, step
         *                 {@code sign}, subject the module's file name ({@code ""} for streams), {@code done}
         *                 and {@code total} payload bytes ({@code total} 0 when unknown: streams, compressed input)
         * @return this builder
         */
        public Builder progress(ProgressEvent.Listener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the signer.
         *
         * @return the signer
         * @throws KmmException {@code BAD_KEY} when {@link SignerIdentifier#SUBJECT_KEY_ID} is asked
         *                      for and the certificate has no subjectKeyIdentifier
         */
        public ModuleSigner build() {
            return new ModuleSigner(this);
        }
    }
}
