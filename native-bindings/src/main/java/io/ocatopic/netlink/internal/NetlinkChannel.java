package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.nio.ByteBuffer;

/**
 * A datagram channel to the kernel's netlink: what {@link GenericNetlink} sends and receives raw
 * messages through. {@link #openGeneric(java.time.Duration)} opens the real AF_NETLINK socket; tests
 * can script one byte for byte.
 *
 * <pre>{@code
 * try (NetlinkChannel ch = NetlinkChannel.openGeneric(Duration.ofSeconds(2))) {
 *     GenericNetlink nl = GenericNetlink.over(ch);
 * }
 * }</pre>
 */
public interface NetlinkChannel extends AutoCloseable {
    /**
     * Opens a NETLINK_GENERIC socket through libc, with extended ACKs and capped ACKs enabled and the
     * given receive timeout.
     *
     * @param receiveTimeout how long one receive waits
     * @return the channel
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened
     */
    static NetlinkChannel openGeneric(java.time.Duration receiveTimeout) {
        return LibcNetlinkChannel.open(LibcNetlinkChannel.NETLINK_GENERIC, receiveTimeout);
    }

    /** @return the port id the kernel assigned to this socket (0 for a test channel) */
    int portId();

    /**
     * Sends one datagram.
     *
     * @param buffer a direct buffer holding the datagram from index 0
     * @param length the datagram length
     * @throws NetlinkException with reason SYSTEM when the send fails
     */
    void send(ByteBuffer buffer, int length);

    /**
     * Receives one datagram into the buffer, from index 0.
     *
     * @param buffer a direct buffer
     * @return the datagram length
     * @throws NetlinkException with reason TIMEOUT when nothing arrives in time, PROTOCOL when the
     *                          datagram is larger than the buffer, SYSTEM when the receive fails
     */
    int receive(ByteBuffer buffer);

    /** Closes the channel. */
    @Override
    void close();
}
