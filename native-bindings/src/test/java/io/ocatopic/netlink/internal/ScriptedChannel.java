package io.ocatopic.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/** A byte-level netlink channel for tests: checks each datagram sent, answers with scripted datagrams. */
final class ScriptedChannel implements NetlinkChannel {
    private final Deque<byte[]> expectedSends = new ArrayDeque<>();
    private final Deque<byte[]> replies = new ArrayDeque<>();
    final List<byte[]> sent = new ArrayList<>();
    boolean closed;

    /**
     * Hex with spaces, '|' separators and '#' comments to the end of a line.
     */
    static byte[] hex(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            int c = line.indexOf('#');
            sb.append(c >= 0 ? line.substring(0, c) : line);
        }
        return HexFormat.of().parseHex(sb.toString().replaceAll("[\\s|]", ""));
    }

    ScriptedChannel expect(String requestHex) {
        expectedSends.add(hex(requestHex));
        return this;
    }

    ScriptedChannel reply(String datagramHex) {
        replies.add(hex(datagramHex));
        return this;
    }

    @Override
    public int portId() {
        return 0x1234;
    }

    @Override
    public void send(ByteBuffer buffer, int length) {
        byte[] b = new byte[length];
        buffer.get(0, b);
        sent.add(b);
        byte[] want = expectedSends.poll();
        if (want != null) {
            assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(b), "request bytes");
        }
    }

    @Override
    public int receive(ByteBuffer buffer) {
        byte[] next = replies.poll();
        if (next == null) {
            throw new NetlinkException(NetlinkException.Reason.TIMEOUT, 11, null, "scripted channel has no more replies");
        }
        buffer.put(0, next);
        return next.length;
    }

    @Override
    public void close() {
        closed = true;
    }
}
