package io.ocatopic.netlink.internal;

/**
 * One decoded generic netlink message from the kernel.
 *
 * <pre>{@code
 * for (GenlMessage m : nl.request(GenlRequest.to(family, cmd).asDump())) {
 *     String name = m.attrs().string(Devlink.ATTR_DEV_NAME).orElse("");
 * }
 * }</pre>
 *
 * @param type     the netlink message type (the family id)
 * @param flags    the netlink header flags ({@code NLM_F_MULTI}, ...)
 * @param sequence the sequence number
 * @param portId   the sender's port id as set in the header
 * @param command  the generic netlink command
 * @param version  the generic netlink version
 * @param attrs    the attributes
 */
public record GenlMessage(int type, int flags, int sequence, int portId, int command, int version, Attrs attrs) {
    /**
     * A message built locally, for test doubles of {@link GenlTransport}.
     *
     * @param command the command
     * @param attrs   writes the attributes
     * @return the message (type, flags, sequence and port 0)
     */
    public static GenlMessage of(int command, java.util.function.Consumer<AttrWriter> attrs) {
        AttrWriter w = new AttrWriter();
        attrs.accept(w);
        byte[] b = w.toByteArray();
        return new GenlMessage(0, 0, 0, 0, command, 1, Attrs.parse(b, 0, b.length));
    }
}
