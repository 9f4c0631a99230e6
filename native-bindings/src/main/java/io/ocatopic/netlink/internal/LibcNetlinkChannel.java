package io.ocatopic.netlink.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * An AF_NETLINK socket through libc, with JNA direct mapping (the fastest JNA call path).
 *
 * <p>Constants from the kernel uapi: AF_NETLINK 16 ({@code include/linux/socket.h}), NETLINK_GENERIC
 * 16, SOL_NETLINK 270, NETLINK_CAP_ACK 10, NETLINK_EXT_ACK 11 ({@code include/uapi/linux/netlink.h});
 * SOL_SOCKET 1, SO_RCVTIMEO 20 ({@code include/uapi/asm-generic/socket.h}, 64-bit {@code struct timeval}),
 * MSG_TRUNC 0x20. {@code size_t}/{@code ssize_t} are mapped to Java {@code long} (LP64 Linux only).
 */
final class LibcNetlinkChannel implements NetlinkChannel {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_GENERIC = 16;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    /** Direct-mapped libc. */
    static final class Libc {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        private Libc() {
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int bind(int fd, Pointer addr, int len) throws LastErrorException;

        static native int getsockname(int fd, Pointer addr, Pointer len) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

        static native long send(int fd, Pointer buf, long len, int flags) throws LastErrorException;

        static native long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }

    private final int fd;
    private final int portId;
    private volatile boolean closed;

    private LibcNetlinkChannel(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    static LibcNetlinkChannel open(int protocol, Duration receiveTimeout) {
        int fd;
        try {
            fd = Libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw sys("socket(AF_NETLINK)", e);
        }
        try {
            Memory one = new Memory(4);
            one.setInt(0, 1);
            // best effort: older kernels lack them, and replies are still correct without
            trySetOpt(fd, SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
            trySetOpt(fd, SOL_NETLINK, NETLINK_CAP_ACK, one, 4);
            Memory tv = new Memory(16);
            long micros = Math.max(1, receiveTimeout.toNanos() / 1000);
            tv.setLong(0, micros / 1_000_000);
            tv.setLong(8, micros % 1_000_000);
            Libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            Memory addr = new Memory(12);
            addr.clear();
            addr.setShort(0, (short) AF_NETLINK);
            Libc.bind(fd, addr, 12);
            Memory len = new Memory(4);
            len.setInt(0, 12);
            Libc.getsockname(fd, addr, len);
            return new LibcNetlinkChannel(fd, addr.getInt(4));
        } catch (LastErrorException e) {
            try {
                Libc.close(fd);
            } catch (LastErrorException ignored) {
                // closing a socket we just opened; nothing more to do
            }
            throw sys("netlink socket setup", e);
        }
    }

    private static void trySetOpt(int fd, int level, int name, Pointer v, int len) {
        try {
            Libc.setsockopt(fd, level, name, v, len);
        } catch (LastErrorException ignored) {
            // optional feature
        }
    }

    private static NetlinkException sys(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        return new NetlinkException(NetlinkException.Reason.SYSTEM, errno, null,
                what + " failed: " + Errno.name(errno) + " (" + errno + ")");
    }

    @Override
    public int portId() {
        return portId;
    }

    private void open() {
        if (closed) {
            throw new NetlinkException(NetlinkException.Reason.CLOSED, "netlink socket is closed");
        }
    }

    @Override
    public void send(ByteBuffer buffer, int length) {
        open();
        Pointer p = Native.getDirectBufferPointer(buffer);
        while (true) {
            try {
                long n = Libc.send(fd, p, length, 0);
                if (n != length) {
                    throw new NetlinkException(NetlinkException.Reason.SYSTEM, "short netlink send: " + n + " of " + length);
                }
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw sys("netlink send", e);
                }
            }
        }
    }

    @Override
    public int receive(ByteBuffer buffer) {
        open();
        Pointer p = Native.getDirectBufferPointer(buffer);
        while (true) {
            try {
                long n = Libc.recv(fd, p, buffer.capacity(), MSG_TRUNC);
                if (n > buffer.capacity()) {
                    throw new NetlinkException(NetlinkException.Reason.PROTOCOL,
                            "netlink datagram of " + n + " bytes truncated to " + buffer.capacity());
                }
                return (int) n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) {
                    throw new NetlinkException(NetlinkException.Reason.TIMEOUT, EAGAIN, null,
                            "no netlink answer within the receive timeout");
                }
                if (e.getErrorCode() != EINTR) {
                    throw sys("netlink recv", e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                Libc.close(fd);
            } catch (LastErrorException ignored) {
                // the descriptor is gone either way
            }
        }
    }

    static ByteOrder order() {
        return ByteOrder.nativeOrder();
    }
}
