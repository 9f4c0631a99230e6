package io.ocatopic.kmm.internal.sign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes appended after the CMS blob: the 12-byte {@code struct module_signature} and the
 * 28-byte magic.
 *
 * <p>Source: kernel {@code include/linux/module_signature.h} and {@code scripts/sign-file.c}:
 * {@code algo=0, hash=0, id_type=PKEY_ID_PKCS7 (2), signer_len=0, key_id_len=0, __pad[3]=0,
 * sig_len} as a big-endian u32, then {@code MODULE_SIG_STRING "~Module signature appended~\n"}.
 */
public final class SignatureTrailer {
    public static final byte[] MAGIC = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
    public static final int INFO_SIZE = 12;
    public static final int SIZE = INFO_SIZE + 28;
    public static final int ID_PKCS7 = 2;

    private SignatureTrailer() {
    }

    /** @return the 40 bytes that follow a CMS blob of {@code sigLen} bytes */
    public static byte[] encode(int sigLen) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(new byte[] {0, 0, ID_PKCS7, 0, 0, 0, 0, 0});
        b.putInt(sigLen); // ByteBuffer is big-endian by default, as __be32 sig_len wants
        b.put(MAGIC);
        return b.array();
    }

    /** @return whether the 28 bytes at {@code off} are the magic */
    public static boolean isMagic(byte[] bytes, int off) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[off + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
