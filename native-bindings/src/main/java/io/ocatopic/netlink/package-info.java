/**
 * devlink over Linux generic netlink (AF_NETLINK sockets through libc, JNA).
 *
 * <p>{@link io.ocatopic.netlink.DevlinkClient} is the entry point: it lists devlink instances and their
 * info, reads and sets the eswitch mode, lists, adds and deletes ports and sets port functions. Ports and
 * their flavour, function and capabilities are {@link io.ocatopic.netlink.DevlinkPort} and its nested
 * types. Every failure is a {@link io.ocatopic.netlink.NetlinkException} with a
 * {@link io.ocatopic.netlink.NetlinkException.Reason}, the errno name and the kernel's extended-ACK
 * message.
 *
 * <pre>{@code
 * try (DevlinkClient devlink = DevlinkClient.open()) {   // NetlinkException NO_DEVLINK when absent
 *     System.out.println(devlink.devices());
 * }
 * }</pre>
 */
package io.ocatopic.netlink;
