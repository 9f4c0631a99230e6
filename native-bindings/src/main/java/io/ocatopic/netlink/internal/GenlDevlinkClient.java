package io.ocatopic.netlink.internal;

import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkPort.NewPort;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import io.ocatopic.netlink.NetlinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link DevlinkClient} over a {@link GenlTransport}: the real one on a {@link GenericNetlink} socket
 * ({@link DevlinkClient#open()}), or any transport, such as a test double answering from an in-memory
 * model ({@link #over(GenlTransport)}).
 *
 * <pre>{@code
 * DevlinkClient devlink = GenlDevlinkClient.over(fakeKernel);   // NO_DEVLINK when the kernel has none
 * }</pre>
 *
 * <p>The family id is resolved once, at construction, with CTRL_CMD_GETFAMILY.
 */
public final class GenlDevlinkClient implements DevlinkClient {
    private final GenlTransport transport;
    private final GenlFamily family;
    private final boolean ownsTransport;

    private GenlDevlinkClient(GenlTransport transport, GenlFamily family, boolean ownsTransport) {
        this.transport = transport;
        this.family = family;
        this.ownsTransport = ownsTransport;
    }

    /**
     * A client on a transport, resolving the {@code devlink} family.
     *
     * @param transport the transport (not closed by this client)
     * @return the client
     * @throws NetlinkException with reason NO_DEVLINK when the kernel has no devlink family
     */
    public static GenlDevlinkClient over(GenlTransport transport) {
        Objects.requireNonNull(transport, "transport");
        return new GenlDevlinkClient(transport, resolve(transport), false);
    }

    /**
     * A client on a new NETLINK_GENERIC socket, which {@link #close()} closes.
     *
     * @param timeout how long to wait for each answer datagram
     * @return the client
     * @throws NetlinkException with reason SYSTEM when the socket cannot be opened, NO_DEVLINK when the
     *                          kernel has no devlink family
     */
    public static GenlDevlinkClient open(Duration timeout) {
        GenericNetlink nl = GenericNetlink.open(timeout);
        try {
            return new GenlDevlinkClient(nl, resolve(nl), true);
        } catch (RuntimeException e) {
            nl.close();
            throw e;
        }
    }

    private static GenlFamily resolve(GenlTransport transport) {
        try {
            return transport.family(Devlink.FAMILY);
        } catch (NetlinkException e) {
            if (e.reason() == NetlinkException.Reason.FAMILY_NOT_FOUND) {
                throw new NetlinkException(NetlinkException.Reason.NO_DEVLINK, e.errno(), null,
                        "the kernel has no devlink generic netlink family: no devlink-capable driver (such as mlx5_core"
                                + " for a BlueField) is loaded, or the kernel is built without CONFIG_NET_DEVLINK");
            }
            throw e;
        }
    }

    /** @return the resolved devlink family */
    public GenlFamily family() {
        return family;
    }

    @Override
    public List<DevlinkHandle> devices() {
        List<DevlinkHandle> out = new ArrayList<>();
        for (GenlMessage m : transport.exchange(DevlinkRequests.devices(family))) {
            out.add(DevlinkCodec.handle(m.attrs()));
        }
        return out;
    }

    @Override
    public DevlinkInfo info(DevlinkHandle h) {
        return DevlinkCodec.info(one(transport.exchange(DevlinkRequests.info(family, h)), "INFO_GET " + h).attrs());
    }

    @Override
    public EswitchSettings eswitch(DevlinkHandle h) {
        return DevlinkCodec.eswitch(one(transport.exchange(DevlinkRequests.eswitchGet(family, h)), "ESWITCH_GET " + h)
                .attrs());
    }

    @Override
    public void setEswitchMode(DevlinkHandle h, EswitchMode mode) {
        transport.exchange(DevlinkRequests.eswitchSet(family, h, mode));
    }

    @Override
    public List<DevlinkPort> ports() {
        List<DevlinkPort> out = new ArrayList<>();
        for (GenlMessage m : transport.exchange(DevlinkRequests.portDump(family))) {
            out.add(DevlinkCodec.port(m.attrs()));
        }
        return out;
    }

    @Override
    public List<DevlinkPort> ports(DevlinkHandle h) {
        List<DevlinkPort> out = new ArrayList<>();
        for (DevlinkPort p : ports()) {
            if (p.handle().equals(h)) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public DevlinkPort port(DevlinkHandle h, int index) {
        return DevlinkCodec.port(one(transport.exchange(DevlinkRequests.portGet(family, h, index)),
                "PORT_GET " + h + "/" + index).attrs());
    }

    @Override
    public DevlinkPort newPort(DevlinkHandle h, NewPort port) {
        return DevlinkCodec.port(one(transport.exchange(DevlinkRequests.portNew(family, h, port)),
                "PORT_NEW " + h).attrs());
    }

    @Override
    public void deletePort(DevlinkHandle h, int index) {
        transport.exchange(DevlinkRequests.portDel(family, h, index));
    }

    @Override
    public void setPortFunction(DevlinkHandle h, int index, PortFunction fn) {
        transport.exchange(DevlinkRequests.portFunctionSet(family, h, index, fn));
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    private static GenlMessage one(List<GenlMessage> replies, String what) {
        if (replies.isEmpty()) {
            throw new NetlinkException(NetlinkException.Reason.PROTOCOL, what + ": no reply");
        }
        return replies.get(0);
    }
}
