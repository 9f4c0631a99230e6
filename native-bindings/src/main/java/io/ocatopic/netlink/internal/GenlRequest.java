package io.ocatopic.netlink.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A generic netlink request: family id, command, version, whether it is a dump, whether an ACK is
 * asked for, and the encoded attributes.
 *
 * <pre>{@code
 * GenlRequest r = GenlRequest.to(family, Devlink.CMD_ESWITCH_SET)
 *         .withAck()
 *         .attrs(w -> w.string(Devlink.ATTR_BUS_NAME, "pci").string(Devlink.ATTR_DEV_NAME, "0000:03:00.0")
 *                      .u16(Devlink.ATTR_ESWITCH_MODE, 1));
 * }</pre>
 *
 * @param familyId the family id (the netlink message type)
 * @param command  the generic netlink command
 * @param version  the family version sent in the generic netlink header
 * @param dump     whether this is a dump ({@code NLM_F_DUMP}); replies end with NLMSG_DONE
 * @param ack      whether an ACK is asked for ({@code NLM_F_ACK}); for commands without a reply
 * @param attrs    the encoded attributes (shared; do not modify)
 */
public record GenlRequest(int familyId, int command, int version, boolean dump, boolean ack, byte[] attrs) {
    /**
     * Validates the fields.
     *
     * @param familyId see the record description
     * @param command see the record description
     * @param version see the record description
     * @param dump see the record description
     * @param ack see the record description
     * @param attrs see the record description
     */
    public GenlRequest {
        Objects.requireNonNull(attrs, "attrs");
        if (familyId <= 0 || familyId > 0xffff) {
            throw new IllegalArgumentException("family id out of range: " + familyId);
        }
    }

    /**
     * A request to a resolved family, without attributes.
     *
     * @param family  the family
     * @param command the command
     * @return a do-request without ACK
     */
    public static GenlRequest to(GenlFamily family, int command) {
        return new GenlRequest(family.id(), command, family.version(), false, false, new byte[0]);
    }

    /** @return a copy flagged as a dump */
    public GenlRequest asDump() {
        return new GenlRequest(familyId, command, version, true, ack, attrs);
    }

    /** @return a copy that asks for an ACK */
    public GenlRequest withAck() {
        return new GenlRequest(familyId, command, version, dump, true, attrs);
    }

    /**
     * @param body writes the attributes
     * @return a copy with these attributes
     */
    public GenlRequest attrs(Consumer<AttrWriter> body) {
        AttrWriter w = new AttrWriter();
        body.accept(w);
        return new GenlRequest(familyId, command, version, dump, ack, w.toByteArray());
    }

    /** @return the request's attributes decoded */
    public Attrs decodedAttrs() {
        return Attrs.parse(attrs, 0, attrs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenlRequest r && r.familyId == familyId && r.command == command && r.version == version
                && r.dump == dump && r.ack == ack && Arrays.equals(r.attrs, attrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(familyId, command, version, dump, ack, Arrays.hashCode(attrs));
    }

    @Override
    public String toString() {
        return "GenlRequest[family=" + familyId + ", cmd=" + command + (dump ? ", dump" : "") + (ack ? ", ack" : "")
                + ", " + attrs.length + " attr bytes]";
    }
}
