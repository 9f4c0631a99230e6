package io.ocatopic.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Encodes netlink attributes ({@code struct nlattr}: u16 length, u16 type, payload padded to 4
 * bytes) in host byte order. Nested attributes carry {@code NLA_F_NESTED} (0x8000), which strict
 * kernel policies require and lenient ones ignore ({@code include/uapi/linux/netlink.h}).
 *
 * <pre>{@code
 * byte[] attrs = new AttrWriter()
 *         .string(Devlink.ATTR_BUS_NAME, "pci")
 *         .string(Devlink.ATTR_DEV_NAME, "0000:03:00.0")
 *         .u16(Devlink.ATTR_ESWITCH_MODE, 1)
 *         .toByteArray();
 * }</pre>
 *
 * <p>Not thread-safe; one writer per message.
 */
public final class AttrWriter {
    /** {@code NLA_F_NESTED}: the attribute carries nested attributes. */
    public static final int NLA_F_NESTED = 1 << 15;
    /** {@code NLA_HDRLEN}: the attribute header size. */
    public static final int HEADER = 4;

    private byte[] buf = new byte[64];
    private int pos;

    /** Creates an empty writer. */
    public AttrWriter() {
    }

    /**
     * Rounds up to the 4-byte netlink alignment ({@code NLA_ALIGN}, {@code NLMSG_ALIGN}).
     *
     * @param n a length
     * @return the aligned length
     */
    public static int align(int n) {
        return (n + 3) & ~3;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
    }

    private AttrWriter raw(int type, byte[] payload, int len) {
        int total = HEADER + len;
        ensure(align(total));
        ByteBuffer b = view();
        b.putShort(pos, (short) total);
        b.putShort(pos + 2, (short) type);
        System.arraycopy(payload, 0, buf, pos + HEADER, len);
        Arrays.fill(buf, pos + total, pos + align(total), (byte) 0);
        pos += align(total);
        return this;
    }

    /**
     * Adds an attribute with raw bytes (binary attributes such as a hardware address).
     *
     * @param type    the attribute type
     * @param payload the payload
     * @return this writer
     */
    public AttrWriter bytes(int type, byte[] payload) {
        return raw(type, payload, payload.length);
    }

    /**
     * Adds a NUL-terminated string ({@code NLA_NUL_STRING} / {@code NLA_STRING}).
     *
     * @param type  the attribute type
     * @param value the string
     * @return this writer
     */
    public AttrWriter string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = Arrays.copyOf(s, s.length + 1);
        return raw(type, z, z.length);
    }

    /**
     * Adds a u8.
     *
     * @param type  the attribute type
     * @param value the value (low 8 bits)
     * @return this writer
     */
    public AttrWriter u8(int type, int value) {
        return raw(type, new byte[] {(byte) value}, 1);
    }

    /**
     * Adds a u16 in host byte order.
     *
     * @param type  the attribute type
     * @param value the value (low 16 bits)
     * @return this writer
     */
    public AttrWriter u16(int type, int value) {
        byte[] b = new byte[2];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putShort((short) value);
        return raw(type, b, 2);
    }

    /**
     * Adds a u32 in host byte order.
     *
     * @param type  the attribute type
     * @param value the value
     * @return this writer
     */
    public AttrWriter u32(int type, int value) {
        byte[] b = new byte[4];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(value);
        return raw(type, b, 4);
    }

    /**
     * Adds a u64 in host byte order.
     *
     * @param type  the attribute type
     * @param value the value
     * @return this writer
     */
    public AttrWriter u64(int type, long value) {
        byte[] b = new byte[8];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putLong(value);
        return raw(type, b, 8);
    }

    /**
     * Adds a flag (an attribute without payload).
     *
     * @param type the attribute type
     * @return this writer
     */
    public AttrWriter flag(int type) {
        return raw(type, new byte[0], 0);
    }

    /**
     * Adds a {@code struct nla_bitfield32} (u32 value, u32 selector): only the bits set in the
     * selector are changed, to their value in {@code value}.
     *
     * @param type     the attribute type
     * @param value    the bit values
     * @param selector the bits to change
     * @return this writer
     */
    public AttrWriter bitfield32(int type, int value, int selector) {
        byte[] b = new byte[8];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(value).putInt(selector);
        return raw(type, b, 8);
    }

    /**
     * Adds a nested attribute, flagged {@link #NLA_F_NESTED}, whose content {@code body} writes.
     *
     * @param type the attribute type
     * @param body writes the nested attributes
     * @return this writer
     */
    public AttrWriter nested(int type, Consumer<AttrWriter> body) {
        AttrWriter inner = new AttrWriter();
        body.accept(inner);
        return raw(type | NLA_F_NESTED, inner.buf, inner.pos);
    }

    /** @return the number of bytes written, always a multiple of 4 */
    public int size() {
        return pos;
    }

    /** @return a copy of the encoded attributes */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
