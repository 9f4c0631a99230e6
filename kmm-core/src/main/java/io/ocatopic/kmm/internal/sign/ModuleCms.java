package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * The CMS/PKCS#7 {@code SignedData} of a module signature, written once for the signer (which encodes it)
 * and the verifier (which checks what it reads against the same object identifiers and structures).
 *
 * <p>The encoding follows what OpenSSL's {@code CMS_sign}/{@code CMS_add1_signer} write with the flags of
 * the kernel's {@code scripts/sign-file.c} ({@code CMS_NOCERTS|CMS_PARTIAL|CMS_BINARY|CMS_DETACHED|CMS_STREAM},
 * {@code CMS_NOSMIMECAP|CMS_NOATTR}, and {@code CMS_USE_KEYID} for {@code -k}): SignedData and SignerInfo
 * version 1 with issuerAndSerialNumber (version 3 with subjectKeyIdentifier), digest algorithm identifiers
 * without parameters, {@code rsaEncryption} with NULL parameters for RSA
 * ({@code crypto/asymmetric_keys/pkcs7_parser.c} rejects {@code sha256WithRSAEncryption}) and
 * {@code ecdsa-with-SHA*} for EC keys. With no signed attributes the signature is computed over the
 * payload digest directly (RSA PKCS#1 v1.5 over the DigestInfo, deterministic).
 */
public final class ModuleCms {
    /** {@code id-signedData}. */
    public static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
    /** {@code id-data}. */
    public static final String DATA = "1.2.840.113549.1.7.1";
    /** {@code rsaEncryption}: the only RSA signature algorithm the kernel accepts in a SignerInfo. */
    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    /** The X.509 {@code subjectKeyIdentifier} extension. */
    public static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    /** The DER encoding of the {@link #SIGNED_DATA} object identifier (tag, length, value). */
    public static final byte[] SIGNED_DATA_OID_DER = der(new ASN1ObjectIdentifier(SIGNED_DATA));

    private final SigningKeys keys;
    private final HashAlgorithm hash;
    private final SignerIdentifier signerIdentifier;
    private final byte[] sidEncoding;

    /**
     * An encoder for one key, digest and signer identifier.
     *
     * @param keys             the signing key and certificate
     * @param hash             the digest
     * @param signerIdentifier how the SignerInfo names the certificate
     * @throws KmmException {@code BAD_KEY} when {@link SignerIdentifier#SUBJECT_KEY_ID} is asked for and the
     *                      certificate has no subjectKeyIdentifier
     */
    public ModuleCms(SigningKeys keys, HashAlgorithm hash, SignerIdentifier signerIdentifier) {
        this.keys = keys;
        this.hash = hash;
        this.signerIdentifier = signerIdentifier;
        this.sidEncoding = signerIdEncoding(keys.certificate(), signerIdentifier);
    }

    /**
     * Builds the ContentInfo/SignedData DER exactly as OpenSSL's CMS code lays it out for sign-file.
     *
     * @param digest the payload digest
     * @return the DER-encoded CMS {@code SignedData}
     * @throws KmmException {@code CRYPTO} when the key refuses to sign
     */
    public byte[] encode(byte[] digest) {
        AlgorithmIdentifier digestAlg = new AlgorithmIdentifier(new ASN1ObjectIdentifier(hash.oid()));
        AlgorithmIdentifier sigAlg;
        byte[] signature;
        try {
            Signature s;
            byte[] input;
            if (keys.keyType() == SigningKeys.KeyType.RSA) {
                input = digestInfo(hash, digest);
                s = signature("NONEwithRSA");
                sigAlg = new AlgorithmIdentifier(new ASN1ObjectIdentifier(RSA_ENCRYPTION), DERNull.INSTANCE);
            } else {
                input = digest;
                s = signature("NONEwithECDSA");
                sigAlg = new AlgorithmIdentifier(new ASN1ObjectIdentifier(ecdsaOid(hash)));
            }
            s.initSign(keys.privateKey());
            s.update(input);
            signature = s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KmmException(Reason.CRYPTO, "signing failed with " + keys.keyType() + " key: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        try {
            int version = signerIdentifier == SignerIdentifier.ISSUER_AND_SERIAL ? 1 : 3;
            ASN1EncodableVector si = new ASN1EncodableVector();
            si.add(new ASN1Integer(version));
            si.add(ASN1Primitive.fromByteArray(sidEncoding));
            si.add(digestAlg);
            si.add(sigAlg);
            si.add(new DEROctetString(signature));

            ASN1EncodableVector sd = new ASN1EncodableVector();
            sd.add(new ASN1Integer(version));
            sd.add(new DERSet(digestAlg));
            sd.add(new DERSequence(new ASN1ObjectIdentifier(DATA)));
            sd.add(new DERSet(new DERSequence(si)));

            ASN1EncodableVector ci = new ASN1EncodableVector();
            ci.add(new ASN1ObjectIdentifier(SIGNED_DATA));
            ci.add(new DERTaggedObject(true, 0, new DERSequence(sd)));
            return new DERSequence(ci).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new KmmException(Reason.CRYPTO, "CMS encoding failed", e);
        }
    }

    private Signature signature(String alg) throws GeneralSecurityException {
        return keys.provider().isPresent() ? Signature.getInstance(alg, keys.provider().get()) : Signature.getInstance(alg);
    }

    /**
     * The DigestInfo an RSA PKCS#1 v1.5 signature covers; its algorithm carries NULL parameters (RFC 8017
     * section 9.2), as OpenSSL's {@code RSA_sign} encodes it.
     *
     * @param hash   the digest algorithm
     * @param digest the digest
     * @return the DER DigestInfo
     */
    public static byte[] digestInfo(HashAlgorithm hash, byte[] digest) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(hash.oid()), DERNull.INSTANCE), digest)
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new KmmException(Reason.CRYPTO, "DigestInfo encoding failed", e);
        }
    }

    /**
     * @param h the digest
     * @return the {@code ecdsa-with-*} signature algorithm OID (RFC 5758 section 3.2, NIST CSOR id-ecdsa-with-sha3-*)
     */
    public static String ecdsaOid(HashAlgorithm h) {
        return switch (h) {
            case SHA224 -> "1.2.840.10045.4.3.1";
            case SHA256 -> "1.2.840.10045.4.3.2";
            case SHA384 -> "1.2.840.10045.4.3.3";
            case SHA512 -> "1.2.840.10045.4.3.4";
            case SHA3_256 -> "2.16.840.1.101.3.4.3.10";
            case SHA3_384 -> "2.16.840.1.101.3.4.3.11";
            case SHA3_512 -> "2.16.840.1.101.3.4.3.12";
        };
    }

    /**
     * @param oid a SignerInfo signature algorithm OID
     * @return its name as {@code modinfo} and OpenSSL print it, or the OID itself when the kernel does not accept it
     */
    public static String signatureAlgorithmName(String oid) {
        if (oid.equals(RSA_ENCRYPTION)) {
            return "rsaEncryption";
        }
        for (HashAlgorithm h : HashAlgorithm.values()) {
            if (ecdsaOid(h).equals(oid)) {
                return switch (h) {
                    case SHA224, SHA256, SHA384, SHA512 -> "ecdsa-with-" + h.name();
                    default -> "id-ecdsa-with-" + h.kernelName();
                };
            }
        }
        return oid;
    }

    /**
     * @param cert a certificate
     * @return its subjectKeyIdentifier, empty when it has none
     */
    public static Optional<byte[]> subjectKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(SUBJECT_KEY_IDENTIFIER);
        if (ext == null) {
            return Optional.empty();
        }
        return Optional.of(ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets());
    }

    private static byte[] signerIdEncoding(X509Certificate cert, SignerIdentifier type) {
        try {
            if (type == SignerIdentifier.ISSUER_AND_SERIAL) {
                ASN1EncodableVector v = new ASN1EncodableVector();
                v.add(ASN1Primitive.fromByteArray(cert.getIssuerX500Principal().getEncoded()));
                v.add(new ASN1Integer(cert.getSerialNumber()));
                return new DERSequence(v).getEncoded(ASN1Encoding.DER);
            }
            byte[] skid = subjectKeyId(cert).orElseThrow(() -> new KmmException(Reason.BAD_KEY,
                    "the certificate has no subjectKeyIdentifier, needed to sign with the key identifier"));
            return new DERTaggedObject(false, 0, new DEROctetString(skid)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new KmmException(Reason.BAD_KEY, "the certificate's issuer or key identifier cannot be encoded", e);
        }
    }

    private static byte[] der(ASN1Primitive p) {
        try {
            return p.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
