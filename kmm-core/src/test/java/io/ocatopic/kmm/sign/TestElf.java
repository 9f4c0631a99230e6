package io.ocatopic.kmm.sign;

import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SigningKeys.KmmSigningSecrets;
import io.ocatopic.kmm.sign.SigningKeys.Pkcs11Token;
import io.ocatopic.kmm.sign.VerificationResult.ModuleSignature;
import io.ocatopic.kmm.internal.sign.ModuleCompression;
import io.ocatopic.kmm.internal.sign.TempFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test payloads that pass the signer's ELF check: an ELF64 little-endian ET_REL header over any bytes. */
final class TestElf {
    private TestElf() {
    }

    /**
     * Overwrites the first 64 bytes with an ELF64 header whose one section header lies right after it.
     *
     * @param b at least 65 bytes
     * @return {@code b}
     */
    static byte[] stamp(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        h.put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        h.putShort(16, (short) 1);                                // ET_REL
        h.putLong(0x28, 64);                                      // e_shoff
        h.putShort(0x3A, (short) Math.min(64, b.length - 64));    // e_shentsize
        h.putShort(0x3C, (short) 1);                              // e_shnum
        return b;
    }
}
