package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A decoded list of netlink attributes, in wire order. Types may repeat (lists are encoded as
 * repeated attributes).
 *
 * <pre>{@code
 * Attrs attrs = message.attrs();
 * String bus = attrs.string(Devlink.ATTR_BUS_NAME).orElse("");
 * Optional<Attrs> fn = attrs.nested(Devlink.ATTR_PORT_FUNCTION);
 * }</pre>
 */
public final class Attrs {
    private static final int TYPE_MASK = 0x3fff;
    private static final Attrs EMPTY = new Attrs(List.of());

    private final List<Attr> list;

    private Attrs(List<Attr> list) {
        this.list = list;
    }

    /** @return an empty attribute list */
    public static Attrs empty() {
        return EMPTY;
    }

    /**
     * Parses attributes from bytes.
     *
     * @param bytes  the buffer
     * @param offset where the first attribute starts
     * @param length how many bytes belong to the attributes
     * @return the attributes
     * @throws NetlinkException with reason PROTOCOL when an attribute length runs past the end
     */
    public static Attrs parse(byte[] bytes, int offset, int length) {
        return parse(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), offset, length);
    }

    /**
     * Parses attributes from a buffer in host byte order.
     *
     * @param buf    the buffer (its position and limit are not used or changed)
     * @param offset where the first attribute starts
     * @param length how many bytes belong to the attributes
     * @return the attributes
     * @throws NetlinkException with reason PROTOCOL when an attribute length runs past the end
     */
    public static Attrs parse(ByteBuffer buf, int offset, int length) {
        List<Attr> out = new ArrayList<>();
        int p = offset;
        int end = offset + length;
        while (p + AttrWriter.HEADER <= end) {
            int len = buf.getShort(p) & 0xffff;
            int rawType = buf.getShort(p + 2) & 0xffff;
            if (len < AttrWriter.HEADER || p + len > end) {
                throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                        "malformed attribute at offset " + (p - offset) + ": length " + len);
            }
            byte[] payload = new byte[len - AttrWriter.HEADER];
            buf.get(p + AttrWriter.HEADER, payload);
            out.add(new Attr(rawType & TYPE_MASK, (rawType & AttrWriter.NLA_F_NESTED) != 0, payload));
            p += AttrWriter.align(len);
        }
        return new Attrs(List.copyOf(out));
    }

    /** @return every attribute, in wire order */
    public List<Attr> all() {
        return list;
    }

    /**
     * Every attribute of one type, in wire order.
     *
     * @param type the attribute type
     * @return the attributes (empty when none)
     */
    public List<Attr> all(int type) {
        List<Attr> out = new ArrayList<>();
        for (Attr a : list) {
            if (a.type() == type) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The first attribute of a type.
     *
     * @param type the attribute type
     * @return the attribute, if present
     */
    public Optional<Attr> first(int type) {
        for (Attr a : list) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * @param type the attribute type
     * @return whether an attribute of that type is present
     */
    public boolean has(int type) {
        return first(type).isPresent();
    }

    /**
     * @param type the attribute type
     * @return the first such attribute as a string
     */
    public Optional<String> string(int type) {
        return first(type).map(Attr::string);
    }

    /**
     * @param type the attribute type
     * @return the first such attribute as an unsigned 8-bit value
     */
    public OptionalInt u8(int type) {
        Optional<Attr> a = first(type);
        return a.isPresent() ? OptionalInt.of(a.get().u8()) : OptionalInt.empty();
    }

    /**
     * @param type the attribute type
     * @return the first such attribute as an unsigned 16-bit value
     */
    public OptionalInt u16(int type) {
        Optional<Attr> a = first(type);
        return a.isPresent() ? OptionalInt.of(a.get().u16()) : OptionalInt.empty();
    }

    /**
     * @param type the attribute type
     * @return the first such attribute as a 32-bit value
     */
    public OptionalInt u32(int type) {
        Optional<Attr> a = first(type);
        return a.isPresent() ? OptionalInt.of(a.get().u32()) : OptionalInt.empty();
    }

    /**
     * @param type the attribute type
     * @return the first such attribute parsed as nested attributes
     */
    public Optional<Attrs> nested(int type) {
        return first(type).map(Attr::attrs);
    }

    /**
     * @param type the attribute type
     * @return the first such attribute's raw payload
     */
    public Optional<byte[]> bytes(int type) {
        return first(type).map(a -> Arrays.copyOf(a.payload(), a.payload().length));
    }

    /** @return the number of attributes */
    public int size() {
        return list.size();
    }

    @Override
    public String toString() {
        return "Attrs" + list;
    }
}
