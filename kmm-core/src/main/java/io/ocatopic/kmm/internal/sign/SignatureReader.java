package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.VerificationResult;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.sign.VerificationResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The reader behind {@code ModuleSignatureVerifier}: parses the trailer and the CMS blob appended to a module
 * the way the kernel ({@code kernel/module_signature.c}, {@code crypto/asymmetric_keys/pkcs7_*.c}) and kmod's
 * {@code modinfo} do, and verifies the signature against trusted certificates. Every kind of bad input gives
 * its own {@link Status}; only I/O failures on the file itself throw.
 */
public final class SignatureReader {
    private static final int MAX_SIG_LEN = 1 << 20;
    private static final int SCAN_TAIL = 64 * 1024;
    private static final byte[] SIGNED_DATA_OID_DER = ModuleCms.SIGNED_DATA_OID_DER;

    private final List<X509Certificate> trusted;

    /**
     * A reader.
     *
     * @param trusted the trusted certificates (empty to inspect only)
     */
    public SignatureReader(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Reads (and with {@code verify} verifies) a module's signature.
     *
     * @param module the module file
     * @param verify whether to verify against the trusted certificates
     * @return the outcome
     * @throws KmmException {@code IO} when the file cannot be read, {@code BAD_MODULE} when it is not a regular file
     */
    public VerificationResult check(Path module, boolean verify) {
        requireRegular(module);
        ModuleCompression compression = ModuleCompression.of(module);
        if (compression == ModuleCompression.NONE) {
            return checkPlain(module, verify);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("ocatopic-verify-", ".ko");
            try (InputStream in = compression.decompress(Files.newInputStream(module));
                 OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                if (TempFiles.isDiskFull(e)) {
                    throw TempFiles.diskFull(tmp.getParent(), module, -1, e);
                }
                return of(Status.TRUNCATED, module.getFileName() + " is not a complete "
                        + compression.name().toLowerCase(Locale.ROOT) + " stream: " + e.getMessage());
            }
            return checkPlain(tmp, verify);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + module + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        }
    }

    /** Only regular files are opened: a FIFO would block the open and never end. */
    private static void requireRegular(Path module) {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(module, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new KmmException(Reason.IO, "no such file: " + module, e);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + module + ": " + e.getClass().getSimpleName(), e);
        }
        if (!a.isRegularFile()) {
            throw new KmmException(Reason.BAD_MODULE, module + " is " + ModuleFileWriter.kind(a)
                    + ", not a regular file; only regular module files can be verified");
        }
    }

    private VerificationResult checkPlain(Path module, boolean verify) {
        try (FileChannel ch = FileChannel.open(module, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] magic = SignatureTrailer.MAGIC;
            if (size >= magic.length) {
                byte[] tail = read(ch, size - magic.length, magic.length);
                if (!SignatureTrailer.isMagic(tail, 0)) {
                    return noMagic(ch, size, tail);
                }
            } else {
                byte[] all = read(ch, 0, (int) size);
                return noMagic(ch, size, all);
            }
            // the magic is there: kernel/module_signature.c mod_check_sig
            if (size < SignatureTrailer.SIZE) {
                return of(Status.TRUNCATED, "the file ends with the signature magic but is only "
                        + size + " bytes long: no room for struct module_signature");
            }
            ByteBuffer info = ByteBuffer.wrap(read(ch, size - SignatureTrailer.SIZE, SignatureTrailer.INFO_SIZE));
            int algo = info.get(0) & 0xff;
            int hash = info.get(1) & 0xff;
            int idType = info.get(2) & 0xff;
            int signerLen = info.get(3) & 0xff;
            int keyIdLen = info.get(4) & 0xff;
            long sigLen = Integer.toUnsignedLong(info.getInt(8));
            if (idType != SignatureTrailer.ID_PKCS7) {
                return of(Status.BAD_HEADER, "struct module_signature id_type is " + idType
                        + ", not 2 (PKCS#7): the kernel answers -ENOPKG");
            }
            if (algo != 0 || hash != 0 || signerLen != 0 || keyIdLen != 0 || info.get(5) != 0 || info.get(6) != 0 || info.get(7) != 0) {
                return of(Status.BAD_HEADER, "struct module_signature has non-zero algo/hash/signer_len/key_id_len/pad"
                        + " (" + algo + "/" + hash + "/" + signerLen + "/" + keyIdLen + "): the kernel answers -EBADMSG");
            }
            if (sigLen == 0) {
                return of(Status.BAD_LENGTH, "sig_len is 0");
            }
            long payloadLen = size - SignatureTrailer.SIZE - sigLen;
            if (payloadLen < 0) {
                return of(Status.BAD_LENGTH, "sig_len " + sigLen + " runs beyond the start of the "
                        + size + "-byte file");
            }
            if (sigLen > MAX_SIG_LEN) {
                return of(Status.MALFORMED_CMS, "sig_len " + sigLen + " is implausibly large for a module signature");
            }
            byte[] cms = read(ch, payloadLen, (int) sigLen);
            Parsed p;
            try {
                p = parse(cms, payloadLen);
            } catch (Malformed m) {
                return of(m.status, m.getMessage());
            }
            if (!verify) {
                return of(Status.SIGNED, "signed by " + describe(p.sig), p.sig);
            }
            return verify(ch, p);
        } catch (NoSuchFileException e) {
            throw new KmmException(Reason.IO, "no such file: " + e.getFile(), e);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + module + ": " + e, e);
        }
    }

    private VerificationResult noMagic(FileChannel ch, long size, byte[] tail) throws IOException {
        byte[] magic = SignatureTrailer.MAGIC;
        // ends inside the magic: the copy was cut while writing the trailer
        for (int len = Math.min(tail.length, magic.length - 1); len >= 8; len--) {
            if (Arrays.equals(tail, tail.length - len, tail.length, magic, 0, len)) {
                return of(Status.TRUNCATED, "the file ends with the first " + len
                        + " bytes of the signature magic: it was cut short");
            }
        }
        if (tail.length == magic.length) {
            int diff = 0;
            for (int i = 0; i < magic.length; i++) {
                if (tail[i] != magic[i]) {
                    diff++;
                }
            }
            if (diff <= 4) {
                return of(Status.BAD_MAGIC, "the file ends with a damaged signature magic ("
                        + diff + " bytes differ from \"~Module signature appended~\\n\")");
            }
        }
        // ends inside a CMS SignedData: a ContentInfo whose declared length runs past the end
        int scan = (int) Math.min(size, SCAN_TAIL);
        byte[] last = read(ch, size - scan, scan);
        for (int i = last.length - SIGNED_DATA_OID_DER.length; i >= 4; i--) {
            if (last[i - 4] == 0x30 && last[i - 3] == (byte) 0x82
                    && Arrays.equals(last, i, i + SIGNED_DATA_OID_DER.length, SIGNED_DATA_OID_DER, 0, SIGNED_DATA_OID_DER.length)) {
                int declared = ((last[i - 2] & 0xff) << 8) | (last[i - 1] & 0xff);
                long end = (size - scan) + i + declared;
                if (end >= size) {
                    return of(Status.TRUNCATED, "the file ends inside a PKCS#7 signature ("
                            + (end - size) + " bytes of it and the trailer are missing)");
                }
                break;
            }
        }
        return of(Status.UNSIGNED, "no module signature is appended");
    }

    private record Parsed(ModuleSignature sig, SignerInfo signerInfo, Optional<HashAlgorithm> hash) {
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        Malformed(Status status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static Parsed parse(byte[] cms, long payloadLen) throws Malformed {
        SignedData sd;
        try {
            ASN1Primitive prim = ASN1Primitive.fromByteArray(cms);
            if (!Arrays.equals(prim.getEncoded(ASN1Encoding.DER), cms)) {
                throw new Malformed(Status.MALFORMED_CMS, "the signature is not DER-encoded (the kernel's ASN.1 decoder wants DER)");
            }
            ContentInfo ci = ContentInfo.getInstance(prim);
            if (!ci.getContentType().getId().equals(ModuleCms.SIGNED_DATA)) {
                throw new Malformed(Status.MALFORMED_CMS, "the CMS content type is " + ci.getContentType().getId() + ", not signedData");
            }
            sd = SignedData.getInstance(ci.getContent());
        } catch (Malformed m) {
            throw m;
        } catch (IOException | RuntimeException e) {
            throw new Malformed(Status.MALFORMED_CMS, "the signature is not a DER CMS SignedData: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        try {
            int version = sd.getVersion().intValueExact();
            if (version != 1 && version != 3) {
                throw new Malformed(Status.MALFORMED_CMS, "SignedData version " + version + " (the kernel accepts 1 and 3)");
            }
            if (!sd.getEncapContentInfo().getContentType().getId().equals(ModuleCms.DATA)) {
                throw new Malformed(Status.UNSUPPORTED, "the signed content type is not id-data");
            }
            if (sd.getEncapContentInfo().getContent() != null) {
                throw new Malformed(Status.MALFORMED_CMS, "the CMS carries its content: module signatures are detached");
            }
            if (sd.getSignerInfos().size() == 0) {
                throw new Malformed(Status.MALFORMED_CMS, "the CMS has no SignerInfo");
            }
            java.util.List<AlgorithmIdentifier> digestAlgs = new java.util.ArrayList<>();
            for (ASN1Encodable e : sd.getDigestAlgorithms()) {
                digestAlgs.add(AlgorithmIdentifier.getInstance(e));
            }
            if (sd.getCertificates() != null || sd.getCRLs() != null) {
                // allowed by the kernel, but never written by sign-file; parse them to catch damage
                sd.getCertificates();
            }
            SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
            if (si.getUnauthenticatedAttributes() != null) {
                si.getUnauthenticatedAttributes().size();
            }
            if (digestAlgs.stream().noneMatch(a -> a.getAlgorithm().equals(si.getDigestAlgorithm().getAlgorithm()))) {
                throw new Malformed(Status.MALFORMED_CMS, "the signer's digest " + si.getDigestAlgorithm().getAlgorithm().getId()
                        + " is not listed in the SignedData's digestAlgorithms");
            }
            if (si.getAuthenticatedAttributes() != null) {
                throw new Malformed(Status.UNSUPPORTED, "the SignerInfo has signed attributes: the kernel rejects module "
                        + "signatures with authattrs");
            }
            String digestOid = si.getDigestAlgorithm().getAlgorithm().getId();
            Optional<HashAlgorithm> hash = HashAlgorithm.fromOid(digestOid);
            String sigOid = si.getDigestEncryptionAlgorithm().getAlgorithm().getId();
            String sigName = signatureAlgorithmName(sigOid);
            String signer;
            String keyId;
            SignerIdentifier sidType;
            if (si.getSID().isTagged()) {
                sidType = SignerIdentifier.SUBJECT_KEY_ID;
                keyId = hex(ASN1OctetString.getInstance(si.getSID().getId()).getOctets());
                signer = null;
            } else {
                sidType = SignerIdentifier.ISSUER_AND_SERIAL;
                IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(si.getSID().getId());
                keyId = hex(unsignedBytes(ias.getSerialNumber().getValue()));
                signer = commonName(ias.getName());
            }
            int siVersion = si.getVersion().intValueExact();
            if ((sidType == SignerIdentifier.ISSUER_AND_SERIAL && siVersion != 1)
                    || (sidType == SignerIdentifier.SUBJECT_KEY_ID && (siVersion != 3 || version == 1))) {
                throw new Malformed(Status.MALFORMED_CMS, "SignerInfo version " + siVersion + " does not fit its "
                        + sidType + " in SignedData version " + version + " (the kernel answers -EBADMSG)");
            }
            ModuleSignature sig = new ModuleSignature(Optional.ofNullable(signer), keyId, sidType,
                    hash.map(HashAlgorithm::kernelName).orElse(digestOid), hash, sigName, payloadLen, cms.length, cms);
            if (hash.isEmpty()) {
                throw new Malformed(Status.UNSUPPORTED, "digest " + digestOid + " is not one the kernel accepts");
            }
            if (sigName.equals(sigOid)) {
                throw new Malformed(Status.UNSUPPORTED, "signature algorithm " + sigOid
                        + " is not one the kernel accepts (RSA must be rsaEncryption)");
            }
            return new Parsed(sig, si, hash);
        } catch (Malformed m) {
            throw m;
        } catch (RuntimeException e) {
            throw new Malformed(Status.MALFORMED_CMS, "the SignedData is malformed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private VerificationResult verify(FileChannel ch, Parsed p) throws IOException {
        ModuleSignature sig = p.sig;
        Optional<X509Certificate> match = trusted.stream().filter(c -> matches(c, p.signerInfo)).findFirst();
        if (match.isEmpty()) {
            return of(Status.UNTRUSTED_SIGNER, "signed by " + describe(sig)
                    + ", which none of the " + trusted.size() + " trusted certificate(s) is", sig);
        }
        X509Certificate cert = match.get();
        HashAlgorithm hash = p.hash.orElseThrow();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(hash.jcaName());
        } catch (GeneralSecurityException e) {
            return of(Status.UNSUPPORTED, "digest " + hash.kernelName() + " is not available here", sig);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = 0;
        while (pos < sig.payloadLength()) {
            buf.clear();
            if (sig.payloadLength() - pos < buf.capacity()) {
                buf.limit((int) (sig.payloadLength() - pos));
            }
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("file shrank while being verified");
            }
            md.update(buf.array(), 0, n);
            pos += n;
        }
        byte[] digest = md.digest();
        byte[] signature = p.signerInfo.getEncryptedDigest().getOctets();
        String sigOid = p.signerInfo.getDigestEncryptionAlgorithm().getAlgorithm().getId();
        PublicKey key = cert.getPublicKey();
        boolean ok;
        try {
            if (sigOid.equals(ModuleCms.RSA_ENCRYPTION)) {
                if (!(key instanceof RSAPublicKey)) {
                    return of(Status.BAD_SIGNATURE, "an RSA signature but the trusted certificate holds a "
                            + key.getAlgorithm() + " key", sig);
                }
                Signature s = Signature.getInstance("NONEwithRSA");
                s.initVerify(key);
                s.update(ModuleCms.digestInfo(hash, digest));
                ok = s.verify(signature);
            } else {
                if (!(key instanceof ECPublicKey)) {
                    return of(Status.BAD_SIGNATURE, "an ECDSA signature but the trusted certificate holds a "
                            + key.getAlgorithm() + " key", sig);
                }
                Signature s = Signature.getInstance("NONEwithECDSA");
                s.initVerify(key);
                s.update(digest);
                ok = s.verify(signature);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            return of(Status.BAD_SIGNATURE, "the signature by " + describe(sig)
                    + " does not match the module's content (the payload or the signature was altered)", sig);
        }
        return new VerificationResult(Status.VERIFIED, "verified: signed by " + describe(sig), Optional.of(sig), Optional.of(cert));
    }

    private static boolean matches(X509Certificate c, SignerInfo si) {
        try {
            if (si.getSID().isTagged()) {
                Optional<byte[]> skid = ModuleCms.subjectKeyId(c);
                return skid.isPresent() && Arrays.equals(skid.get(), ASN1OctetString.getInstance(si.getSID().getId()).getOctets());
            }
            IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(si.getSID().getId());
            X500Name issuer = X500Name.getInstance(c.getIssuerX500Principal().getEncoded());
            return ias.getSerialNumber().getValue().equals(c.getSerialNumber()) && ias.getName().equals(issuer);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String describe(ModuleSignature s) {
        return s.signer().map(n -> "'" + n + "'").orElse("key id") + " (" + s.keyId() + ", " + s.hashAlgorithm() + ", "
                + s.signatureAlgorithm() + ")";
    }

    private static String commonName(X500Name name) {
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return "";
        }
        ASN1Encodable v = cns[0].getFirst().getValue();
        return IETFUtils.valueToString(v);
    }

    private static String signatureAlgorithmName(String oid) {
        return ModuleCms.signatureAlgorithmName(oid);
    }

    private static VerificationResult of(Status status, String message) {
        return new VerificationResult(status, message, Optional.empty(), Optional.empty());
    }

    private static VerificationResult of(Status status, String message, ModuleSignature sig) {
        return new VerificationResult(status, message, Optional.of(sig), Optional.empty());
    }

    private static byte[] unsignedBytes(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02X", b[i] & 0xff));
        }
        return sb.toString();
    }

    private static byte[] read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.array();
    }
}
