package io.ocatopic.kube.internal.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Streams a blob while checking its SHA-256 digest and size. The check runs on the read that
 * reaches the expected size, before those last bytes are handed on, so a consumer that forwards
 * bytes (an upload) never sends a complete wrong blob.
 */
public final class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha;
    private final String expectedDigest;
    private final long expectedSize;
    private final LongConsumer progress;
    private long count;
    private boolean verified;

    /**
     * Wraps a stream.
     *
     * @param in the content
     * @param expectedDigest its digest, {@code sha256:...}
     * @param expectedSize its size in bytes
     * @param progress receives the number of bytes of each read
     */
    public DigestingInputStream(InputStream in, String expectedDigest, long expectedSize, LongConsumer progress) {
        super(in);
        this.sha = sha256();
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
        this.progress = progress;
    }

    /** @return a new SHA-256 digester */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * @param bytes content
     * @return its {@code sha256:...} digest
     */
    public static String digestOf(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    @Override
    public int read() throws IOException {
        return readOne(this);
    }

    /** One byte through a stream's block {@code read}, so that the block path sees every byte: -1 at the end. */
    static int readOne(java.io.InputStream in) throws IOException {
        byte[] one = new byte[1];
        int n = in.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (verified) {
            int extra = in.read(b, off, Math.min(len, 1));
            if (extra > 0) {
                throw mismatch("more than " + expectedSize + " bytes");
            }
            return -1;
        }
        long remaining = expectedSize - count;
        int want = (int) Math.min(len, Math.max(remaining, 1));
        int n = in.read(b, off, want);
        if (n < 0) {
            if (count != expectedSize) {
                throw mismatch("ended after " + count + " of " + expectedSize + " bytes");
            }
            verify();
            return -1;
        }
        if (count + n > expectedSize) {
            throw mismatch("more than " + expectedSize + " bytes");
        }
        sha.update(b, off, n);
        count += n;
        if (count == expectedSize) {
            verify();
        }
        progress.accept(n);
        return n;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(expectedDigest)) {
            throw mismatch("content has digest " + actual);
        }
        verified = true;
    }

    private RegistryException mismatch(String what) {
        return new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, 0,
                "blob " + expectedDigest + " failed verification: " + what);
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported while verifying a digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** @return bytes read and verified so far */
    public long count() {
        return count;
    }
}
