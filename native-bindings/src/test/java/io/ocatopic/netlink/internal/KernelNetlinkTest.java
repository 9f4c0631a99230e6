package io.ocatopic.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.NetlinkException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The netlink layer against the running kernel. Needs nothing but a Linux kernel with generic
 * netlink (always there), so these are plain unit tests.
 *
 * <p>ethtool numbers from {@code include/uapi/linux/ethtool_netlink.h}: ETHTOOL_MSG_LINKINFO_GET 2,
 * ETHTOOL_MSG_LINKSTATE_GET 6 (replies carry the same numbers), ETHTOOL_A_LINKINFO_HEADER and
 * ETHTOOL_A_LINKSTATE_HEADER 1, ETHTOOL_A_LINKSTATE_LINK 2 (u8), ETHTOOL_A_HEADER_DEV_INDEX 1,
 * ETHTOOL_A_HEADER_DEV_NAME 2. {@code lo} has no link settings (LINKINFO answers EOPNOTSUPP, and a
 * LINKINFO dump skips it) but reports its link state through {@code ethtool_op_get_link}.
 */
class KernelNetlinkTest {
    static final int LINKINFO_GET = 2;
    static final int LINKINFO_HEADER = 1;
    static final int LINKSTATE_GET = 6;
    static final int LINKSTATE_HEADER = 1;
    static final int LINKSTATE_LINK = 2;
    static final int HEADER_DEV_INDEX = 1;
    static final int HEADER_DEV_NAME = 2;

    GenericNetlink nl;

    @BeforeEach
    void open() {
        nl = GenericNetlink.open(Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        nl.close();
    }

    @Test
    void resolvesNlctrlAndEthtool() {
        GenlFamily ctrl = nl.family("nlctrl");
        assertEquals(NetlinkCodec.GENL_ID_CTRL, ctrl.id());
        assertEquals("nlctrl", ctrl.name());
        GenlFamily ethtool = nl.family("ethtool");
        assertEquals("ethtool", ethtool.name());
        assertTrue(ethtool.id() > NetlinkCodec.GENL_ID_CTRL, "dynamic id " + ethtool.id());
        assertTrue(ethtool.multicastGroups().containsKey("monitor"), ethtool.multicastGroups().toString());
        assertTrue(nl.portId() != 0, "the kernel assigned a port id");
    }

    @Test
    void dumpsEthtoolLinkStateAndFindsLoUp() {
        GenlFamily ethtool = nl.family("ethtool");
        List<GenlMessage> all = nl.exchange(GenlRequest.to(ethtool, LINKSTATE_GET).asDump()
                .attrs(w -> w.nested(LINKSTATE_HEADER, h -> { })));
        assertTrue(all.size() >= 1, "one reply per device");
        assertTrue(all.stream().allMatch(m -> (m.flags() & NetlinkCodec.NLM_F_MULTI) != 0), "dump parts are multipart");
        GenlMessage lo = all.stream()
                .filter(m -> m.attrs().nested(LINKSTATE_HEADER).flatMap(h -> h.string(HEADER_DEV_NAME))
                        .filter("lo"::equals).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no lo in " + all.size() + " link state replies"));
        assertEquals(LINKSTATE_GET, lo.command());
        assertEquals(1, lo.attrs().nested(LINKSTATE_HEADER).orElseThrow().u32(HEADER_DEV_INDEX).getAsInt(),
                "lo has ifindex 1");
        assertEquals(1, lo.attrs().u8(LINKSTATE_LINK).getAsInt(), "lo's link is up");
        // the same for lo alone, as a do-request
        List<GenlMessage> one = nl.exchange(GenlRequest.to(ethtool, LINKSTATE_GET)
                .attrs(w -> w.nested(LINKSTATE_HEADER, h -> h.string(HEADER_DEV_NAME, "lo"))));
        assertEquals(1, one.size());
        assertEquals("lo", one.get(0).attrs().nested(LINKSTATE_HEADER).orElseThrow().string(HEADER_DEV_NAME).orElseThrow());
    }

    @Test
    void linkInfoOfLoIsARealKernelRefusal() {
        GenlFamily ethtool = nl.family("ethtool");
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl.exchange(GenlRequest.to(ethtool, LINKINFO_GET)
                .attrs(w -> w.nested(LINKINFO_HEADER, h -> h.string(HEADER_DEV_NAME, "lo")))));
        assertEquals(NetlinkException.Reason.KERNEL_ERROR, e.reason());
        assertEquals("EOPNOTSUPP", e.errnoName(), e.getMessage());
    }

    @Test
    void kernelErrorComesBackWithErrnoNameAndExtack() {
        GenlFamily ethtool = nl.family("ethtool");
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl.exchange(GenlRequest.to(ethtool, LINKINFO_GET)
                .attrs(w -> w.nested(LINKINFO_HEADER, h -> h.string(HEADER_DEV_NAME, "ocatopic-none0")))));
        assertEquals(NetlinkException.Reason.KERNEL_ERROR, e.reason());
        assertEquals("ENODEV", e.errnoName(), e.getMessage());
        assertTrue(e.kernelMessage().isPresent(), "extended ACK message: " + e.getMessage());
        // the socket is still in step afterwards
        assertEquals("nlctrl", nl.exchange(NetlinkCodec.getFamily("nlctrl")).get(0).attrs()
                .string(NetlinkCodec.CTRL_ATTR_FAMILY_NAME).orElseThrow());
    }

    @Test
    void unknownFamilyIsFamilyNotFound() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl.family("ocatopic-nope"));
        assertEquals(NetlinkException.Reason.FAMILY_NOT_FOUND, e.reason());
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void noDevlinkIsOneClearError() {
        boolean present;
        try {
            nl.family(Devlink.FAMILY);
            present = true;
        } catch (NetlinkException e) {
            present = false;
        }
        if (present) {
            // a kernel with devlink: the client resolves it and lists instances
            assertFalse(GenlDevlinkClient.over(nl).family().name().isEmpty());
            try (DevlinkClient devlink = DevlinkClient.open()) {
                assertTrue(devlink.devices().stream().noneMatch(h -> h.bus().isEmpty()));
            }
            return;
        }
        NetlinkException e = assertThrows(NetlinkException.class, () -> GenlDevlinkClient.over(nl));
        assertEquals(NetlinkException.Reason.NO_DEVLINK, e.reason());
        assertTrue(e.getMessage().startsWith("the kernel has no devlink generic netlink family"), e.getMessage());
        // the entry point says the same, and closes the socket it opened
        NetlinkException viaOpen = assertThrows(NetlinkException.class, DevlinkClient::open);
        assertEquals(NetlinkException.Reason.NO_DEVLINK, viaOpen.reason());
        // it is one of the SDK's errors: the command line maps it to exit 3 (an outside system failed)
        io.ocatopic.core.OcatopicException root = viaOpen;
        assertEquals(io.ocatopic.core.OcatopicException.Outcome.OUTSIDE_FAILED, root.outcome());
        assertEquals(NetlinkException.Reason.NO_DEVLINK, root.reason());
    }
}
