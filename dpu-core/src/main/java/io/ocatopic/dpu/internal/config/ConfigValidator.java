package io.ocatopic.dpu.internal.config;

import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuOffloadConfig.Mode;
import io.ocatopic.dpu.DpuOffloadConfig.ModeLabels;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.dpu.DpuOffloadConfig.SmartNicHost;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a {@link DpuOffloadConfig}: every problem with its field path (names, the card, VFs, offloads,
 * MTU, mode labels, smart-NIC hosts), then the DPF checks of {@link DpfRules}.
 */
public final class ConfigValidator {
    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern UPLINK = Pattern.compile("p(\\d+)");
    /** What the SR-IOV operator's webhook accepts as {@code resourceName} ({@code pkg/webhook/validate.go}). */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9_]+");
    private static final int MIN_MTU = DpuOffloadConfig.MIN_MTU;
    private static final int MAX_MTU = DpuOffloadConfig.MAX_MTU;

    private ConfigValidator() {
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Adds a problem unless {@code value} is a DNS-1123 subdomain, as object and node names must be. */
    private static void subdomain(List<Problem> v, String path, String value, String what) {
        if (blank(value)) {
            v.add(new Problem(path, "required (" + what + ")"));
        } else if (!KubeNames.isSubdomain(value)) {
            v.add(new Problem(path, "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253"
                    + " characters, starting and ending with a letter or digit) as " + what + " must be, got '" + value + "'"));
        }
    }

    /**
     * Adds a problem unless {@code pf} is a netdev name the kernel accepts (at most 15 characters, no
     * {@code /}, {@code :} or white space, not {@code .} or {@code ..}) that can stand in SR-IOV
     * {@code nicSelector.pfNames}, where {@code #} starts the VF range.
     */
    private static void netdev(List<Problem> v, String path, String pf) {
        if (blank(pf)) {
            v.add(new Problem(path, "required (the PF's netdev name on the host, such as ens1f0)"));
        } else if (pf.length() > 15 || pf.equals(".") || pf.equals("..") || !pf.chars().allMatch(ch -> ch > ' '
                && ch < 127 && ch != '/' && ch != ':' && ch != '#' && ch != ',')) {
            v.add(new Problem(path, "must be a netdev name (at most 15 printable characters, no '/', ':', '#', ','"
                    + " or white space), got '" + pf + "'"));
        }
    }

    /**
     * @param config the configuration, fields assigned
     * @return every problem, each with its field path; empty when valid
     */
    public static List<Problem> validate(DpuOffloadConfig config) {
        String infraCluster = config.infraCluster();
        String tenantCluster = config.tenantCluster();
        String infraNamespace = config.infraNamespace();
        String kubeconfigSecretName = config.kubeconfigSecretName();
        String poolName = config.poolName();
        Mode mode = config.mode();
        List<DpuNode> nodes = config.nodes();
        List<SmartNicHost> smartNicHosts = config.smartNicHosts();
        int numVfs = config.numVfs();
        int mgmtPortVf = config.mgmtPortVf();
        Set<Offload> offloads = config.offloads();
        int mtu = config.mtu();
        ModeLabels modeLabels = config.modeLabels();
        String mgmtResourceName = config.mgmtResourceName();
        String workloadResourceName = config.workloadResourceName();
        DpfSettings dpf = config.dpf().orElse(null);
        List<Problem> v = new ArrayList<>();
        subdomain(v, "infraCluster", infraCluster, "the name of the DpuClusterConfig");
        if (blank(tenantCluster)) {
            v.add(new Problem("tenantCluster", "required"));
        } else if (tenantCluster.equals(infraCluster)) {
            v.add(new Problem("tenantCluster", "must differ from infraCluster: the design has two clusters"));
        }
        if (!KubeNames.isLabel(infraNamespace)) {
            v.add(new Problem("infraNamespace", "must be a DNS-1123 label (lower-case letters, digits and '-', at most"
                    + " 63 characters) as namespace names are, got '" + infraNamespace + "'"));
        }
        subdomain(v, "kubeconfigSecretName", kubeconfigSecretName, "the name of a Secret");
        subdomain(v, "poolName", poolName, "the name of a MachineConfigPool");
        if ("master".equals(poolName) || "worker".equals(poolName)) {
            v.add(new Problem("poolName", "dpu-network-operator refuses the " + poolName + " pool (it creates the pool"
                    + " itself, controllers/config_controller.go); name a pool of its own, such as dpu"));
        }
        for (String[] f : new String[][] {{"mgmtResourceName", mgmtResourceName}, {"workloadResourceName", workloadResourceName}}) {
            if (blank(f[1]) || !RESOURCE_NAME.matcher(f[1]).matches()) {
                v.add(new Problem(f[0], "must match ^[a-zA-Z0-9_]+$ as the SR-IOV operator's webhook requires of"
                        + " resourceName, got '" + f[1] + "'"));
            }
        }
        if (!blank(mgmtResourceName) && mgmtResourceName.equals(workloadResourceName)) {
            v.add(new Problem("workloadResourceName", "must differ from mgmtResourceName: the management VF needs a"
                    + " resource pool of its own, or ovnkube-node may be given a workload VF"));
        }
        if (mode == Mode.NIC) {
            v.add(new Problem("mode", "NIC mode disables the card's offload engine and gives the eswitch to the host;"
                    + " the shared-OVN design needs DPU (ECPF) mode"));
        } else if (mode == Mode.SEPARATED_HOST) {
            v.add(new Problem("mode", "separated-host mode has no ECPF eswitch manager (and is gone from BSP 3.9.5"
                    + " and 4.5.x); the shared-OVN design needs DPU (ECPF) mode"));
        }
        if (nodes.isEmpty()) {
            v.add(new Problem("nodes", "at least one DPU node is required"));
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            DpuNode n = nodes.get(i);
            String p = "nodes[" + i + "]";
            if (blank(n.name())) {
                v.add(new Problem(p + ".name", "required"));
            } else if (!KubeNames.isSubdomain(n.name())) {
                subdomain(v, p + ".name", n.name(), "node names");
            } else if (names.putIfAbsent(n.name(), i) != null) {
                v.add(new Problem(p + ".name", "DPU node " + n.name() + " is listed twice (also nodes["
                        + names.get(n.name()) + "])"));
            }
            if (n.host() == null || n.host().filter(h -> !h.isBlank()).isEmpty()) {
                v.add(new Problem(p + ".host", "DPU node " + n.name() + " is not paired with a tenant host"));
            } else if (!KubeNames.isSubdomain(n.host().get())) {
                subdomain(v, p + ".host", n.host().get(), "node names");
            } else {
                String prev = hosts.putIfAbsent(n.host().get(), n.name());
                if (prev != null && n.card() != null && n.card().model() != null
                        && DpfRules.target(n, dpf) == DpuNode.Target.DPF) {
                    v.add(new Problem(p + ".host", "host " + n.host().get() + " already has DPU " + prev
                            + ": OVN-Kubernetes in DPU mode offloads every pod of a host through one DPU, and DPF"
                            + " supports exactly one DPU per worker (prerequisites.md); remove one of them"));
                } else if (prev != null) {
                    v.add(new Problem(p + ".host", "host " + n.host().get() + " is already paired with DPU node " + prev));
                }
            }
            Card c = n.card();
            if (c == null || c.model() == null) {
                v.add(new Problem(p + ".card", "required, with a model"));
                continue;
            }
            if (c.pciAddress() == null || !PCI.matcher(c.pciAddress()).matches()) {
                v.add(new Problem(p + ".card.pciAddress", "must look like 0000:03:00.0, got '" + c.pciAddress() + "'"));
            }
            if (c.uplink() == null || !UPLINK.matcher(c.uplink()).matches()) {
                v.add(new Problem(p + ".card.uplink", "must be an uplink phys_port_name like p0, got '" + c.uplink() + "'"));
            }
            netdev(v, p + ".card.hostPf", c.hostPf());
            if (c.totalVfs() == null) {
                v.add(new Problem(p + ".card.totalVfs", "must not be null; use OptionalInt.empty() when unknown"));
            } else if (numVfs > c.maxVfs()) {
                v.add(new Problem("numVfs", numVfs + " VFs exceed the limit of " + c.maxVfs() + " of the "
                        + c.model() + " card of " + n.name()));
            }
            for (Offload o : offloads) {
                if (!c.model().offloads().contains(o)) {
                    v.add(new Problem("offloads." + o, "the " + c.model() + " card of " + n.name() + " cannot do " + o));
                }
            }
        }
        if (numVfs < 1) {
            v.add(new Problem("numVfs", "at least 1 VF is needed, for the OVN management port"));
        }
        if (mgmtPortVf < 0 || mgmtPortVf >= Math.max(numVfs, 1)) {
            v.add(new Problem("mgmtPortVf", "VF " + mgmtPortVf + " does not exist with " + numVfs + " VFs"));
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            v.add(new Problem("mtu", mtu + " is outside " + MIN_MTU + ".." + MAX_MTU));
        }
        if (offloads.contains(Offload.IPSEC_PACKET) && !offloads.contains(Offload.IPSEC_CRYPTO)) {
            v.add(new Problem("offloads.IPSEC_PACKET", "needs IPSEC_CRYPTO as well"));
        }
        String[][] labels = {{"modeLabels.dpuHost", modeLabels.dpuHost()}, {"modeLabels.dpu", modeLabels.dpu()},
                {"modeLabels.smartNic", modeLabels.smartNic()}};
        Map<String, String> keys = new HashMap<>();
        for (String[] l : labels) {
            String key = blank(l[1]) ? "" : LabelPairs.asMap(l[1]).keySet().iterator().next();
            if (key.isBlank()) {
                v.add(new Problem(l[0], "must be key=value"));
            } else if (keys.putIfAbsent(key, l[0]) != null) {
                v.add(new Problem(l[0], "uses the same label key as " + keys.get(key)
                        + ": a node would carry two mode labels, which CNO refuses"));
            }
        }
        DpfRules.check(nodes, dpf, numVfs, v);
        Map<String, Integer> smartNics = new HashMap<>();
        for (int j = 0; j < smartNicHosts.size(); j++) {
            String p = "smartNicHosts[" + j + "]";
            String h = smartNicHosts.get(j).host();
            subdomain(v, p + ".host", h, "node names");
            netdev(v, p + ".hostPf", smartNicHosts.get(j).hostPf());
            if (h == null) {
                continue;
            }
            if (hosts.containsKey(h)) {
                v.add(new Problem(p, "host " + h + " would carry both the dpu-host and the"
                        + " smart-nic mode label (DPU node " + hosts.get(h) + "); CNO refuses a node with more than one"));
            } else if (smartNics.putIfAbsent(h, j) != null) {
                v.add(new Problem(p + ".host", "host " + h + " is listed twice (also smartNicHosts["
                        + smartNics.get(h) + "])"));
            }
        }
        return v;
    }
}
