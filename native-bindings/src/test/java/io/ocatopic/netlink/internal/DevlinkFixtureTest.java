package io.ocatopic.netlink.internal;

import static io.ocatopic.netlink.internal.ScriptedChannel.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.DevlinkInfo;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkClient.EswitchSettings;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkPort.NewPort;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import io.ocatopic.netlink.DevlinkPort.PortFlavour;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import io.ocatopic.netlink.NetlinkException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * devlink requests and replies against byte fixtures written by hand from the uapi numbers
 * ({@code include/uapi/linux/devlink.h}, {@code netlink.h}, {@code genetlink.h}; see {@link Devlink}).
 * Layout: nlmsghdr (len u32, type u16, flags u16, seq u32, pid u32), genlmsghdr (cmd, version, 0000),
 * attributes (len u16, type u16, payload padded to 4). Host byte order: little-endian here.
 * The devlink family id in these fixtures is 0x15; the port id of the scripted socket 0x1234.
 */
class DevlinkFixtureTest {
    /** BUS_NAME(1) "pci", DEV_NAME(2) "0000:03:00.0" (13 bytes with NUL, padded to 16). */
    static final String HANDLE = "0800 0100 70636900 | 1100 0200 30303030 3a30333a 30302e30 00000000";
    static final DevlinkHandle CARD = DevlinkHandle.pci("0000:03:00.0");
    static final GenlFamily FAMILY = new GenlFamily("devlink", 0x15, 1, 180, Map.of());

    ScriptedChannel ch;
    GenericNetlink nl;
    GenlDevlinkClient devlink;

    static String ack(int seq, String origHeader) {
        // NLMSG_ERROR, NLM_F_CAPPED, error 0, the request's nlmsghdr
        return "24000000 0200 0001 " + le32(seq) + " 34120000 | 00000000 | " + origHeader;
    }

    static String le32(int v) {
        return String.format("%02x%02x%02x%02x", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
    }

    @BeforeEach
    void resolveFamily() {
        ch = new ScriptedChannel()
                // CTRL_CMD_GETFAMILY(3) v1 to nlctrl (0x10), NLM_F_REQUEST, seq 1, FAMILY_NAME(2) "devlink"
                .expect("20000000 1000 0100 01000000 00000000 | 0301 0000 | 0c00 0200 6465766c696e6b00")
                // CTRL_CMD_NEWFAMILY(1) v2: FAMILY_NAME, FAMILY_ID(1) u16 0x15, VERSION(3) 1, MAXATTR(5) 180
                .reply("38000000 1000 0000 01000000 34120000 | 0102 0000 | 0c00 0200 6465766c696e6b00"
                        + " | 0600 0100 1500 0000 | 0800 0300 01000000 | 0800 0500 b4000000");
        nl = GenericNetlink.over(ch);
        devlink = GenlDevlinkClient.over(nl);
        assertEquals(0x15, devlink.family().id());
        assertEquals(1, devlink.family().version());
    }

    @Test
    void encodesEveryCommandByteForByte() {
        // GET dump: NLM_F_REQUEST|NLM_F_DUMP = 0x301
        assertBytes("14000000 1500 0103 05000000 00000000 | 0101 0000", DevlinkRequests.devices(FAMILY), 5);
        // INFO_GET (51 = 0x33)
        assertBytes("30000000 1500 0100 05000000 00000000 | 3301 0000 | " + HANDLE, DevlinkRequests.info(FAMILY, CARD), 5);
        // ESWITCH_GET (29 = 0x1d)
        assertBytes("30000000 1500 0100 05000000 00000000 | 1d01 0000 | " + HANDLE, DevlinkRequests.eswitchGet(FAMILY, CARD), 5);
        // ESWITCH_SET (30 = 0x1e), NLM_F_ACK, ESWITCH_MODE(25 = 0x19) u16 switchdev 1
        assertBytes("38000000 1500 0500 05000000 00000000 | 1e01 0000 | " + HANDLE + " | 0600 1900 0100 0000",
                DevlinkRequests.eswitchSet(FAMILY, CARD, EswitchMode.SWITCHDEV), 5);
        // PORT_GET dump
        assertBytes("14000000 1500 0103 05000000 00000000 | 0501 0000", DevlinkRequests.portDump(FAMILY), 5);
        // PORT_GET do, PORT_INDEX(3) u32 2
        assertBytes("38000000 1500 0100 05000000 00000000 | 0501 0000 | " + HANDLE + " | 0800 0300 02000000",
                DevlinkRequests.portGet(FAMILY, CARD, 2), 5);
        // PORT_NEW (7): FLAVOUR(77 = 0x4d) u16 PCI_SF 7, PCI_PF_NUMBER(127 = 0x7f) u16 0,
        // PCI_SF_NUMBER(164 = 0xa4) u32 88, CONTROLLER_NUMBER(150 = 0x96) u32 1
        assertBytes("50000000 1500 0500 05000000 00000000 | 0701 0000 | " + HANDLE
                        + " | 0600 4d00 0700 0000 | 0600 7f00 0000 0000 | 0800 a400 58000000 | 0800 9600 01000000",
                DevlinkRequests.portNew(FAMILY, CARD, NewPort.subFunction(0, 88).onController(1)), 5);
        // PORT_DEL (8), PORT_INDEX 3
        assertBytes("38000000 1500 0500 05000000 00000000 | 0801 0000 | " + HANDLE + " | 0800 0300 03000000",
                DevlinkRequests.portDel(FAMILY, CARD, 3), 5);
        // PORT_SET (6), PORT_INDEX 2, PORT_FUNCTION(145 = 0x91 | NLA_F_NESTED 0x8000) {
        //   HW_ADDR(1) 02:00:00:00:00:01 (6 bytes, padded), STATE(2) u8 active, CAPS(4) bitfield32 value 5 selector 5 }
        assertBytes("5c000000 1500 0500 05000000 00000000 | 0601 0000 | " + HANDLE + " | 0800 0300 02000000"
                        + " | 2400 9180 | 0a00 0100 020000000001 0000 | 0500 0200 01000000 | 0c00 0400 05000000 05000000",
                DevlinkRequests.portFunctionSet(FAMILY, CARD, 2, PortFunction.none().withHwAddr("02:00:00:00:00:01")
                        .withActive(true).withCaps(PortCaps.set(PortCaps.CAP_ROCE, true).and(PortCaps.CAP_IPSEC_CRYPTO, true))),
                5);
    }

    static void assertBytes(String fixture, GenlRequest r, int seq) {
        assertEquals(java.util.HexFormat.of().formatHex(hex(fixture)),
                java.util.HexFormat.of().formatHex(NetlinkCodec.encode(r, seq, 0)), r.toString());
    }

    static final String PORT_P0 = "58000000 1500 0200 02000000 34120000 | 0501 0000 | " + HANDLE
            + " | 0800 0300 00000000"        // PORT_INDEX 0
            + " | 0600 0400 0200 0000"       // PORT_TYPE eth 2
            + " | 0700 0700 70300000"        // NETDEV_NAME "p0"
            + " | 0600 4d00 0000 0000"       // FLAVOUR PHYSICAL
            + " | 0600 7f00 0000 0000";      // PCI_PF_NUMBER 0
    static final String PORT_VF1 = "a0000000 1500 0200 02000000 34120000 | 0501 0000 | " + HANDLE
            + " | 0800 0300 02000000"                      // PORT_INDEX 2
            + " | 0600 0400 0200 0000"                     // PORT_TYPE eth
            + " | 0b00 0700 70663076 66310000"             // NETDEV_NAME "pf0vf1"
            + " | 0600 4d00 0400 0000"                     // FLAVOUR PCI_VF
            + " | 0600 7f00 0000 0000"                     // PCI_PF_NUMBER 0
            + " | 0600 8000 0100 0000"                     // PCI_VF_NUMBER 1
            + " | 0500 9500 01000000"                      // EXTERNAL 1
            + " | 0800 9600 01000000"                      // CONTROLLER_NUMBER 1
            + " | 2c00 9100"                               // PORT_FUNCTION (kernel nests without NLA_F_NESTED)
            + "   | 0a00 0100 020000000001 0000"           //   HW_ADDR
            + "   | 0500 0200 01000000"                    //   STATE active
            + "   | 0500 0300 01000000"                    //   OPSTATE attached
            + "   | 0c00 0400 01000000 0f000000";          //   CAPS value ROCE, selector 0xf
    static final String DONE_2 = "14000000 0300 0200 02000000 34120000 | 00000000";

    @Test
    void decodesAMultipartPortDumpAcrossDatagramsWithNestedFunction() {
        ch.expect("14000000 1500 0103 02000000 00000000 | 0501 0000")
                .reply(PORT_P0)
                .reply(PORT_VF1 + " | " + DONE_2);
        List<DevlinkPort> ports = devlink.ports();
        assertEquals(2, ports.size());
        DevlinkPort p0 = ports.get(0);
        assertEquals(new DevlinkPort(CARD, 0, PortFlavour.PHYSICAL, Optional.of("p0"), OptionalInt.of(0), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty()), p0);
        DevlinkPort vf = ports.get(1);
        assertEquals(2, vf.index());
        assertEquals(PortFlavour.PCI_VF, vf.flavour());
        assertEquals(Optional.of("pf0vf1"), vf.netdevName());
        assertEquals(OptionalInt.of(1), vf.vfNumber());
        assertEquals(OptionalInt.of(1), vf.controller());
        assertTrue(vf.external());
        PortFunction fn = vf.function().orElseThrow();
        assertEquals(Optional.of("02:00:00:00:00:01"), fn.hwAddr());
        assertEquals(Optional.of(true), fn.active());
        assertEquals(Optional.of(true), fn.attached());
        assertEquals(new PortCaps(1, 0xf), fn.caps().orElseThrow());
        assertTrue(fn.caps().get().has(PortCaps.CAP_ROCE));
        assertFalse(fn.caps().get().has(PortCaps.CAP_IPSEC_CRYPTO));
        // ports(handle) filters the same dump by instance
        ch.reply(PORT_P0.replace(" 02000000 34120000", " 03000000 34120000"))
                .reply(DONE_2.replace(" 02000000 34120000", " 03000000 34120000"));
        assertTrue(devlink.ports(DevlinkHandle.pci("0000:04:00.0")).isEmpty());
    }

    @Test
    void decodesEswitchGetAndInfoGet() {
        ch.expect("30000000 1500 0100 02000000 00000000 | 1d01 0000 | " + HANDLE)
                .reply("48000000 1500 0000 02000000 34120000 | 1d01 0000 | " + HANDLE
                        + " | 0600 1900 0100 0000 | 0500 1a00 00000000 | 0500 3e00 01000000");
        EswitchSettings es = devlink.eswitch(CARD);
        assertEquals(new EswitchSettings(CARD, EswitchMode.SWITCHDEV, OptionalInt.of(0), OptionalInt.of(1)), es);

        ch.expect("30000000 1500 0100 03000000 00000000 | 3301 0000 | " + HANDLE)
                .reply("88000000 1500 0000 03000000 34120000 | 3301 0000 | " + HANDLE
                        + " | 0e00 6200 6d6c78355f636f726500 0000"          // INFO_DRIVER_NAME "mlx5_core"
                        + " | 0800 6300 534e3100"                           // INFO_SERIAL_NUMBER "SN1"
                        + " | 2000 6400 | 0d00 6700 626f6172642e696400 000000 | 0900 6800 4d42463200 000000"
                        + " | 2000 6500 | 0f00 6700 66772e76657273696f6e00 00 | 0a00 6800 32342e333500 0000");
        DevlinkInfo info = devlink.info(CARD);
        assertEquals("mlx5_core", info.driver());
        assertEquals(Optional.of("SN1"), info.serialNumber());
        assertEquals(Map.of("board.id", "MBF2"), info.fixed());
        assertEquals(Map.of("fw.version", "24.35"), info.running());
        assertTrue(info.stored().isEmpty());
    }

    @Test
    void setCommandsWaitForTheAckAndPortNewReturnsThePort() {
        String setHdr = "38000000 1500 0500 02000000 00000000";
        ch.expect(setHdr + " | 1e01 0000 | " + HANDLE + " | 0600 1900 0100 0000").reply(ack(2, setHdr));
        devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV);

        String newHdr = "50000000 1500 0500 03000000 00000000";
        ch.expect(newHdr + " | 0701 0000 | " + HANDLE
                        + " | 0600 4d00 0700 0000 | 0600 7f00 0000 0000 | 0800 a400 58000000 | 0800 9600 01000000")
                .reply("50000000 1500 0000 03000000 34120000 | 0701 0000 | " + HANDLE
                        + " | 0800 0300 00800000 | 0600 4d00 0700 0000 | 0600 7f00 0000 0000 | 0800 a400 58000000"
                        + " | 0800 9600 01000000")
                .reply(ack(3, newHdr));
        DevlinkPort sf = devlink.newPort(CARD, NewPort.subFunction(0, 88).onController(1));
        assertEquals(0x8000, sf.index());
        assertEquals(PortFlavour.PCI_SF, sf.flavour());
        assertEquals(OptionalInt.of(88), sf.sfNumber());

        String delHdr = "38000000 1500 0500 04000000 00000000";
        ch.expect(delHdr + " | 0801 0000 | " + HANDLE + " | 0800 0300 00800000").reply(ack(4, delHdr));
        devlink.deletePort(CARD, 0x8000);
        assertEquals(4, ch.sent.size());
    }

    @Test
    void kernelErrorCarriesErrnoNameAndExtendedAck() {
        String hdr = "38000000 1500 0500 02000000 00000000";
        ch.expect(hdr + " | 1e01 0000 | " + HANDLE + " | 0600 1900 0100 0000")
                // NLMSG_ERROR, NLM_F_CAPPED|NLM_F_ACK_TLVS, error -16 (EBUSY), request header, MSG(1) "fixture message"
                .reply("38000000 0200 0003 02000000 34120000 | f0ffffff | " + hdr
                        + " | 1400 0100 66697874757265206d65737361676500");
        NetlinkException e = assertThrows(NetlinkException.class, () -> devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV));
        assertEquals(NetlinkException.Reason.KERNEL_ERROR, e.reason());
        assertEquals(16, e.errno());
        assertEquals("EBUSY", e.errnoName());
        assertEquals(Optional.of("fixture message"), e.kernelMessage());
        assertTrue(e.getMessage().contains("EBUSY (16): fixture message"), e.getMessage());
    }

    @Test
    void staleRepliesAreDroppedAndFutureOnesRejected() {
        String hdr = "38000000 1500 0500 02000000 00000000";
        ch.expect(hdr + " | 1e01 0000 | " + HANDLE + " | 0600 1900 0100 0000")
                .reply(ack(1, "20000000 1000 0100 01000000 00000000")) // a late answer to request 1
                .reply(ack(2, hdr));
        devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV);

        ch.reply(ack(9, hdr));
        NetlinkException e = assertThrows(NetlinkException.class, () -> devlink.setEswitchMode(CARD, EswitchMode.LEGACY));
        assertEquals(NetlinkException.Reason.PROTOCOL, e.reason());
        assertTrue(e.getMessage().contains("sequence 9, expected 3"), e.getMessage());
    }

    @Test
    void noReplyIsATimeoutAndMalformedAttributesAProtocolError() {
        NetlinkException t = assertThrows(NetlinkException.class, () -> devlink.eswitch(CARD));
        assertEquals(NetlinkException.Reason.TIMEOUT, t.reason());
        ch.reply("1c000000 1500 0000 03000000 34120000 | 1d01 0000 | 4000 0100 70636900"); // attr length 64 > message
        NetlinkException p = assertThrows(NetlinkException.class, () -> devlink.eswitch(CARD));
        assertEquals(NetlinkException.Reason.PROTOCOL, p.reason());
    }

    @Test
    void errorMessagesAreNotReadPastTheirLength() {
        String hdr = "38000000 1500 0500 02000000 00000000";
        String req = hdr + " | 1e01 0000 | " + HANDLE + " | 0600 1900 0100 0000";
        // NLMSG_ERROR of 16 bytes: no room for the error code, which must not be read from stale buffer bytes
        ch.expect(req).reply("10000000 0200 0000 02000000 34120000");
        NetlinkException e = assertThrows(NetlinkException.class, () -> devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV));
        assertEquals(NetlinkException.Reason.PROTOCOL, e.reason());

        // NLM_F_ACK_TLVS without CAPPED, echoed request length 0xffffff00: the error still reports, without ext-ack
        ch.reply("34000000 0200 0002 03000000 34120000 | f0ffffff | 00ffffff 1500 0500 03000000 00000000"
                + " | 1400 0100 66697874757265206d65737361676500");
        NetlinkException k = assertThrows(NetlinkException.class, () -> devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV));
        assertEquals(NetlinkException.Reason.KERNEL_ERROR, k.reason());
        assertEquals(16, k.errno());
        assertEquals(Optional.empty(), k.kernelMessage());

        // a second message whose length 0x7ffffff8 overflows offset + length
        ch.reply("10000000 0100 0000 04000000 34120000 | f8ffff7f 0100 0000 04000000 34120000");
        NetlinkException o = assertThrows(NetlinkException.class, () -> devlink.setEswitchMode(CARD, EswitchMode.SWITCHDEV));
        assertEquals(NetlinkException.Reason.PROTOCOL, o.reason());
    }

    @Test
    void aClientOverAGivenTransportLeavesItOpen() {
        devlink.close();
        assertFalse(ch.closed, "the transport belongs to the caller");
        nl.close();
        assertTrue(ch.closed);
    }

    @Test
    void attributeAlignmentAndNesting() {
        byte[] b = new AttrWriter().u8(1, 7).string(2, "abcd").nested(3, w -> w.u16(4, 0x0102)).u64(5, -1L).toByteArray();
        assertArrayEquals(hex("0500 0100 07000000 | 0900 0200 6162636400 000000 | 0c00 0380 | 0600 0400 0201 0000"
                + " | 0c00 0500 ffffffff ffffffff"), b);
        Attrs a = Attrs.parse(b, 0, b.length);
        assertEquals(7, a.u8(1).getAsInt());
        assertEquals("abcd", a.string(2).orElseThrow());
        assertTrue(a.first(3).orElseThrow().nested());
        assertEquals(0x0102, a.nested(3).orElseThrow().u16(4).getAsInt());
        assertEquals(-1L, a.first(5).orElseThrow().u64());
    }
}
