package io.ocatopic.ztp.internal.siteconfig;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Bmc;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Nic;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.ocatopic.ztp.ChassisSpec.Release;
import io.ocatopic.ztp.ChassisSpec.SecondaryNetwork;
import io.ocatopic.core.Problem;
import io.ocatopic.ztp.internal.IpNet;
import io.ocatopic.ztp.internal.ZtpFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.kube.internal.UserFiles;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a SiteConfig v1 file ({@code ran.openshift.io/v1}, {@code kind: SiteConfig}; the format of
 * openshift-kni/cnf-features-deploy {@code ztp/siteconfig-generator}, deprecated since OpenShift 4.18 in
 * favour of ClusterInstance) into a {@link ChassisSpec}, so it renders as a ClusterInstance or the assisted
 * set. Mapping: {@code spec.baseDomain}, {@code pullSecretRef} (a Secret on the hub, never read),
 * {@code clusterImageSetNameRef} (version from {@code openshift-<version>} unless given), {@code sshPublicKey};
 * per cluster {@code clusterName}, {@code clusterLabels}, {@code machineNetwork}, {@code clusterNetwork},
 * {@code serviceNetwork}, {@code apiVIPs}/{@code apiVIP}, {@code ingressVIPs}/{@code ingressVIP}, FIPS from
 * {@code installConfigOverrides}; per node {@code hostName} (first DNS label), {@code role},
 * {@code bmcAddress}, {@code bmcCredentialsName} (a Secret on the hub holding username and password),
 * {@code bootMACAddress} (selects the external NIC), {@code rootDeviceHints.deviceName}, and from
 * {@code nodeNetwork} the static addresses (its interface becomes the internal NIC when it is not the boot
 * NIC), the default routes' gateways ({@code 0.0.0.0/0}, {@code ::/0}) and the DNS servers.
 *
 * <p>IP families: the first {@code machineNetwork} entry's family (IPv4 or IPv6) is the primary one; one more
 * entry of the other family makes the cluster dual-stack ({@link ChassisSpec.Network#secondary()}).
 * {@code clusterNetwork[]} ({@code cidr}, {@code hostPrefix}), {@code serviceNetwork[]} (CIDR strings, or
 * {@code {cidr: ...}}) and the VIPs ({@code apiVIPs}/{@code ingressVIPs}, else the deprecated singular
 * {@code apiVIP}/{@code ingressVIP}; the plural wins when both are given, as upstream) are matched to the
 * families by address; a family with no cluster or service network gets the installer's IPv4 defaults
 * (10.128.0.0/14 /23, 172.30.0.0/16) or assisted-service's IPv6 ones (fd01::/48 /64, fd02::/112). A node's
 * address of each family is its static {@code ipv4}/{@code ipv6} address inside that family's machine
 * network (else the first non-link-local one of the family).
 *
 * <p>Limits: one machine network per family (a third entry, or a second of the same family, is reported
 * with its {@code spec.clusters[i].machineNetwork[j]} path); both families of a node are rendered on one NIC
 * (the one holding the primary address); other NMState content (bonds, VLANs, extra routes) is not carried
 * over — ocatopic renders its own NMState, with DHCPv4 on the boot NIC; a static address on the boot NIC is
 * rendered beside DHCP (ZTPFW single-NIC mode).
 *
 * <pre>{@code
 * ChassisSpec spec = SiteConfigImporter.load(Path.of("site-config.yaml"), Optional.empty());
 * ClusterInstanceRenderer.render(spec, spec.clusters().get(0));   // dry run: nothing applied
 * }</pre>
 */
public final class SiteConfigImporter {
    private SiteConfigImporter() {
    }

    /**
     * Whether a text is a SiteConfig v1 document.
     *
     * @param text YAML
     * @return {@code true} for {@code apiVersion: ran.openshift.io/v1, kind: SiteConfig}
     */
    public static boolean isSiteConfig(String text) {
        try {
            JsonNode n = UserFiles.yaml().readTree(text);
            return n != null && "ran.openshift.io/v1".equals(n.path("apiVersion").asText())
                    && "SiteConfig".equals(n.path("kind").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads a SiteConfig file.
     *
     * @param file    the file
     * @param version the OpenShift version, when the image set name does not carry it
     * @return the validated spec
     * @throws ZtpException {@code IO}, {@code MALFORMED_INPUT}, or {@code INVALID_SPEC} with paths of the
     *                      resulting spec ({@code clusters[0].nodes[1].machineIp ...})
     */
    public static ChassisSpec load(Path file, Optional<String> version) {
        return parse(ZtpFiles.read(file), version);
    }

    /**
     * Parses a SiteConfig text.
     *
     * @param text    the YAML
     * @param version the OpenShift version, when the image set name does not carry it
     * @return the validated spec
     * @throws ZtpException as {@link #load}
     */
    public static ChassisSpec parse(String text, Optional<String> version) {
        JsonNode root;
        try {
            root = UserFiles.yaml().readTree(text);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "not YAML (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !"SiteConfig".equals(root.path("kind").asText())) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "kind: not a SiteConfig (ran.openshift.io/v1)");
        }
        JsonNode s = root.path("spec");
        String imageSet = s.path("clusterImageSetNameRef").asText(null);
        String v = version.orElseGet(() -> imageSet == null ? null
                : imageSet.replaceFirst("^openshift-v?", "").replaceFirst("-x86_64$", ""));
        ChassisSpec.Builder b = ChassisSpec.builder()
                .release(new Release(v, null, Optional.empty(), null, imageSet, Optional.empty(), Optional.empty()))
                .pullSecret(Secret.fromSecret(s.path("pullSecretRef").path("name").asText("pull-secret"),
                        ".dockerconfigjson"));
        if (s.hasNonNull("sshPublicKey")) {
            b.sshKey(s.path("sshPublicKey").asText());
        }
        int ci = 0;
        for (JsonNode c : s.path("clusters")) {
            b.cluster(cluster(s, c, ci++));
        }
        return b.build();
    }

    private static Cluster cluster(JsonNode s, JsonNode c, int ci) {
        String cp = "spec.clusters[" + ci + "]";
        List<Problem> problems = new ArrayList<>();
        // machine networks: the first one's family is the primary; one more of the other family is dual-stack
        List<String> machines = new ArrayList<>();
        for (JsonNode m : c.path("machineNetwork")) {
            machines.add(m.isTextual() ? m.asText() : m.path("cidr").asText(null));
        }
        boolean v6 = !machines.isEmpty() && isV6(machines.get(0));
        String machine = machines.isEmpty() ? null : machines.get(0);
        String machine2 = null;
        for (int i = 1; i < machines.size(); i++) {
            if (machines.get(i) != null && isV6(machines.get(i)) != v6 && machine2 == null) {
                machine2 = machines.get(i);
            } else {
                problems.add(new Problem(cp + ".machineNetwork[" + i + "]", "ocatopic carries one machine network per "
                        + "IP family (dual-stack: one IPv4 and one IPv6); " + machines.get(i) + " is one too many"));
            }
        }
        boolean dual = machine2 != null;
        // cluster and service networks, matched to the machine networks by family
        Map<Boolean, JsonNode> clusterNets = new HashMap<>();
        for (JsonNode cn : c.path("clusterNetwork")) {
            clusterNets.putIfAbsent(isV6(cn.path("cidr").asText("")), cn);
        }
        Map<Boolean, String> serviceNets = new HashMap<>();
        for (JsonNode sn : c.path("serviceNetwork")) {
            String cidr = sn.isTextual() ? sn.asText() : sn.path("cidr").asText("");
            serviceNets.putIfAbsent(isV6(cidr), cidr);
        }
        // VIPs: the plural lists, or the deprecated singular forms; each VIP goes to its family
        List<String> api = vips(c, "apiVIPs", "apiVIP");
        List<String> ingress = vips(c, "ingressVIPs", "ingressVIP");
        List<Node> nodes = new ArrayList<>();
        Map<Boolean, String> gateways = new HashMap<>();
        List<String> dns = new ArrayList<>();
        for (JsonNode n : c.path("nodes")) {
            JsonNode cfg = n.path("nodeNetwork").path("config");
            for (JsonNode r : cfg.path("routes").path("config")) {
                String dest = r.path("destination").asText();
                if (("0.0.0.0/0".equals(dest) || "::/0".equals(dest)) && r.hasNonNull("next-hop-address")) {
                    gateways.putIfAbsent(dest.contains(":"), r.path("next-hop-address").asText());
                }
            }
            if (dns.isEmpty()) {
                cfg.path("dns-resolver").path("config").path("server").forEach(x -> dns.add(x.asText()));
            }
            nodes.add(node(n, v6, machine, machine2));
        }
        if (!problems.isEmpty()) {
            throw ZtpException.invalid(problems);
        }
        JsonNode cn = clusterNets.get(v6);
        Network net = new Network(machine, gateways.get(v6), family(api, v6), family(ingress, v6),
                cn == null ? defaultCluster(v6) : cn.path("cidr").asText(),
                cn == null ? defaultHostPrefix(v6) : cn.path("hostPrefix").asInt(defaultHostPrefix(v6)),
                serviceNets.getOrDefault(v6, defaultService(v6)), dns);
        if (dual) {
            JsonNode cn2 = clusterNets.get(!v6);
            net = net.withSecondary(new SecondaryNetwork(machine2, Optional.ofNullable(gateways.get(!v6)),
                    family(api, !v6), family(ingress, !v6),
                    cn2 == null ? defaultCluster(!v6) : cn2.path("cidr").asText(),
                    cn2 == null ? defaultHostPrefix(!v6) : cn2.path("hostPrefix").asInt(defaultHostPrefix(!v6)),
                    serviceNets.getOrDefault(!v6, defaultService(!v6))));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("clusterLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        boolean fips = c.path("installConfigOverrides").asText("").replace(" ", "").contains("\"fips\":true");
        return Cluster.builder().name(c.path("clusterName").asText(null)).baseDomain(s.path("baseDomain").asText(null))
                .network(net).nodes(nodes).fips(fips).labels(labels).build();
    }

    private static boolean isV6(String cidrOrAddress) {
        return cidrOrAddress != null && cidrOrAddress.contains(":");
    }

    // the installer's IPv4 defaults (pkg/types/defaults/installconfig.go); assisted-service's IPv6 ones
    private static String defaultCluster(boolean v6) {
        return v6 ? "fd01::/48" : "10.128.0.0/14";
    }

    private static int defaultHostPrefix(boolean v6) {
        return v6 ? 64 : 23;
    }

    private static String defaultService(boolean v6) {
        return v6 ? "fd02::/112" : "172.30.0.0/16";
    }

    /** The plural list when given (upstream: {@code apiVIPs} wins over {@code apiVIP}), else the singular form. */
    private static List<String> vips(JsonNode c, String list, String single) {
        List<String> out = new ArrayList<>();
        if (c.path(list).isArray() && c.path(list).size() > 0) {
            c.path(list).forEach(v -> out.add(v.asText()));
        } else if (c.hasNonNull(single) && !c.path(single).asText().isEmpty()) {
            out.add(c.path(single).asText());
        }
        return out;
    }

    private static Optional<String> family(List<String> addresses, boolean v6) {
        return addresses.stream().filter(a -> isV6(a) == v6).findFirst();
    }

    /** A node; its machine address of each family is the static one inside that family's machine network. */
    private static Node node(JsonNode n, boolean v6, String machine, String machine2) {
        String host = n.path("hostName").asText("");
        String boot = n.path("bootMACAddress").asText("");
        Map<String, String> macs = new LinkedHashMap<>();
        n.path("nodeNetwork").path("interfaces").forEach(i -> macs.put(i.path("name").asText(), i.path("macAddress").asText()));
        String extName = macs.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(boot)).map(Map.Entry::getKey)
                .findFirst().orElse(macs.keySet().stream().findFirst().orElse("eth0"));
        String[] ip = new String[2];
        String[] ipIface = new String[2];
        for (int f = 0; f < 2; f++) {
            boolean fam = f == 0 ? v6 : !v6;
            String net = f == 0 ? machine : machine2;
            if (f == 1 && machine2 == null) {
                break;
            }
            String block = fam ? "ipv6" : "ipv4";
            // first choice: an address inside the family's machine network; else the first of the family
            for (int pass = 0; pass < 2 && ip[f] == null; pass++) {
                for (JsonNode i : n.path("nodeNetwork").path("config").path("interfaces")) {
                    if (!i.path(block).path("enabled").asBoolean(false)) {
                        continue;
                    }
                    for (JsonNode a : i.path(block).path("address")) {
                        String x = a.path("ip").asText(null);
                        if (x == null || ip[f] != null || isV6(x) != fam || x.toLowerCase(Locale.ROOT).startsWith("fe80:")) {
                            continue;
                        }
                        if (pass == 1 || inside(net, x)) {
                            ip[f] = x;
                            ipIface[f] = i.path("name").asText();
                        }
                    }
                }
            }
        }
        String bmcSecret = n.path("bmcCredentialsName").path("name").asText(host + "-bmc-secret");
        Node.Builder b = Node.builder().name(host.split("\\.")[0])
                .role("worker".equals(n.path("role").asText()) ? NodeRole.WORKER : NodeRole.CONTROL_PLANE)
                // username and password both live in the hub Secret; the username is not rendered from here
                .bmc(new Bmc(n.path("bmcAddress").asText(null), "from-secret", Secret.fromSecret(bmcSecret, "password")))
                .externalNic(new Nic(extName, boot.toLowerCase(Locale.ROOT)))
                .machineIp(ip[0]).secondaryMachineIp(ip[1])
                .rootDisk(n.path("rootDeviceHints").path("deviceName").asText(null));
        String ipIf = ipIface[0] != null ? ipIface[0] : ipIface[1];
        if (ipIf != null && !ipIf.equals(extName) && macs.containsKey(ipIf)) {
            b.internalNic(new Nic(ipIf, macs.get(ipIf).toLowerCase(Locale.ROOT)));
        }
        return b.build();
    }

    private static boolean inside(String cidr, String address) {
        try {
            return cidr != null && IpNet.parse(cidr).contains(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
