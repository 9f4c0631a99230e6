package io.ocatopic.dpu.internal.card;

import io.ocatopic.netlink.internal.Attr;
import io.ocatopic.netlink.internal.Attrs;
import io.ocatopic.netlink.internal.Devlink;
import io.ocatopic.netlink.DevlinkClient.DevlinkHandle;
import io.ocatopic.netlink.internal.GenlFamily;
import io.ocatopic.netlink.internal.GenlMessage;
import io.ocatopic.netlink.internal.GenlRequest;
import io.ocatopic.netlink.internal.GenlTransport;
import io.ocatopic.netlink.NetlinkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A devlink "kernel" for one mlx5-like PF at the GenlTransport seam: it decodes the requests the real
 * DevlinkClient encodes and answers like the kernel would. Like ConnectX-6 Lx (sriov-network-operator
 * #1015) it refuses switchdev with EBUSY while the PF has VFs (read from the fake sysfs tree). VF ports
 * exist in switchdev mode, one per VF.
 */
final class FakeDevlinkKernel implements GenlTransport {
    static final GenlFamily FAMILY = new GenlFamily("devlink", 0x15, 1, 180, Map.of());
    final DevlinkHandle handle;
    final SysfsRoot sysfs;
    int eswitchMode = 0;
    final Map<Integer, Integer> caps = new HashMap<>();
    final List<String> log = new ArrayList<>();
    OptionalInt failPortSetOnVf = OptionalInt.empty();

    FakeDevlinkKernel(DevlinkHandle handle, SysfsRoot sysfs) {
        this.handle = handle;
        this.sysfs = sysfs;
    }

    int numVfs() {
        try {
            return sysfs.numVfs(handle.device()).orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public GenlFamily family(String name) {
        if (!name.equals("devlink")) {
            throw new NetlinkException(NetlinkException.Reason.FAMILY_NOT_FOUND, 2, null, "no family " + name);
        }
        return FAMILY;
    }

    private static NetlinkException err(int errno, String msg) {
        return new NetlinkException(NetlinkException.Reason.KERNEL_ERROR, errno, msg,
                "devlink failed: " + io.ocatopic.netlink.internal.Errno.name(errno) + " (" + errno + "): " + msg);
    }

    private void checkHandle(Attrs a) {
        if (!a.string(Devlink.ATTR_BUS_NAME).orElse("").equals(handle.bus())
                || !a.string(Devlink.ATTR_DEV_NAME).orElse("").equals(handle.device())) {
            throw err(19, "no such devlink instance");
        }
    }

    @Override
    public List<GenlMessage> exchange(GenlRequest r) {
        if (r.familyId() != FAMILY.id()) {
            throw err(22, "wrong family");
        }
        Attrs a = r.decodedAttrs();
        switch (r.command()) {
            case Devlink.CMD_ESWITCH_GET:
                checkHandle(a);
                return List.of(GenlMessage.of(Devlink.CMD_ESWITCH_GET, w -> {
                    w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
                    w.u16(Devlink.ATTR_ESWITCH_MODE, eswitchMode);
                }));
            case Devlink.CMD_ESWITCH_SET: {
                checkHandle(a);
                int mode = a.u16(Devlink.ATTR_ESWITCH_MODE).orElseThrow();
                int vfs = numVfs();
                log.add("ESWITCH_SET mode=" + mode + " numvfs=" + vfs);
                if (mode != eswitchMode && vfs > 0) {
                    throw err(16, "Can't change mode while VFs exist");
                }
                eswitchMode = mode;
                return List.of();
            }
            case Devlink.CMD_PORT_GET: {
                if (!r.dump()) {
                    throw err(95, "fake supports the dump only");
                }
                List<GenlMessage> out = new ArrayList<>();
                out.add(GenlMessage.of(Devlink.CMD_PORT_GET, w -> {
                    w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
                    w.u32(Devlink.ATTR_PORT_INDEX, 0).u16(Devlink.ATTR_PORT_FLAVOUR, 0).string(Devlink.ATTR_PORT_NETDEV_NAME, "p0")
                            .u16(Devlink.ATTR_PORT_PCI_PF_NUMBER, 0);
                }));
                if (eswitchMode == 1) {
                    for (int vf = 0; vf < numVfs(); vf++) {
                        int v = vf;
                        out.add(GenlMessage.of(Devlink.CMD_PORT_GET, w -> {
                            w.string(Devlink.ATTR_BUS_NAME, handle.bus()).string(Devlink.ATTR_DEV_NAME, handle.device());
                            w.u32(Devlink.ATTR_PORT_INDEX, 1 + v).u16(Devlink.ATTR_PORT_FLAVOUR, 4)
                                    .string(Devlink.ATTR_PORT_NETDEV_NAME, "pf0vf" + v)
                                    .u16(Devlink.ATTR_PORT_PCI_PF_NUMBER, 0).u16(Devlink.ATTR_PORT_PCI_VF_NUMBER, v);
                            w.nested(Devlink.ATTR_PORT_FUNCTION, f -> f.bitfield32(Devlink.FN_ATTR_CAPS,
                                    caps.getOrDefault(v, 0), 0xf));
                        }));
                    }
                }
                return out;
            }
            case Devlink.CMD_PORT_SET: {
                checkHandle(a);
                int index = a.u32(Devlink.ATTR_PORT_INDEX).orElseThrow();
                int vf = index - 1;
                if (eswitchMode != 1 || vf < 0 || vf >= numVfs()) {
                    throw err(19, "no port " + index);
                }
                if (failPortSetOnVf.isPresent() && failPortSetOnVf.getAsInt() == vf) {
                    log.add("PORT_SET vf=" + vf + " refused");
                    throw err(95, "injected failure");
                }
                Attr c = a.nested(Devlink.ATTR_PORT_FUNCTION).orElseThrow().first(Devlink.FN_ATTR_CAPS).orElseThrow();
                int old = caps.getOrDefault(vf, 0);
                caps.put(vf, (old & ~c.bitfieldSelector()) | (c.bitfieldValue() & c.bitfieldSelector()));
                log.add("PORT_SET vf=" + vf + " caps=" + caps.get(vf));
                return List.of();
            }
            default:
                throw err(95, "command " + r.command() + " not in the fake");
        }
    }

    @Override
    public void close() {
    }
}
