package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.NetlinkException;
import java.util.List;

/**
 * The seam between generic netlink users (such as {@link GenlDevlinkClient}) and the kernel: resolve a
 * family, exchange one request for its replies. {@link GenericNetlink} is the real implementation;
 * tests can supply a double that answers from an in-memory model.
 *
 * <pre>{@code
 * GenlTransport t = GenericNetlink.open();
 * List<GenlMessage> replies = t.exchange(GenlRequest.to(t.family("nlctrl"), 3).asDump());
 * }</pre>
 */
public interface GenlTransport extends AutoCloseable {
    /**
     * Resolves a family by name.
     *
     * @param name the family name
     * @return the family
     * @throws NetlinkException with reason FAMILY_NOT_FOUND when the kernel has no such family
     */
    GenlFamily family(String name);

    /**
     * Sends a request and collects its replies: all parts of a dump, the single reply of a
     * do-request, or none for an ACKed command without reply.
     *
     * @param request the request
     * @return the replies in order
     * @throws NetlinkException on a kernel error, timeout or protocol violation
     */
    List<GenlMessage> exchange(GenlRequest request);

    /** Releases the transport. */
    @Override
    void close();
}
