package io.ocatopic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import io.ocatopic.netlink.DevlinkPort.PortFlavour;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import io.ocatopic.netlink.NetlinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devlink fake answers the real client's wire requests as the kernel's mlx5 driver would. */
class FakeDevlinkTest {
    static final String BDF = "0000:03:00.0";

    @TempDir
    Path root;
    Path pf;
    FakeDevlink card;
    DevlinkClient devlink;

    @BeforeEach
    void card() {
        pf = FakeDevlink.sysfsCard(root, BDF, 16, 0);
        card = FakeDevlink.mlx5(root, BDF);
        devlink = card.client();
    }

    void numVfs(int n) throws IOException {
        Files.writeString(pf.resolve("sriov_numvfs"), n + "\n");
    }

    static NetlinkException kernelError(NetlinkException e, String errno) {
        assertEquals(NetlinkException.Reason.KERNEL_ERROR, e.reason(), e.getMessage());
        assertEquals(errno, e.errnoName(), e.getMessage());
        return e;
    }

    @Test
    void laysOutTheSysfsFilesCardSetupReads() throws IOException {
        assertEquals(root.resolve("sys/bus/pci/devices/0000:03:00.0"), pf);
        assertEquals("16", Files.readString(pf.resolve("sriov_totalvfs")).trim());
        assertEquals("0", Files.readString(pf.resolve("sriov_numvfs")).trim());
        Path rep = FakeDevlink.sysfsRepresentor(root, "eth10", "pf0vf0");
        assertEquals(root.resolve("sys/class/net/eth10"), rep);
        assertEquals("pf0vf0", Files.readString(rep.resolve("phys_port_name")).trim());
        assertThrows(IllegalArgumentException.class, () -> FakeDevlink.sysfsCard(root, "03:00.0", 16, 0));
        assertThrows(IllegalArgumentException.class, () -> FakeDevlink.sysfsCard(root, BDF, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> FakeDevlink.mlx5(root, "pci/0000:03:00.0"));
    }

    @Test
    void listsTheDeviceAndItsPortsThroughTheRealClient() throws IOException {
        assertEquals(DevlinkHandle.pci(BDF), card.handle());
        assertEquals(List.of(DevlinkHandle.pci(BDF)), devlink.devices());
        numVfs(2);
        List<DevlinkPort> legacy = devlink.ports(card.handle());
        assertEquals(1, legacy.size(), "legacy mode: the uplink only, no VF ports");
        DevlinkPort uplink = legacy.get(0);
        assertEquals(0, uplink.index());
        assertEquals(PortFlavour.PHYSICAL, uplink.flavour());
        assertEquals(Optional.of("p0"), uplink.netdevName());
        assertEquals(OptionalInt.of(0), uplink.pfNumber());
        assertEquals(uplink, devlink.port(card.handle(), 0), "PORT_GET of one port as in the dump");

        card.eswitchMode(EswitchMode.SWITCHDEV);
        List<DevlinkPort> ports = devlink.ports();
        assertEquals(3, ports.size(), "switchdev: one port per VF in sriov_numvfs");
        DevlinkPort vf1 = ports.get(2);
        assertEquals(2, vf1.index());
        assertEquals(PortFlavour.PCI_VF, vf1.flavour());
        assertEquals(Optional.of("pf0vf1"), vf1.netdevName());
        assertEquals(OptionalInt.of(1), vf1.vfNumber());
        assertEquals(Optional.of(new PortCaps(0, 0xf)), vf1.function().flatMap(PortFunction::caps));
        assertEquals(vf1, devlink.port(card.handle(), 2));
        kernelError(assertThrows(NetlinkException.class, () -> devlink.port(card.handle(), 3)), "ENODEV");
        assertEquals(List.of(), devlink.ports(DevlinkHandle.pci("0000:04:00.0")));
        assertEquals(List.of(), card.calls(), "reads are not logged");
    }

    @Test
    void eswitchGetAndSet() {
        assertEquals(EswitchMode.LEGACY, devlink.eswitch(card.handle()).mode());
        assertEquals(card.handle(), devlink.eswitch(card.handle()).handle());
        devlink.setEswitchMode(card.handle(), EswitchMode.SWITCHDEV);
        assertEquals(EswitchMode.SWITCHDEV, card.eswitchMode());
        assertEquals(EswitchMode.SWITCHDEV, devlink.eswitch(card.handle()).mode());
        devlink.setEswitchMode(card.handle(), EswitchMode.LEGACY);
        assertEquals(EswitchMode.LEGACY, card.eswitchMode());
        assertEquals(List.of("ESWITCH_SET mode=1 numvfs=0", "ESWITCH_SET mode=0 numvfs=0"), card.calls());
        kernelError(assertThrows(NetlinkException.class,
                () -> devlink.eswitch(DevlinkHandle.pci("0000:04:00.0"))), "ENODEV");
    }

    @Test
    void refusesSwitchdevWithEbusyWhileVfsExist() throws IOException {
        numVfs(4);
        NetlinkException e = kernelError(assertThrows(NetlinkException.class,
                () -> devlink.setEswitchMode(card.handle(), EswitchMode.SWITCHDEV)), "EBUSY");
        assertEquals(16, e.errno());
        assertEquals(Optional.of("Can't change mode while VFs exist"), e.kernelMessage());
        assertEquals(EswitchMode.LEGACY, card.eswitchMode(), "refused: nothing changed");
        devlink.setEswitchMode(card.handle(), EswitchMode.LEGACY);   // no change: accepted with VFs
        assertEquals(List.of("ESWITCH_SET mode=1 numvfs=4", "ESWITCH_SET mode=0 numvfs=4"), card.calls());

        numVfs(0);
        devlink.setEswitchMode(card.handle(), EswitchMode.SWITCHDEV);
        assertEquals(EswitchMode.SWITCHDEV, card.eswitchMode(), "accepted once the VFs are gone");
    }

    @Test
    void setsVfFunctionCaps() throws IOException {
        numVfs(2);
        PortFunction roceAndCrypto = PortFunction.none()
                .withCaps(PortCaps.set(PortCaps.CAP_ROCE, true).and(PortCaps.CAP_IPSEC_CRYPTO, true));
        kernelError(assertThrows(NetlinkException.class,
                () -> devlink.setPortFunction(card.handle(), 1, roceAndCrypto)), "ENODEV");   // legacy: no VF ports
        card.eswitchMode(EswitchMode.SWITCHDEV);
        devlink.setPortFunction(card.handle(), 1, roceAndCrypto);
        assertEquals(PortCaps.CAP_ROCE | PortCaps.CAP_IPSEC_CRYPTO, card.vfCaps(0));
        assertEquals(0, card.vfCaps(1));
        devlink.setPortFunction(card.handle(), 1, PortFunction.none().withCaps(PortCaps.set(PortCaps.CAP_ROCE, false)));
        assertEquals(PortCaps.CAP_IPSEC_CRYPTO, card.vfCaps(0), "only the selected bit changes");
        PortCaps read = devlink.port(card.handle(), 1).function().flatMap(PortFunction::caps).orElseThrow();
        assertTrue(read.has(PortCaps.CAP_IPSEC_CRYPTO));
        assertFalse(read.has(PortCaps.CAP_ROCE));
        kernelError(assertThrows(NetlinkException.class,
                () -> devlink.setPortFunction(card.handle(), 3, roceAndCrypto)), "ENODEV");   // VF 2 of 2
        assertEquals(List.of("PORT_SET vf=0 caps=5", "PORT_SET vf=0 caps=4"), card.calls());
    }

    @Test
    void anInjectedFailureRefusesOneVfUntilCleared() throws IOException {
        numVfs(4);
        card.eswitchMode(EswitchMode.SWITCHDEV).refusePortSetOnVf(2);
        PortFunction roce = PortFunction.none().withCaps(PortCaps.set(PortCaps.CAP_ROCE, true));
        devlink.setPortFunction(card.handle(), 2, roce);
        NetlinkException e = kernelError(assertThrows(NetlinkException.class,
                () -> devlink.setPortFunction(card.handle(), 3, roce)), "EOPNOTSUPP");
        assertEquals(95, e.errno());
        assertEquals(0, card.vfCaps(2), "a refused set changes nothing");
        card.clearFaults();
        devlink.setPortFunction(card.handle(), 3, roce);
        assertEquals(PortCaps.CAP_ROCE, card.vfCaps(2));
        assertEquals(List.of("PORT_SET vf=1 caps=1", "PORT_SET vf=2 refused", "PORT_SET vf=2 caps=1"), card.calls());
    }

    @Test
    void commandsOutsideTheModelFailLikeAnUnsupportingDriver() {
        kernelError(assertThrows(NetlinkException.class, () -> devlink.info(card.handle())), "EOPNOTSUPP");
        kernelError(assertThrows(NetlinkException.class, () -> devlink.deletePort(card.handle(), 1)), "EOPNOTSUPP");
        devlink.close();
        assertEquals(EswitchMode.LEGACY, card.client().eswitch(card.handle()).mode(), "closing a client changes nothing");
    }
}
