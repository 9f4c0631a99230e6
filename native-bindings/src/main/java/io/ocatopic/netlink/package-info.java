/**
 * Linux generic netlink over JNA (AF_NETLINK sockets through libc) and a devlink client on top.
 *
 * <p>{@link io.ocatopic.netlink.GenericNetlink} is the socket client: family resolution with
 * CTRL_CMD_GETFAMILY, attribute encoding ({@link io.ocatopic.netlink.AttrWriter}) and decoding
 * ({@link io.ocatopic.netlink.Attrs}) with 4-byte alignment and nesting, multipart dumps, ACKs, kernel
 * errors mapped to errno names with the kernel's extended-ACK message, sequence checking and receive
 * timeouts. {@link io.ocatopic.netlink.DevlinkClient} speaks the {@code devlink} family through any
 * {@link io.ocatopic.netlink.GenlTransport}.
 *
 * <pre>{@code
 * try (GenericNetlink nl = GenericNetlink.open()) {
 *     GenlFamily ethtool = nl.family("ethtool");
 *     DevlinkClient devlink = DevlinkClient.over(nl);   // NetlinkException NO_DEVLINK when absent
 * }
 * }</pre>
 */
package io.ocatopic.netlink;
