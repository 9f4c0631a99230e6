package io.ocatopic.netlink.internal;

import static io.ocatopic.netlink.internal.ScriptedChannel.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 16: the generic-netlink decoding ({@link Attrs}, {@link Attr}, {@link GenericNetlink#exchange} and
 * {@link DevlinkCodec} behind {@link GenlDevlinkClient}) fed arbitrary bytes and mutated kernel replies
 * (the {@link DevlinkFixtureTest} fixtures with bits flipped, bytes set, length fields set to 0, 3, 0xffff or
 * the like, truncated, with junk appended or inserted). Each try ends in a decoded value or a
 * {@link NetlinkException}, never another exception, and within a few seconds. Fixed seeds: CI runs the same
 * tries every time.
 */
class NetlinkDecodingProperties {
    private static final long BUDGET_S = 5;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netlink-properties");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopWorker() {
        WORKER.shutdownNow();
    }

    static final String FAMILY_REPLY = "38000000 1000 0000 01000000 34120000 | 0102 0000 | 0c00 0200 6465766c696e6b00"
            + " | 0600 0100 1500 0000 | 0800 0300 01000000 | 0800 0500 b4000000";
    static final String ESWITCH = "48000000 1500 0000 02000000 34120000 | 1d01 0000 | " + DevlinkFixtureTest.HANDLE
            + " | 0600 1900 0100 0000 | 0500 1a00 00000000 | 0500 3e00 01000000";
    static final String INFO = "88000000 1500 0000 02000000 34120000 | 3301 0000 | " + DevlinkFixtureTest.HANDLE
            + " | 0e00 6200 6d6c78355f636f726500 0000"
            + " | 0800 6300 534e3100"
            + " | 2000 6400 | 0d00 6700 626f6172642e696400 000000 | 0900 6800 4d42463200 000000"
            + " | 2000 6500 | 0f00 6700 66772e76657273696f6e00 00 | 0a00 6800 32342e333500 0000";
    static final String ERROR = "38000000 0200 0003 02000000 34120000 | f0ffffff | 38000000 1500 0500 02000000 00000000"
            + " | 1400 0100 66697874757265206d65737361676500";
    /** Valid replies to a request with sequence 2 (the first one after the family lookup). */
    static final List<byte[]> REPLIES = List.of(hex(DevlinkFixtureTest.PORT_P0), hex(DevlinkFixtureTest.PORT_VF1),
            hex(DevlinkFixtureTest.PORT_VF1 + DevlinkFixtureTest.DONE_2), hex(DevlinkFixtureTest.DONE_2), hex(ESWITCH),
            hex(INFO), hex(ERROR), hex(DevlinkFixtureTest.ack(2, "38000000 1500 0500 02000000 00000000")));

    // ---------------------------------------------------------------- attributes alone

    @Property(tries = 1000, seed = "16001", shrinking = ShrinkingMode.BOUNDED)
    void attributesOfArbitraryBytesDecodeOrSayProtocol(@ForAll("junk") byte[] bytes) {
        bounded(() -> {
            try {
                walk(Attrs.parse(bytes, 0, bytes.length), 0);
            } catch (NetlinkException e) {
                assertEquals(NetlinkException.Reason.PROTOCOL, e.reason(), e.toString());
            }
            return null;
        });
    }

    @Property(tries = 1000, seed = "16002", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void attributesOfMutatedRepliesDecodeOrSayProtocol(@ForAll("mutatedReplies") byte[] bytes) {
        bounded(() -> {
            int off = Math.min(bytes.length, NetlinkCodec.NLMSG_HDRLEN + NetlinkCodec.GENL_HDRLEN);
            try {
                Attrs a = Attrs.parse(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), off, bytes.length - off);
                walk(a, 0);
                decodeAsDevlink(a);
            } catch (NetlinkException e) {
                assertNotNull(e.reason(), e.toString());
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- whole exchanges

    @Property(tries = 600, seed = "16003", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void devlinkRepliesThatAreMutatedGiveAValueOrANetlinkException(@ForAll("datagrams") List<byte[]> replies,
                                                                  @ForAll("commands") int command) {
        bounded(() -> {
            ListChannel ch = new ListChannel(List.of(hex(FAMILY_REPLY)), replies);
            try (GenlDevlinkClient devlink = GenlDevlinkClient.over(GenericNetlink.over(ch))) {
                Object result = switch (command) {
                    case 0 -> devlink.ports();
                    case 1 -> devlink.devices();
                    case 2 -> devlink.info(DevlinkFixtureTest.CARD);
                    case 3 -> devlink.eswitch(DevlinkFixtureTest.CARD);
                    case 4 -> devlink.port(DevlinkFixtureTest.CARD, 2);
                    default -> {
                        devlink.deletePort(DevlinkFixtureTest.CARD, 2);
                        yield "acked";
                    }
                };
                assertNotNull(result);
            } catch (NetlinkException e) {
                assertNotNull(e.reason(), e.toString());
            }
            return null;
        });
    }

    @Property(tries = 400, seed = "16004", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void familyRepliesThatAreMutatedGiveAFamilyOrANetlinkException(@ForAll("mutatedFamily") byte[] reply) {
        bounded(() -> {
            ListChannel ch = new ListChannel(List.of(reply), List.of());
            try (GenericNetlink nl = GenericNetlink.over(ch)) {
                GenlFamily f = nl.family(Devlink.FAMILY);
                assertNotNull(f.name());
            } catch (NetlinkException e) {
                assertNotNull(e.reason(), e.toString());
            }
            return null;
        });
    }

    @Property(tries = 1000, seed = "16005", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
    void wellFormedAttributesWithAnyValuesDecodeOrSayProtocol(@ForAll("devlinkAttrs") byte[] attrs) {
        bounded(() -> {
            Attrs a = Attrs.parse(attrs, 0, attrs.length);
            walk(a, 0);
            decodeAsDevlink(a);
            return null;
        });
    }

    // ---------------------------------------------------------------- decoding helpers

    /** Reads every attribute every way the codecs do (each may refuse with PROTOCOL), nested ones too. */
    static void walk(Attrs attrs, int depth) {
        for (Attr a : attrs.all()) {
            for (Runnable r : List.<Runnable>of(a::u8, a::u16, a::u32, a::u64, a::string, a::bitfieldValue,
                    a::bitfieldSelector)) {
                try {
                    r.run();
                } catch (NetlinkException e) {
                    assertEquals(NetlinkException.Reason.PROTOCOL, e.reason(), e.toString());
                }
            }
            if (depth < 8) {
                try {
                    walk(a.attrs(), depth + 1);
                } catch (NetlinkException e) {
                    assertEquals(NetlinkException.Reason.PROTOCOL, e.reason(), e.toString());
                }
            }
        }
    }

    static void decodeAsDevlink(Attrs a) {
        List<Runnable> codecs = List.of(() -> DevlinkCodec.handle(a), () -> DevlinkCodec.port(a),
                () -> DevlinkCodec.info(a), () -> DevlinkCodec.eswitch(a), () -> DevlinkCodec.function(a),
                () -> NetlinkCodec.family(new GenlMessage(0x10, 0, 1, 0, 1, 2, a)));
        for (Runnable r : codecs) {
            try {
                r.run();
            } catch (NetlinkException e) {
                assertNotNull(e.reason(), e.toString());
            }
        }
    }

    /** Runs one try on the worker thread and fails it when it takes longer than {@link #BUDGET_S}. */
    static void bounded(Callable<Void> body) {
        Future<Void> f = WORKER.submit(body);
        try {
            f.get(BUDGET_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the decoder did not finish within " + BUDGET_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            fail(e.getCause());
        }
    }

    /** Answers with the given datagrams in order, then times out as a real socket would. */
    static final class ListChannel implements NetlinkChannel {
        private final Deque<byte[]> replies = new ArrayDeque<>();

        ListChannel(List<byte[]> first, List<byte[]> then) {
            replies.addAll(first);
            replies.addAll(then);
        }

        @Override
        public int portId() {
            return 0x1234;
        }

        @Override
        public void send(ByteBuffer buffer, int length) {
            // every request is accepted
        }

        @Override
        public int receive(ByteBuffer buffer) {
            byte[] next = replies.poll();
            if (next == null) {
                throw new NetlinkException(NetlinkException.Reason.TIMEOUT, 11, null, "no more replies");
            }
            if (next.length > buffer.capacity()) {
                throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "datagram larger than the buffer");
            }
            buffer.put(0, next);
            return next.length;
        }

        @Override
        public void close() {
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        // attribute-shaped junk: headers with plausible and implausible lengths
        Arbitrary<byte[]> shaped = Combinators.combine(Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 0xffff), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((len, type, payload) -> {
                    ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder());
                    b.putShort((short) (int) len).putShort((short) (int) type).put(payload);
                    return b.array();
                }).list().ofMaxSize(6).map(NetlinkDecodingProperties::concat);
        return Arbitraries.oneOf(random, shaped);
    }

    @Provide
    Arbitrary<byte[]> mutatedReplies() {
        return Mutations.of(Arbitraries.of(REPLIES));
    }

    @Provide
    Arbitrary<byte[]> mutatedFamily() {
        return Mutations.of(Arbitraries.just(hex(FAMILY_REPLY)));
    }

    @Provide
    Arbitrary<List<byte[]>> datagrams() {
        Arbitrary<byte[]> one = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Mutations.of(Arbitraries.of(REPLIES))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(REPLIES)),
                net.jqwik.api.Tuple.of(1, junk()));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** The devlink attribute types the codecs read, plus a few they do not. */
    static final int[] TYPES = {Devlink.ATTR_BUS_NAME, Devlink.ATTR_DEV_NAME, Devlink.ATTR_PORT_INDEX,
        Devlink.ATTR_PORT_TYPE, Devlink.ATTR_PORT_NETDEV_NAME, Devlink.ATTR_ESWITCH_MODE,
        Devlink.ATTR_ESWITCH_INLINE_MODE, Devlink.ATTR_ESWITCH_ENCAP_MODE, Devlink.ATTR_PORT_FLAVOUR,
        Devlink.ATTR_INFO_DRIVER_NAME, Devlink.ATTR_INFO_SERIAL_NUMBER, Devlink.ATTR_INFO_VERSION_FIXED,
        Devlink.ATTR_INFO_VERSION_RUNNING, Devlink.ATTR_INFO_VERSION_NAME, Devlink.ATTR_INFO_VERSION_VALUE,
        Devlink.ATTR_PORT_PCI_PF_NUMBER, 0x80, 0x91, 0x95, 0x96, 0xa4, 5, 0x3fff};

    @Provide
    Arbitrary<byte[]> devlinkAttrs() {
        Arbitrary<byte[]> payload = Arbitraries.oneOf(
                Arbitraries.of(new byte[0], new byte[] {0}, "/\0".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "pci\0".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe},
                        new byte[] {2, 0, 0, 0}, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                Arbitraries.strings().ofMaxLength(8).map(x -> (x + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Arbitrary<byte[]> flat = Combinators.combine(Arbitraries.of(Arrays.stream(TYPES).boxed().toList()), payload)
                .as((t, b) -> new AttrWriter().bytes(t, b).toByteArray());
        Arbitrary<byte[]> nested = Combinators.combine(Arbitraries.of(0x91, Devlink.ATTR_INFO_VERSION_FIXED,
                        Devlink.ATTR_INFO_VERSION_RUNNING, Devlink.ATTR_INFO_VERSION_STORED, 7),
                        Combinators.combine(Arbitraries.integers().between(1, 4), payload)
                                .as((t, b) -> new AttrWriter().bytes(t, b).toByteArray()).list().ofMaxSize(4))
                .as((t, inner) -> new AttrWriter().bytes(t, concat(inner)).toByteArray());
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, flat), net.jqwik.api.Tuple.of(1, nested))
                .list().ofMaxSize(12).map(NetlinkDecodingProperties::concat);
    }

    @Provide
    Arbitrary<Integer> commands() {
        return Arbitraries.integers().between(0, 5);
    }

    static byte[] concat(List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    /** Byte-level mutations of a valid message. */
    static final class Mutations {
        private static final int[] U16 = {0, 1, 3, 4, 5, 0x7fff, 0x8000, 0xfffc, 0xffff};
        private static final int[] U32 = {0, 1, 3, 4, 15, 16, 19, 20, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff};

        record Mutation(int kind, int pos, int value, byte[] junk) {
            byte[] apply(byte[] b) {
                int len = b.length;
                int at = len == 0 ? 0 : Math.floorMod(pos, len);
                ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
                switch (kind) {
                    case 0: // flip a bit
                        if (len > 0) {
                            b[at] ^= (byte) (1 << (value & 7));
                        }
                        return b;
                    case 1: // set a byte: NUL, '/', 0xff, 0x80 or any
                        if (len > 0) {
                            int[] edge = {0, '/', 0xff, 0x80, value};
                            b[at] = (byte) edge[Math.floorMod(value, edge.length)];
                        }
                        return b;
                    case 2: // truncate
                        return Arrays.copyOf(b, Math.floorMod(pos, len + 1));
                    case 3: // append junk
                        return concat(List.of(b, junk));
                    case 4: // a 16-bit length or type field set to an edge value (attribute headers sit at 4n)
                        if (len >= 2) {
                            le.putShort(Math.min(at & ~1, len - 2), (short) U16[Math.floorMod(value, U16.length)]);
                        }
                        return b;
                    case 5: // a 32-bit field (nlmsg_len, error code, u32 payload) set to an edge value
                        if (len >= 4) {
                            le.putInt(Math.min(at & ~3, len - 4), U32[Math.floorMod(value, U32.length)]);
                        }
                        return b;
                    case 6: // delete a range
                        int n = Math.min(len - at, 1 + Math.floorMod(value, 8));
                        byte[] out = new byte[len - n];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(b, at + n, out, at, len - at - n);
                        return out;
                    default: // insert junk
                        return concat(List.of(Arrays.copyOfRange(b, 0, at), junk, Arrays.copyOfRange(b, at, len)));
                }
            }
        }

        static Arbitrary<byte[]> of(Arbitrary<byte[]> base) {
            Arbitrary<Mutation> m = Combinators.combine(Arbitraries.integers().between(0, 7),
                    Arbitraries.integers().between(0, 1 << 16), Arbitraries.integers(),
                    Arbitraries.bytes().array(byte[].class).ofMaxSize(24)).as(Mutation::new);
            return Combinators.combine(base, m.list().ofMinSize(1).ofMaxSize(4)).as((b, ms) -> {
                byte[] out = b.clone();
                for (Mutation x : ms) {
                    out = x.apply(out);
                }
                return out;
            });
        }
    }
}
