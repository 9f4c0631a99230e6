package io.ocatopic.ztp;

/**
 * A network interface of a node.
 *
 * @param name the interface name on the host (for example {@code eno1})
 * @param mac  its MAC address, {@code aa:bb:cc:dd:ee:ff}
 */
public record Nic(String name, String mac) {
}
