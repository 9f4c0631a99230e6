package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
    private final byte[] data = randomBytes(1, 100_000);
    private final String digest = DigestingInputStream.digestOf(data);

    @Test
    void passesMatchingContentAndReportsProgress() throws Exception {
        AtomicLong seen = new AtomicLong();
        try (InputStream in = new DigestingInputStream(new ByteArrayInputStream(data), digest, data.length, seen::addAndGet)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(data.length, seen.get());
    }

    @Test
    void withholdsTheLastBytesOfAWrongBlob() {
        byte[] bad = data.clone();
        bad[5] ^= 1;
        ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
        RegistryException e = assertThrows(RegistryException.class, () -> {
            try (InputStream in = new DigestingInputStream(new ByteArrayInputStream(bad), digest, bad.length, n -> { })) {
                in.transferTo(forwarded);
            }
        });
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
        // the bytes completing the blob were never handed on
        assertEquals(true, forwarded.size() < bad.length);
    }

    @Test
    void rejectsShortAndLongContent() {
        assertThrows(RegistryException.class, () -> new DigestingInputStream(
                new ByteArrayInputStream(data, 0, data.length - 1), digest, data.length, n -> { }).readAllBytes());
        byte[] longer = new byte[data.length + 1];
        System.arraycopy(data, 0, longer, 0, data.length);
        assertThrows(RegistryException.class, () -> new DigestingInputStream(
                new ByteArrayInputStream(longer), digest, data.length, n -> { }).readAllBytes());
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
