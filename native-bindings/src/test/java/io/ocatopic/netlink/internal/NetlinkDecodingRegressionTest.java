package io.ocatopic.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocatopic.netlink.NetlinkException;
import org.junit.jupiter.api.Test;

/** The minimal inputs that {@link NetlinkDecodingProperties} found, one test each, named after the bug. */
class NetlinkDecodingRegressionTest {
    @Test
    void emptyBusAndDeviceNamesAreAProtocolErrorNotAnIllegalArgumentException() {
        // BUS_NAME(1) and DEV_NAME(2), both with an empty payload: new DevlinkHandle("", "") refused them
        byte[] b = {4, 0, 1, 0, 4, 0, 2, 0};
        NetlinkException e = assertThrows(NetlinkException.class, () -> DevlinkCodec.handle(Attrs.parse(b, 0, b.length)));
        assertEquals(NetlinkException.Reason.PROTOCOL, e.reason());
    }

    @Test
    void aSlashInTheBusNameIsAProtocolErrorNotAnIllegalArgumentException() {
        // BUS_NAME "pci/" (the NUL of "pci" flipped to '/'), DEV_NAME "0000:03:00.0"
        byte[] b = ScriptedChannel.hex("0900 0100 7063692f 00000000 | 1100 0200 30303030 3a30333a 30302e30 00000000");
        NetlinkException e = assertThrows(NetlinkException.class, () -> DevlinkCodec.port(Attrs.parse(b, 0, b.length)));
        assertEquals(NetlinkException.Reason.PROTOCOL, e.reason());
    }
}
