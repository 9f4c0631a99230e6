package io.ocatopic.kmm.sign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** @return the name {@code sign-file} takes and {@code modinfo} prints as {@code sig_hashalgo} */
    public String kernelName() {
        return kernelName;
    }

    /** @return the JCA {@link java.security.MessageDigest} algorithm name */
    public String jcaName() {
        return jcaName;
    }

    /** @return the dotted object identifier of the digest */
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
