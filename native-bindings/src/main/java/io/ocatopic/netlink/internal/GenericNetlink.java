package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generic netlink client: resolves families with CTRL_CMD_GETFAMILY (cached per client), sends
 * requests and collects replies, following multipart dumps to NLMSG_DONE, waiting for ACKs when
 * asked, mapping NLMSG_ERROR to {@link NetlinkException} with the errno name and the kernel's
 * extended-ACK message, checking sequence numbers (stale replies to an earlier, timed-out request
 * are dropped; replies from the future are a protocol error) and timing out receives.
 *
 * <pre>{@code
 * try (GenericNetlink nl = GenericNetlink.open()) {
 *     GenlFamily ethtool = nl.family("ethtool");
 *     List<GenlMessage> links = nl.exchange(GenlRequest.to(ethtool, 2).asDump()
 *             .attrs(w -> w.nested(1, h -> { })));
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are serialised on this client. Use one client per thread for parallelism.
 */
public final class GenericNetlink implements GenlTransport {
    /** The receive timeout of {@link #open()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(GenericNetlink.class);
    private static final int RECV_SIZE = 64 * 1024;
    private static final int MAX_STALE = 1024;

    private final NetlinkChannel channel;
    private final ByteBuffer sendBuf = ByteBuffer.allocateDirect(RECV_SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer recvBuf = ByteBuffer.allocateDirect(RECV_SIZE).order(ByteOrder.nativeOrder());
    private final Map<String, GenlFamily> families = new HashMap<>();
    private int sequence;

    private GenericNetlink(NetlinkChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * Opens a client on a new NETLINK_GENERIC socket with {@link #DEFAULT_TIMEOUT}.
     *
     * @return the client
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened
     */
    public static GenericNetlink open() {
        return open(DEFAULT_TIMEOUT);
    }

    /**
     * Opens a client on a new NETLINK_GENERIC socket.
     *
     * @param timeout how long to wait for each answer datagram
     * @return the client
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened
     */
    public static GenericNetlink open(Duration timeout) {
        return new GenericNetlink(NetlinkChannel.openGeneric(timeout));
    }

    /**
     * A client over a given channel (tests script one byte for byte). Sequence numbers start at 1.
     *
     * @param channel the channel; closed with the client
     * @return the client
     */
    public static GenericNetlink over(NetlinkChannel channel) {
        return new GenericNetlink(channel);
    }

    /** @return the port id of the socket */
    public int portId() {
        return channel.portId();
    }

    @Override
    public synchronized GenlFamily family(String name) {
        GenlFamily f = families.get(name);
        if (f != null) {
            return f;
        }
        List<GenlMessage> replies;
        try {
            replies = exchange(NetlinkCodec.getFamily(name));
        } catch (NetlinkException e) {
            if (e.reason() == NetlinkException.Reason.KERNEL_ERROR && e.errno() == 2) {
                throw new NetlinkException(NetlinkException.Reason.FAMILY_NOT_FOUND, e.errno(),
                        e.kernelMessage().orElse(null), "the kernel has no generic netlink family '" + name + "'");
            }
            throw e;
        }
        if (replies.isEmpty()) {
            throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "CTRL_CMD_GETFAMILY(" + name + ") got no reply");
        }
        f = NetlinkCodec.family(replies.get(0));
        families.put(name, f);
        return f;
    }

    @Override
    public synchronized List<GenlMessage> exchange(GenlRequest request) {
        int seq = ++sequence;
        if (seq == 0) {
            seq = sequence = 1;
        }
        int len = NetlinkCodec.encode(request, seq, 0, sendBuf);
        channel.send(sendBuf, len);
        List<GenlMessage> out = new ArrayList<>();
        int stale = 0;
        while (true) {
            int n = channel.receive(recvBuf);
            int p = 0;
            while (p + NetlinkCodec.NLMSG_HDRLEN <= n) {
                int mlen = recvBuf.getInt(p);
                int type = recvBuf.getShort(p + 4) & 0xffff;
                int flags = recvBuf.getShort(p + 6) & 0xffff;
                int mseq = recvBuf.getInt(p + 8);
                int mport = recvBuf.getInt(p + 12);
                if (mlen < NetlinkCodec.NLMSG_HDRLEN || mlen > n - p) { // n - p: p + mlen may overflow
                    throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                            "malformed netlink message: length " + mlen + " at " + p + " of " + n);
                }
                if (mseq != seq) {
                    if (mseq - seq < 0 && ++stale <= MAX_STALE) {
                        LOG.debug("dropping stale netlink message seq {} (waiting for {})", mseq, seq);
                        p += AttrWriter.align(mlen);
                        continue;
                    }
                    throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                            "netlink reply has sequence " + mseq + ", expected " + seq);
                }
                switch (type) {
                    case NetlinkCodec.NLMSG_NOOP:
                        break;
                    case NetlinkCodec.NLMSG_ERROR: {
                        if (mlen < NetlinkCodec.NLMSG_HDRLEN + 4) {
                            throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                                    "NLMSG_ERROR of " + mlen + " bytes has no error code");
                        }
                        int err = recvBuf.getInt(p + 16);
                        if (err == 0) {
                            return out;
                        }
                        throw kernelError(request, -err, extAckMessage(p, mlen, flags));
                    }
                    case NetlinkCodec.NLMSG_DONE: {
                        if (mlen >= NetlinkCodec.NLMSG_HDRLEN + 4) {
                            int err = recvBuf.getInt(p + 16);
                            if (err < 0) {
                                throw kernelError(request, -err, null);
                            }
                        }
                        return out;
                    }
                    case NetlinkCodec.NLMSG_OVERRUN:
                        throw new NetlinkException(NetlinkException.Reason.PROTOCOL, "netlink overrun");
                    default: {
                        if (mlen < NetlinkCodec.NLMSG_HDRLEN + NetlinkCodec.GENL_HDRLEN) {
                            throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                                    "generic netlink message of " + mlen + " bytes has no genl header");
                        }
                        int cmd = recvBuf.get(p + 16) & 0xff;
                        int ver = recvBuf.get(p + 17) & 0xff;
                        int attrOff = p + NetlinkCodec.NLMSG_HDRLEN + NetlinkCodec.GENL_HDRLEN;
                        Attrs attrs = Attrs.parse(recvBuf, attrOff, p + mlen - attrOff);
                        out.add(new GenlMessage(type, flags, mseq, mport, cmd, ver, attrs));
                        if ((flags & NetlinkCodec.NLM_F_MULTI) == 0 && !request.ack()) {
                            return out;
                        }
                    }
                }
                p += AttrWriter.align(mlen);
            }
        }
    }

    private String extAckMessage(int p, int mlen, int flags) {
        if ((flags & NetlinkCodec.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        int inner = p + NetlinkCodec.NLMSG_HDRLEN + 4;
        int end = p + mlen;
        if (inner + NetlinkCodec.NLMSG_HDRLEN > end) {
            return null; // no room for the echoed request header, so no TLVs either
        }
        int rawInner = recvBuf.getInt(inner);
        if ((flags & NetlinkCodec.NLM_F_CAPPED) == 0
                && (rawInner < NetlinkCodec.NLMSG_HDRLEN || rawInner > end - inner)) {
            return null; // the echoed request's length does not fit this message
        }
        int innerLen = (flags & NetlinkCodec.NLM_F_CAPPED) != 0
                ? NetlinkCodec.NLMSG_HDRLEN : AttrWriter.align(rawInner);
        int tlv = inner + innerLen;
        if (tlv >= end) {
            return null;
        }
        try {
            return Attrs.parse(recvBuf, tlv, end - tlv).string(NetlinkCodec.NLMSGERR_ATTR_MSG).orElse(null);
        } catch (NetlinkException e) {
            return null;
        }
    }

    private static NetlinkException kernelError(GenlRequest r, int errno, String ext) {
        return new NetlinkException(NetlinkException.Reason.KERNEL_ERROR, errno, ext,
                "netlink request (family " + r.familyId() + ", command " + r.command() + ") failed: "
                        + Errno.name(errno) + " (" + errno + ")" + (ext == null ? "" : ": " + ext));
    }

    @Override
    public void close() {
        channel.close();
    }
}
