package io.ocatopic.netlink;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.netlink.internal.Errno;
import java.util.List;
import java.util.Optional;

/**
 * The one exception of the netlink layer: what failed, why (a {@link Reason}), and for kernel errors
 * the errno and the kernel's extended-ACK message.
 *
 * <pre>{@code
 * try {
 *     devlink.setEswitchMode(handle, DevlinkClient.EswitchMode.SWITCHDEV);
 * } catch (NetlinkException e) {
 *     if (e.reason() == NetlinkException.Reason.KERNEL_ERROR && "EBUSY".equals(e.errnoName())) { ... }
 * }
 * }</pre>
 */
public final class NetlinkException extends OcatopicException {
    private static final long serialVersionUID = 1L;

    /** Why a netlink operation failed; the {@link #outcome()} is always {@link Outcome#OUTSIDE_FAILED}. */
    public enum Reason {
        /** The kernel has no generic netlink family of that name. */
        FAMILY_NOT_FOUND,
        /** The kernel has no {@code devlink} family (no devlink-capable driver, or devlink not built). */
        NO_DEVLINK,
        /** The kernel answered the request with an error (see {@link #errno()}). */
        KERNEL_ERROR,
        /** No answer arrived within the timeout. */
        TIMEOUT,
        /** The answer broke the protocol: truncated, wrong sequence number, malformed attributes. */
        PROTOCOL,
        /** A socket system call failed (see {@link #errno()}). */
        SYSTEM,
        /** The client was used after it was closed. */
        CLOSED
    }

    /** The positive errno, or 0. */
    private final int errno;
    /** The kernel's extended-ACK message, or null. */
    private final String kernelMessage;

    /**
     * Creates an exception.
     *
     * @param reason        why it failed
     * @param errno         the positive errno, or 0 when none applies
     * @param kernelMessage the kernel's extended-ACK message, or {@code null}
     * @param message       what failed, in one line
     */
    public NetlinkException(Reason reason, int errno, String kernelMessage, String message) {
        super(reason, Outcome.OUTSIDE_FAILED, message, List.of(), null);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /**
     * Creates an exception without an errno.
     *
     * @param reason  why it failed
     * @param message what failed, in one line
     */
    public NetlinkException(Reason reason, String message) {
        this(reason, 0, null, message);
    }

    /**
     * Returns why the operation failed.
     *
     * @return why it failed
     */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    /**
     * Returns the positive errno, or 0 when none applies.
     *
     * @return the positive errno, or 0 when none applies
     */
    public int errno() {
        return errno;
    }

    /**
     * Returns the errno's symbolic name ({@code "EBUSY"}), or an empty string when there is no errno.
     *
     * @return the errno's symbolic name ({@code "EBUSY"}), or an empty string when there is no errno
     */
    public String errnoName() {
        return errno == 0 ? "" : Errno.name(errno);
    }

    /**
     * Returns the kernel's extended-ACK message, when the kernel sent one.
     *
     * @return the kernel's extended-ACK message, when the kernel sent one
     */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}
