package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Pure encoding of generic netlink requests: {@code struct nlmsghdr} (u32 length, u16 type, u16 flags,
 * u32 sequence, u32 port id) then {@code struct genlmsghdr} (u8 command, u8 version, u16 reserved) then
 * the attributes, all in host byte order.
 *
 * <p>Numbers from {@code include/uapi/linux/netlink.h}: NLM_F_REQUEST 1, NLM_F_MULTI 2, NLM_F_ACK 4,
 * NLM_F_DUMP 0x300, NLM_F_CAPPED 0x100, NLM_F_ACK_TLVS 0x200, NLMSG_NOOP 1, NLMSG_ERROR 2,
 * NLMSG_DONE 3, NLMSG_OVERRUN 4, NLMSGERR_ATTR_MSG 1; and {@code include/uapi/linux/genetlink.h}:
 * GENL_ID_CTRL 16, CTRL_CMD_GETFAMILY 3, CTRL_ATTR_FAMILY_ID 1, _FAMILY_NAME 2, _VERSION 3,
 * _HDRSIZE 4, _MAXATTR 5, _MCAST_GROUPS 7, CTRL_ATTR_MCAST_GRP_NAME 1, _ID 2.
 *
 * <pre>{@code
 * byte[] wire = NetlinkCodec.encode(request, 1, 0);
 * }</pre>
 */
public final class NetlinkCodec {
    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int NLMSG_HDRLEN = 16;
    /** {@code GENL_HDRLEN}. */
    public static final int GENL_HDRLEN = 4;
    /** NLM_F_REQUEST. */
    public static final int NLM_F_REQUEST = 1;
    /** NLM_F_MULTI. */
    public static final int NLM_F_MULTI = 2;
    /** NLM_F_ACK. */
    public static final int NLM_F_ACK = 4;
    /** NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH). */
    public static final int NLM_F_DUMP = 0x300;
    /** NLM_F_CAPPED: the error message carries only the request header. */
    public static final int NLM_F_CAPPED = 0x100;
    /** NLM_F_ACK_TLVS: extended-ACK attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;
    /** NLMSG_NOOP. */
    public static final int NLMSG_NOOP = 1;
    /** NLMSG_ERROR. */
    public static final int NLMSG_ERROR = 2;
    /** NLMSG_DONE. */
    public static final int NLMSG_DONE = 3;
    /** NLMSG_OVERRUN. */
    public static final int NLMSG_OVERRUN = 4;
    /** NLMSGERR_ATTR_MSG: the extended-ACK message string. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** GENL_ID_CTRL: the fixed id of the {@code nlctrl} family. */
    public static final int GENL_ID_CTRL = 16;
    /** CTRL_CMD_GETFAMILY. */
    public static final int CTRL_CMD_GETFAMILY = 3;
    /** CTRL_ATTR_FAMILY_ID (u16). */
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    /** CTRL_ATTR_FAMILY_NAME (string). */
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** CTRL_ATTR_VERSION (u32). */
    public static final int CTRL_ATTR_VERSION = 3;
    /** CTRL_ATTR_MAXATTR (u32). */
    public static final int CTRL_ATTR_MAXATTR = 5;
    /** CTRL_ATTR_MCAST_GROUPS (nested list). */
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    private NetlinkCodec() {
    }

    /**
     * The CTRL_CMD_GETFAMILY request for a family name.
     *
     * @param name the family name
     * @return the request to {@code nlctrl}
     */
    public static GenlRequest getFamily(String name) {
        return new GenlRequest(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, false, false,
                new AttrWriter().string(CTRL_ATTR_FAMILY_NAME, name).toByteArray());
    }

    /**
     * The netlink header flags of a request.
     *
     * @param r the request
     * @return NLM_F_REQUEST plus NLM_F_DUMP and NLM_F_ACK as asked
     */
    public static int flags(GenlRequest r) {
        return NLM_F_REQUEST | (r.dump() ? NLM_F_DUMP : 0) | (r.ack() ? NLM_F_ACK : 0);
    }

    /**
     * Encodes a request to its wire bytes.
     *
     * @param r        the request
     * @param sequence the sequence number
     * @param portId   the sender port id (0 lets the kernel fill it in)
     * @return the bytes
     */
    public static byte[] encode(GenlRequest r, int sequence, int portId) {
        byte[] out = new byte[NLMSG_HDRLEN + GENL_HDRLEN + r.attrs().length];
        encode(r, sequence, portId, ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()));
        return out;
    }

    /**
     * Encodes a request into a buffer from index 0.
     *
     * @param r        the request
     * @param sequence the sequence number
     * @param portId   the sender port id
     * @param out      a buffer in host byte order, large enough
     * @return the encoded length
     */
    public static int encode(GenlRequest r, int sequence, int portId, ByteBuffer out) {
        int len = NLMSG_HDRLEN + GENL_HDRLEN + r.attrs().length;
        if (len > out.capacity()) {
            throw new IllegalArgumentException("request of " + len + " bytes does not fit " + out.capacity());
        }
        out.putInt(0, len);
        out.putShort(4, (short) r.familyId());
        out.putShort(6, (short) flags(r));
        out.putInt(8, sequence);
        out.putInt(12, portId);
        out.put(16, (byte) r.command());
        out.put(17, (byte) r.version());
        out.putShort(18, (short) 0);
        out.put(20, r.attrs());
        return len;
    }

    /**
     * Decodes CTRL_CMD_GETFAMILY's reply.
     *
     * @param m the reply
     * @return the family
     */
    public static GenlFamily family(GenlMessage m) {
        Attrs a = m.attrs();
        java.util.Map<String, Integer> groups = new java.util.LinkedHashMap<>();
        a.nested(CTRL_ATTR_MCAST_GROUPS).ifPresent(list -> {
            for (Attr g : list.all()) {
                Attrs ga = g.attrs();
                ga.string(1).ifPresent(n -> groups.put(n, ga.u32(2).orElse(0)));
            }
        });
        return new GenlFamily(a.string(CTRL_ATTR_FAMILY_NAME).orElse(""),
                a.u16(CTRL_ATTR_FAMILY_ID).orElseThrow(() -> new NetlinkException(NetlinkException.Reason.PROTOCOL,
                        "CTRL_CMD_GETFAMILY reply without CTRL_ATTR_FAMILY_ID")),
                a.u32(CTRL_ATTR_VERSION).orElse(0), a.u32(CTRL_ATTR_MAXATTR).orElse(0), groups);
    }
}
