package io.ocatopic.netlink.internal;

import java.util.Map;

/**
 * Linux errno numbers to their symbolic names, for the errors netlink families return.
 *
 * <p>Values from the kernel's {@code include/uapi/asm-generic/errno-base.h} and
 * {@code include/uapi/asm-generic/errno.h} (x86-64 and arm64 use the generic numbering), plus the
 * kernel-internal {@code ENOTSUPP} (524, {@code include/linux/errno.h}) that some drivers leak.
 *
 * <pre>{@code
 * String name = Errno.name(16);   // "EBUSY"
 * }</pre>
 */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"), Map.entry(6, "ENXIO"), Map.entry(7, "E2BIG"), Map.entry(9, "EBADF"),
            Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"),
            Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"),
            Map.entry(21, "EISDIR"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"),
            Map.entry(28, "ENOSPC"), Map.entry(30, "EROFS"), Map.entry(34, "ERANGE"), Map.entry(61, "ENODATA"),
            Map.entry(71, "EPROTO"), Map.entry(74, "EBADMSG"), Map.entry(75, "EOVERFLOW"), Map.entry(84, "EILSEQ"),
            Map.entry(90, "EMSGSIZE"), Map.entry(93, "EPROTONOSUPPORT"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(98, "EADDRINUSE"), Map.entry(105, "ENOBUFS"),
            Map.entry(110, "ETIMEDOUT"), Map.entry(114, "EALREADY"), Map.entry(115, "EINPROGRESS"),
            Map.entry(524, "ENOTSUPP"));

    private Errno() {
    }

    /**
     * The symbolic name of an errno.
     *
     * @param errno a positive errno (a negative one is taken as its absolute value)
     * @return the name, or {@code "errno N"} for a number not in the table
     */
    public static String name(int errno) {
        int e = Math.abs(errno);
        String n = NAMES.get(e);
        return n != null ? n : "errno " + e;
    }
}
