package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One decoded netlink attribute: its type (flags stripped), whether it was flagged nested, and its
 * payload without padding.
 *
 * <pre>{@code
 * Attr a = attrs.first(Devlink.ATTR_ESWITCH_MODE).orElseThrow();
 * int mode = a.u16();
 * }</pre>
 *
 * @param type    the attribute type with {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER} masked off
 * @param nested  whether the sender set {@code NLA_F_NESTED}
 * @param payload the payload bytes (the array is shared; do not modify)
 */
public record Attr(int type, boolean nested, byte[] payload) {
    private ByteBuffer le() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    }

    private void need(int n) {
        if (payload.length < n) {
            throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                    "attribute " + type + " has " + payload.length + " bytes, expected " + n);
        }
    }

    /** @return the payload as an unsigned 8-bit value */
    public int u8() {
        need(1);
        return payload[0] & 0xff;
    }

    /** @return the payload as an unsigned 16-bit value in host byte order */
    public int u16() {
        need(2);
        return le().getShort(0) & 0xffff;
    }

    /** @return the payload as a 32-bit value in host byte order (unsigned values above 2^31 come back negative) */
    public int u32() {
        need(4);
        return le().getInt(0);
    }

    /** @return the payload as a 64-bit value in host byte order */
    public long u64() {
        need(8);
        return le().getLong(0);
    }

    /** @return the payload as a string, up to the first NUL */
    public String string() {
        int n = 0;
        while (n < payload.length && payload[n] != 0) {
            n++;
        }
        return new String(payload, 0, n, StandardCharsets.UTF_8);
    }

    /** @return the payload parsed as nested attributes */
    public Attrs attrs() {
        return Attrs.parse(payload, 0, payload.length);
    }

    /** @return the first u32 of a {@code struct nla_bitfield32}: the values */
    public int bitfieldValue() {
        need(8);
        return le().getInt(0);
    }

    /** @return the second u32 of a {@code struct nla_bitfield32}: the selector */
    public int bitfieldSelector() {
        need(8);
        return le().getInt(4);
    }

    @Override
    public String toString() {
        return "Attr[type=" + type + (nested ? ", nested" : "") + ", " + payload.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attr a && a.type == type && a.nested == nested && java.util.Arrays.equals(a.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + java.util.Arrays.hashCode(payload);
    }
}
