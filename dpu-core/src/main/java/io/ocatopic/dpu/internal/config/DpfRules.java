package io.ocatopic.dpu.internal.config;

import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DPF checks of a configuration, each naming the field and the fix. Sources (NVIDIA/doca-platform at
 * v24.10.0-rc.6): {@code docs/release-notes/v24.10.0.md} (BlueField-3 only; BFBs with DOCA 2.5 or higher;
 * known issues #2, #7), {@code docs/guides/usecases/prerequisites.md} (exactly one DPU per worker,
 * Kubernetes 1.30), {@code api/provisioning/v1alpha1/bfb_types.go} (URL pattern),
 * {@code docs/guides/usecases/hbn_ovn/readme.md} (vf0 for provisioning, vf1 for OVN-Kubernetes) and
 * {@code docs/guides/usecases/hbn_ovn/manifests/03-dpf-system-installation/dpucluster.yaml}
 * (virtualRouterID 1..255).
 */
public final class DpfRules {
    /** GiB the DPU's OS, OVS-DOCA, kubelet and the DPF system pods keep outside hugepages (ocatopic's floor). */
    public static final int DPU_OS_RESERVE_GIB = 5;
    /** Memory assumed for a BlueField-3 whose memory is not given: the smaller model. */
    public static final int DEFAULT_MEMORY_GIB = 16;
    /** The highest MTU with working pod traffic in DPF v24.10 (known issue #7). */
    public static final int MAX_MTU = 1450;
    private static final Pattern BFB_URL = Pattern.compile("^(http|https)://.+\\.bfb$");
    private static final Pattern DOCA = Pattern.compile("bf-bundle-(\\d+)\\.(\\d+)\\.");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private DpfRules() {
    }

    /**
     * @param n   a node
     * @param dpf the configuration's DPF settings, or null
     * @return the target of the node under these settings
     */
    public static DpuNode.Target target(DpuNode n, DpfSettings dpf) {
        if (n.target() != null && n.target().isPresent()) {
            return n.target().get();
        }
        return dpf != null && n.card() != null && n.card().model() == Card.Model.BLUEFIELD_3 ? DpuNode.Target.DPF : DpuNode.Target.SHARED_OVN;
    }

    /**
     * @param c a card
     * @return the memory in GiB ocatopic sizes a DPF card's flavor for
     */
    public static int memoryGiB(Card c) {
        return c.memoryGiB() != null && c.memoryGiB().isPresent() ? c.memoryGiB().getAsInt() : DEFAULT_MEMORY_GIB;
    }

    /**
     * Adds the DPF problems of a configuration.
     *
     * @param nodes  its nodes
     * @param dpf    its DPF settings, or null
     * @param numVfs its VF count
     * @param v      the problems, added to
     */
    public static void check(List<DpuNode> nodes, DpfSettings dpf, int numVfs, List<Problem> v) {
        int dpfNodes = 0;
        String firstPf = null;
        int firstPfAt = -1;
        for (int i = 0; i < nodes.size(); i++) {
            DpuNode n = nodes.get(i);
            String p = "nodes[" + i + "]";
            Card c = n.card();
            if (c == null || c.model() == null || target(n, dpf) != DpuNode.Target.DPF) {
                continue;
            }
            dpfNodes++;
            if (c.model() != Card.Model.BLUEFIELD_3) {
                v.add(new Problem(p + ".target", "DPF supports BlueField-3 only (doca-platform"
                        + " docs/release-notes/v24.10.0.md); the " + c.model() + " of " + n.name()
                        + " stays on SHARED_OVN: remove target or set target: SHARED_OVN"));
                continue;
            }
            if (dpf == null) {
                v.add(new Problem("dpf", "node " + n.name() + " targets DPF: give the dpf settings (bfbUrl, apiServer,"
                        + " dpuClusterVip, dpuClusterInterface)"));
                continue;
            }
            if (c.memoryGiB() != null && c.memoryGiB().isPresent() && c.memoryGiB().getAsInt() != 16
                    && c.memoryGiB().getAsInt() != 32) {
                v.add(new Problem(p + ".card.memoryGiB", c.memoryGiB().getAsInt() + " GiB is no BlueField-3 model;"
                        + " BlueField-3 boards have 16 or 32"));
                continue;
            }
            int mem = memoryGiB(c);
            long hugeMiB = 2L * dpf.hugepages();
            if (hugeMiB + DPU_OS_RESERVE_GIB * 1024L > mem * 1024L) {
                long max = (mem - DPU_OS_RESERVE_GIB) * 1024L / 2;
                v.add(new Problem("dpf.hugepages", dpf.hugepages() + " x 2 MiB hugepages (" + hugeMiB / 1024.0
                        + " GiB) leave less than " + DPU_OS_RESERVE_GIB + " GiB of the " + mem + " GiB of " + n.name()
                        + " for the DPU's OS and OVS; such a flavor can leave the DPU unbootable (doca-platform #17,"
                        + " recoverable only through rshim): use at most " + max
                        + (c.memoryGiB() == null || c.memoryGiB().isEmpty() ? ", or give " + p
                        + ".card.memoryGiB: 32 if the card has 32 GB" : "")));
            }
            if (firstPf == null) {
                firstPf = c.hostPf();
                firstPfAt = i;
            } else if (c.hostPf() != null && !c.hostPf().equals(firstPf)) {
                v.add(new Problem(p + ".card.hostPf", "'" + c.hostPf() + "' differs from nodes[" + firstPfAt + "]'s '"
                        + firstPf + "': DPF's OVN-Kubernetes host chart takes one gateway interface and management VF"
                        + " netdev for every host (hbn_ovn manifests/01-cni-installation); name the PFs alike"
                        + " (udev) or split the fleet"));
            }
        }
        if (dpf == null || dpfNodes == 0) {
            return;
        }
        if (numVfs < 2) {
            v.add(new Problem("numVfs", numVfs + " VFs: DPF hosts need at least 2 (vf0 for provisioning, vf1 for the"
                    + " OVN-Kubernetes management port, hbn_ovn readme), plus one per offloaded pod"));
        }
        if (!KubeNames.isLabel(dpf.namespace())) {
            v.add(new Problem("dpf.namespace", "must be a DNS-1123 label, got '" + dpf.namespace() + "'"));
        }
        if (blank(dpf.bfbUrl()) || !BFB_URL.matcher(dpf.bfbUrl()).matches()) {
            v.add(new Problem("dpf.bfbUrl", "must be an http:// or https:// URL of a .bfb file (the BFB CRD's pattern"
                    + " ^(http|https)://.+\\.bfb$; a bad URL leaves the BFB and every DPU Pending without an error,"
                    + " doca-platform #29), got '" + dpf.bfbUrl() + "'"));
        } else {
            try {
                if (URI.create(dpf.bfbUrl()).getHost() == null) {
                    v.add(new Problem("dpf.bfbUrl", "has no host: '" + dpf.bfbUrl() + "'"));
                }
            } catch (IllegalArgumentException e) {
                v.add(new Problem("dpf.bfbUrl", "is not a URL: '" + dpf.bfbUrl() + "'"));
            }
            Matcher m = DOCA.matcher(dpf.bfbUrl());
            if (m.find()) {
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                if (major < 2 || major == 2 && minor < 5) {
                    v.add(new Problem("dpf.bfbUrl", "bf-bundle " + major + "." + minor + " is older than DOCA 2.5, the"
                            + " oldest DPF provisions (release notes v24.10.0); use a bf-bundle 2.9 BFB"));
                }
            }
        }
        dpf.bfbSha256().ifPresent(s -> {
            if (!SHA256.matcher(s).matches()) {
                v.add(new Problem("dpf.bfbSha256", "must be 64 lower-case hex digits (sha256sum), got '" + s + "'"));
            }
        });
        if (!KubeNames.isSubdomain(dpf.bfbPvcName())) {
            v.add(new Problem("dpf.bfbPvcName", "must name a PersistentVolumeClaim, got '" + dpf.bfbPvcName() + "'"));
        }
        if (dpf.hugepages() < 0) {
            v.add(new Problem("dpf.hugepages", "must not be negative"));
        }
        for (int k = 0; k < dpf.kernelParameters().size(); k++) {
            String kp = dpf.kernelParameters().get(k);
            if (blank(kp) || kp.chars().anyMatch(Character::isWhitespace)) {
                v.add(new Problem("dpf.kernelParameters[" + k + "]", "must be one non-empty parameter without spaces"));
            } else if (kp.startsWith("hugepages") || kp.startsWith("default_hugepagesz")) {
                v.add(new Problem("dpf.kernelParameters[" + k + "]", "'" + kp + "' would bypass the memory check;"
                        + " set dpf.hugepages instead"));
            }
        }
        if (blank(dpf.dpuClusterVersion()) || !dpf.dpuClusterVersion().matches("v1\\.30\\.\\d+")) {
            v.add(new Problem("dpf.dpuClusterVersion", "DPF v24.10 runs Kubernetes 1.30 (prerequisites.md); use v1.30.x,"
                    + " got '" + dpf.dpuClusterVersion() + "'"));
        }
        if (blank(dpf.dpuClusterVip()) || !ipv4(dpf.dpuClusterVip())) {
            v.add(new Problem("dpf.dpuClusterVip", "must be an IPv4 address reserved for the DPU cluster's API (not"
                    + " allocatable by DHCP), got '" + dpf.dpuClusterVip() + "'"));
        }
        if (blank(dpf.dpuClusterInterface())) {
            v.add(new Problem("dpf.dpuClusterInterface", "required: the control-plane nodes' out-of-band interface"));
        }
        if (dpf.virtualRouterId() < 1 || dpf.virtualRouterId() > 255) {
            v.add(new Problem("dpf.virtualRouterId", dpf.virtualRouterId() + " is outside 1..255 (VRRP)"));
        }
        try {
            URI api = blank(dpf.apiServer()) ? null : URI.create(dpf.apiServer());
            if (api == null || !"https".equals(api.getScheme()) || api.getHost() == null) {
                v.add(new Problem("dpf.apiServer", "must be the host cluster's https:// API URL, got '" + dpf.apiServer() + "'"));
            }
        } catch (IllegalArgumentException e) {
            v.add(new Problem("dpf.apiServer", "is not a URL: '" + dpf.apiServer() + "'"));
        }
        Map<String, String> cidrs = new HashMap<>();
        cidrs.put("dpf.podCidr", dpf.podCidr());
        cidrs.put("dpf.serviceCidr", dpf.serviceCidr());
        cidrs.put("dpf.hostCidr", dpf.hostCidr());
        cidrs.put("dpf.vtepCidr", dpf.vtepCidr());
        cidrs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!cidr(e.getValue())) {
                v.add(new Problem(e.getKey(), "must be an IPv4 CIDR such as 10.0.120.0/22, got '" + e.getValue() + "'"));
            }
        });
        if (cidr(dpf.podCidr()) && Integer.parseInt(dpf.podCidr().split("/")[1]) > 24) {
            v.add(new Problem("dpf.podCidr", "OVN-Kubernetes splits it into a /24 per node; give a /24 or larger"));
        }
        dpf.imagePullSecret().ifPresent(s -> {
            if (!KubeNames.isSubdomain(s)) {
                v.add(new Problem("dpf.imagePullSecret", "must name a Secret, got '" + s + "'"));
            }
        });
        if (dpf.mtu() < DpuOffloadConfig.MIN_MTU || dpf.mtu() > MAX_MTU) {
            v.add(new Problem("dpf.mtu", dpf.mtu() + " is outside " + DpuOffloadConfig.MIN_MTU + ".." + MAX_MTU
                    + ": in DPF v24.10 pod traffic fails above 1450 (known issue #7)"));
        }
    }

    private static boolean ipv4(String s) {
        Matcher m = IPV4.matcher(s == null ? "" : s);
        return m.matches() && octets(m);
    }

    private static boolean cidr(String s) {
        Matcher m = CIDR.matcher(s == null ? "" : s);
        return m.matches() && octets(m) && Integer.parseInt(m.group(5)) <= 32;
    }

    private static boolean octets(Matcher m) {
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
