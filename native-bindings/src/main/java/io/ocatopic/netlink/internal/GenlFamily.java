package io.ocatopic.netlink.internal;

import java.util.Map;

/**
 * A resolved generic netlink family (CTRL_CMD_GETFAMILY's answer).
 *
 * <pre>{@code
 * GenlFamily f = nl.family("ethtool");
 * int id = f.id();
 * }</pre>
 *
 * @param name            the family name
 * @param id              the family id, the netlink message type of its messages
 * @param version         the family version
 * @param maxAttr         the highest attribute type the family accepts
 * @param multicastGroups multicast group name to id
 */
public record GenlFamily(String name, int id, int version, int maxAttr, Map<String, Integer> multicastGroups) {
    /**
     * Copies the groups.
     *
     * @param name see the record description
     * @param id see the record description
     * @param version see the record description
     * @param maxAttr see the record description
     * @param multicastGroups see the record description
     */
    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }
}
