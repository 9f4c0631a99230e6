package io.ocatopic.ztp.internal;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.kube.internal.KubeNames;
import io.ocatopic.kube.internal.UserFiles;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ChassisSpec.Bmc;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Mirror;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Nic;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.Release;
import io.ocatopic.ztp.ChassisSpec.SecondaryNetwork;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule a {@link ChassisSpec} must satisfy; collects all problems with their paths. Kubernetes name
 * rules come from {@link KubeNames}.
 */
public final class ChassisValidator {
    static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,14}");
    static final Pattern OCP_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?");
    static final Pattern SHORT_VERSION = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?");
    static final Pattern RHCOS = Pattern.compile("\\d+(\\.\\d+)+(-\\d+)?");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final Pattern HOST_PORT = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");
    static final Pattern REPOSITORY = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern SSH_KEY = Pattern.compile("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?");

    /**
     * BMC URL schemes the bare-metal operator accepts, each also with {@code +http}/{@code +https}
     * (source: openshift/baremetal-operator docs/api.md, "BMC URLs vary based on the type of BMC").
     */
    static final Set<String> BMC_SCHEMES = Set.of("ipmi", "redfish", "redfish-virtualmedia", "redfish-uefihttp",
            "idrac", "idrac-redfish", "idrac-virtualmedia", "irmc", "irmc-virtualmedia", "ilo4",
            "ilo4-virtualmedia", "ilo5", "ilo5-redfish", "ilo5-virtualmedia", "ibmc");

    private ChassisValidator() {
    }

    /**
     * Validates the parts of a spec.
     *
     * @param release    the release, or {@code null}
     * @param registry   the registry, or {@code null}
     * @param mirrors    the mirrors
     * @param pullSecret the pull secret, or {@code null}
     * @param sshKey     the SSH key, or {@code null}
     * @param clusters   the clusters
     * @return every problem, empty when valid
     */
    public static List<Problem> validate(Release release, String registry, List<Mirror> mirrors,
                                         Secret pullSecret, String sshKey, List<Cluster> clusters) {
        Errors e = new Errors();
        validateRelease(release, e);
        if (registry != null && !HOST_PORT.matcher(registry).matches()) {
            e.add("registry", "must be host or host:port");
        }
        for (int i = 0; i < mirrors.size(); i++) {
            Mirror m = mirrors.get(i);
            String p = "mirrors[" + i + "]";
            if (m.source() == null || !REPOSITORY.matcher(m.source()).matches()) {
                e.add(p + ".source", "must be a repository like registry.example.com/org/repo");
            }
            if (m.mirrors().isEmpty()) {
                e.add(p + ".mirrors", "at least one mirror is required");
            }
            for (int j = 0; j < m.mirrors().size(); j++) {
                if (!REPOSITORY.matcher(m.mirrors().get(j)).matches()) {
                    e.add(p + ".mirrors[" + j + "]", "must be a repository like mirror.local:5000/org/repo");
                }
            }
        }
        validateSecret("pullSecret", pullSecret, e);
        if (pullSecret != null && pullSecret.kind() == Secret.Kind.VALUE && !pullSecret.isEmpty()) {
            pullSecretProblem(pullSecret.reveal()).ifPresent(m -> e.add("pullSecret", m));
        }
        if (sshKey != null && !SSH_KEY.matcher(sshKey.strip()).matches()) {
            e.add("sshKey", "must be an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-*)");
        }
        if (clusters.isEmpty()) {
            e.add("clusters", "at least one cluster is required");
        }
        Map<String, String> macs = new HashMap<>();
        Map<String, String> externalIps = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < clusters.size(); i++) {
            Cluster c = clusters.get(i);
            String p = "clusters[" + i + "]";
            if (c.name() != null && !names.add(c.name())) {
                e.add(p + ".name", "duplicate cluster name " + c.name());
            }
            validateCluster(p, c, macs, externalIps, e);
        }
        return e.list;
    }

    private static void validateRelease(Release r, Errors e) {
        if (r == null) {
            e.add("release", "required");
            return;
        }
        if (r.version() == null) {
            e.add("release.version", "required");
        } else if (!OCP_VERSION.matcher(r.version()).matches()) {
            e.add("release.version", "must be an OpenShift version like 4.14.10");
        }
        if (r.tag() != null && !TAG.matcher(r.tag()).matches()) {
            e.add("release.tag", "must be an image tag ([A-Za-z0-9_.-], at most 128)");
        }
        r.rhcosRelease().filter(v -> !RHCOS.matcher(v).matches())
                .ifPresent(v -> e.add("release.rhcosRelease", "must be an RHCOS release like 414.92.202310170514-0"));
        if (!r.clientMirror().startsWith("https://") && !r.clientMirror().startsWith("http://")) {
            e.add("release.clientMirror", "must be an http(s) URL");
        }
        if (r.clusterImageSet() != null && !KubeNames.isSubdomain(r.clusterImageSet())) {
            e.add("release.clusterImageSet", "must be a DNS-1123 subdomain");
        }
        r.acmVersion().filter(v -> !SHORT_VERSION.matcher(v).matches())
                .ifPresent(v -> e.add("release.acmVersion", "must be a version like 2.9"));
        r.odfVersion().filter(v -> !SHORT_VERSION.matcher(v).matches())
                .ifPresent(v -> e.add("release.odfVersion", "must be a version like 4.14"));
    }

    private static void validateSecret(String path, Secret s, Errors e) {
        if (s == null) {
            e.add(path, "required (by value or by reference: env, file or secret)");
            return;
        }
        switch (s.kind()) {
            case ENV:
                if (!ENV_NAME.matcher(s.reference().orElseThrow()).matches()) {
                    e.add(path + ".env", "must be an environment variable name");
                }
                break;
            case FILE:
                if (s.reference().orElseThrow().isBlank()) {
                    e.add(path + ".file", "must be a file path");
                }
                break;
            case SECRET_REF: {
                String[] parts = s.reference().orElseThrow().split("/", -1);
                if (parts.length != 2 || !KubeNames.isSubdomain(parts[0]) || parts[1].isEmpty()) {
                    e.add(path + ".secret", "must name a Secret and a key");
                }
                break;
            }
            default:
                if (s.isEmpty()) {
                    e.add(path + ".value", "must not be empty");
                }
        }
    }

    /**
     * Why a pull secret's text is not a pull secret, never quoting it: it must be JSON, an object whose
     * {@code auths} is an object of registry entries, each an object ({@code {"auth": "<base64>"}}).
     *
     * @param text the pull secret
     * @return the problem, empty when it has the shape of a pull secret
     */
    public static Optional<String> pullSecretProblem(String text) {
        String shape = "; a pull secret is {\"auths\": {\"<registry>\": {\"auth\": \"<base64 user:password>\"}}}"
                + " (value not shown)";
        JsonNode root;
        try {
            root = UserFiles.json().readTree(text);
        } catch (java.io.IOException | RuntimeException ex) {
            // the parser's message quotes the input: never used
            return Optional.of("is not JSON" + shape);
        }
        if (root == null || !root.isObject()) {
            return Optional.of("is JSON but not an object" + shape);
        }
        JsonNode auths = root.get("auths");
        if (auths == null) {
            return Optional.of("has no \"auths\" key" + shape);
        }
        if (!auths.isObject()) {
            return Optional.of("\"auths\" must be an object of registries" + shape);
        }
        for (JsonNode entry : auths) {
            if (!entry.isObject()) {
                return Optional.of("each entry of \"auths\" must be an object" + shape);
            }
        }
        return Optional.empty();
    }

    private static void validateLabels(String p, Map<String, String> labels, Errors e) {
        labels.forEach((key, value) -> {
            String lp = p + "." + key;
            KubeNames.qualifiedNameProblem(key).ifPresentOrElse(m -> e.add(lp, m),
                    () -> KubeNames.labelValueProblem(value).ifPresent(m -> e.add(lp, m)));
        });
    }

    private static void validateCluster(String p, Cluster c, Map<String, String> macs,
                                        Map<String, String> externalIps, Errors e) {
        if (c.name() == null) {
            e.add(p + ".name", "required");
        } else if (!KubeNames.isLabel(c.name())) {
            e.add(p + ".name", "must be a DNS-1123 label (lower-case letters, digits, '-', at most 63)");
        }
        if (c.baseDomain() == null) {
            e.add(p + ".baseDomain", "required");
        } else if (!KubeNames.isSubdomain(c.baseDomain())) {
            e.add(p + ".baseDomain", "must be a DNS domain");
        }
        validateLabels(p + ".labels", c.labels(), e);
        Machines machine = validateNetworks(p + ".network", c, e);
        long cp = c.controlPlane().size();
        if (cp != 1 && cp != 3) {
            e.add(p + ".nodes", cp + " control-plane node(s); need 1 (single-node) or 3");
        } else if (cp == 1 && !c.workers().isEmpty()) {
            e.add(p + ".nodes", "a single-node cluster has no workers");
        }
        Network n = c.network();
        if (n != null) {
            if (cp == 1) {
                if (n.apiVip().isPresent() || n.ingressVip().isPresent()) {
                    e.add(p + ".network", "a single-node cluster takes no API/ingress VIPs");
                }
                n.secondary().filter(sec -> sec.apiVip().isPresent() || sec.ingressVip().isPresent())
                        .ifPresent(sec -> e.add(p + ".network.secondary", "a single-node cluster takes no API/ingress VIPs"));
            } else if (cp == 3) {
                if (n.apiVip().isEmpty()) {
                    e.add(p + ".network.apiVip", "required for a multi-node cluster");
                }
                if (n.ingressVip().isEmpty()) {
                    e.add(p + ".network.ingressVip", "required for a multi-node cluster");
                }
            }
            if (n.apiVip().isPresent() && n.apiVip().equals(n.ingressVip())) {
                e.add(p + ".network.ingressVip", "must differ from the API VIP");
            }
        }
        Set<String> nodeNames = new HashSet<>();
        Map<String, String> ips = new HashMap<>();
        for (int i = 0; i < c.nodes().size(); i++) {
            Node node = c.nodes().get(i);
            String np = p + ".nodes[" + i + "]";
            if (node.name() != null && !nodeNames.add(node.name())) {
                e.add(np + ".name", "duplicate node name " + node.name());
            }
            validateNode(np, node, machine, n, macs, ips, externalIps, e);
        }
    }

    /** The validated machine networks, primary and (dual-stack) secondary; either null when invalid. */
    private record Machines(IpNet primary, IpNet secondary) {
    }

    private static Machines validateNetworks(String p, Cluster c, Errors e) {
        Network n = c.network();
        if (n == null) {
            e.add(p, "required");
            return new Machines(null, null);
        }
        IpNet machine = family(p, n.machineNetwork(), n.clusterNetwork(), n.hostPrefix(), n.serviceNetwork(), e);
        if (n.gateway() != null) {
            address(p + ".gateway", n.gateway(), machine, e);
        }
        vips(p, n.apiVip(), n.ingressVip(), Optional.ofNullable(n.gateway()), machine, e);
        for (int i = 0; i < n.dnsServers().size(); i++) {
            if (!IpNet.isAddress(n.dnsServers().get(i))) {
                e.add(p + ".dnsServers[" + i + "]", "must be an IPv4 or IPv6 address");
            }
        }
        if (n.secondary().isEmpty()) {
            return new Machines(machine, null);
        }
        SecondaryNetwork sec = n.secondary().get();
        String sp = p + ".secondary";
        IpNet second = family(sp, sec.machineNetwork(), sec.clusterNetwork(), sec.hostPrefix(), sec.serviceNetwork(), e);
        if (machine != null && second != null && machine.ipv6() == second.ipv6()) {
            e.add(sp + ".machineNetwork", "must be of the other IP family than " + p + ".machineNetwork " + machine
                    + " (dual-stack: one IPv4 and one IPv6 family)");
            second = null;
        }
        if (sec.gateway().isPresent()) {
            address(sp + ".gateway", sec.gateway().get(), second, e);
        }
        vips(sp, sec.apiVip(), sec.ingressVip(), sec.gateway(), second, e);
        return new Machines(machine, second);
    }

    /** One IP family's machine, cluster and service networks; returns the machine network when valid. */
    private static IpNet family(String p, String machineText, String clusterText, int hostPrefix, String serviceText,
                                Errors e) {
        IpNet machine = cidr(p + ".machineNetwork", machineText, e);
        IpNet cluster = cidr(p + ".clusterNetwork", clusterText, e);
        IpNet service = cidr(p + ".serviceNetwork", serviceText, e);
        if (machine != null && cluster != null && cluster.ipv6() != machine.ipv6()) {
            e.add(p + ".clusterNetwork", "must be " + familyName(machine) + " like the machine network " + machine);
            cluster = null;
        }
        if (machine != null && service != null && service.ipv6() != machine.ipv6()) {
            e.add(p + ".serviceNetwork", "must be " + familyName(machine) + " like the machine network " + machine);
            service = null;
        }
        if (machine != null && cluster != null && machine.overlaps(cluster)) {
            e.add(p + ".clusterNetwork", "overlaps the machine network " + machine);
        }
        if (machine != null && service != null && machine.overlaps(service)) {
            e.add(p + ".serviceNetwork", "overlaps the machine network " + machine);
        }
        if (cluster != null && service != null && cluster.overlaps(service)) {
            e.add(p + ".serviceNetwork", "overlaps the cluster network " + cluster);
        }
        if (cluster != null && cluster.ipv6() && hostPrefix != 64) {
            // openshift/installer pkg/types/validation/installconfig.go validateClusterNetwork
            e.add(p + ".hostPrefix", "must be 64 for an IPv6 cluster network");
        } else if (cluster != null && !cluster.ipv6() && (hostPrefix <= cluster.prefix() || hostPrefix > 30)) {
            e.add(p + ".hostPrefix", "must be longer than the cluster network's /" + cluster.prefix()
                    + " and at most 30");
        }
        return machine;
    }

    private static void vips(String p, Optional<String> api, Optional<String> ingress, Optional<String> gateway,
                             IpNet machine, Errors e) {
        String gw = gateway.map(IpNet::canonical).orElse(null);
        api.ifPresent(v -> {
            if (address(p + ".apiVip", v, machine, e) && IpNet.canonical(v).equals(gw)) {
                e.add(p + ".apiVip", v + " is the gateway; the API VIP must be a free address of the machine network");
            }
        });
        ingress.ifPresent(v -> {
            if (address(p + ".ingressVip", v, machine, e) && IpNet.canonical(v).equals(gw)) {
                e.add(p + ".ingressVip", v
                        + " is the gateway; the ingress VIP must be a free address of the machine network");
            }
        });
        if (api.isPresent() && ingress.isPresent()
                && IpNet.canonical(api.get()).equals(IpNet.canonical(ingress.get()))
                && p.endsWith(".secondary")) {
            // the primary pair is reported by validateCluster
            e.add(p + ".ingressVip", "must differ from the API VIP");
        }
    }

    private static String familyName(IpNet n) {
        return n.ipv6() ? "IPv6" : "IPv4";
    }

    private static IpNet cidr(String path, String value, Errors e) {
        if (value == null) {
            e.add(path, "required");
            return null;
        }
        try {
            return IpNet.parse(value);
        } catch (IllegalArgumentException ex) {
            e.add(path, "must be an IPv4 (a.b.c.d/n) or IPv6 (x:y::/n) network in CIDR notation with no host bits set");
            return null;
        }
    }

    private static boolean address(String path, String value, IpNet network, Errors e) {
        if (!IpNet.isAddress(value)) {
            e.add(path, "must be an IPv4 or IPv6 address");
            return false;
        }
        if (network != null && !network.contains(value)) {
            e.add(path, value + " is outside the machine network " + network);
            return false;
        }
        if (network != null && network.isReserved(value)) {
            e.add(path, value + " is the network or broadcast address of " + network);
            return false;
        }
        return true;
    }

    private static void validateNode(String p, Node node, Machines machines, Network net, Map<String, String> macs,
                                     Map<String, String> ips, Map<String, String> externalIps, Errors e) {
        if (node.name() == null) {
            e.add(p + ".name", "required");
        } else if (!KubeNames.isLabel(node.name())) {
            e.add(p + ".name", "must be a DNS-1123 label (lower-case letters, digits, '-', at most 63)");
        }
        if (node.role() == null) {
            e.add(p + ".role", "required (control-plane or worker)");
        }
        validateBmc(p + ".bmc", node.bmc(), e);
        Set<String> nicNames = new HashSet<>();
        if (node.externalNic() == null) {
            e.add(p + ".externalNic", "required (the DHCP NIC the node boots from)");
        } else {
            validateNic(p + ".externalNic", node.externalNic(), macs, nicNames, e);
        }
        node.internalNic().ifPresent(nic -> validateNic(p + ".internalNic", nic, macs, nicNames, e));
        if (node.machineIp() == null) {
            e.add(p + ".machineIp", "required");
        } else {
            machineAddress(p + ".machineIp", node.machineIp(), machines.primary(), net == null ? null
                    : new String[] {net.apiVip().orElse(null), net.ingressVip().orElse(null), net.gateway()}, ips, p, e);
        }
        boolean dual = net != null && net.secondary().isPresent();
        if (node.secondaryMachineIp().isPresent() && !dual) {
            e.add(p + ".secondaryMachineIp", "set, but the cluster's network has no secondary (dual-stack) family");
        } else if (dual && node.secondaryMachineIp().isEmpty()) {
            e.add(p + ".secondaryMachineIp", "required: in a dual-stack cluster every node holds an address in each "
                    + "machine network (assisted-service belongs-to-machine-cidr)");
        } else if (dual) {
            SecondaryNetwork sec = net.secondary().get();
            machineAddress(p + ".secondaryMachineIp", node.secondaryMachineIp().get(), machines.secondary(),
                    new String[] {sec.apiVip().orElse(null), sec.ingressVip().orElse(null), sec.gateway().orElse(null)},
                    ips, p, e);
        }
        node.externalIp().ifPresent(ip -> {
            if (!Cidr.isIpv4(ip)) {
                e.add(p + ".externalIp", "must be an IPv4 address");
            } else if (net != null && (net.apiVip().filter(ip::equals).isPresent()
                    || net.ingressVip().filter(ip::equals).isPresent())) {
                e.add(p + ".externalIp", ip + " is a VIP; VIPs must not be node addresses");
            } else {
                // the external (DHCP) network is the factory's, shared by every cluster of the chassis
                String other = externalIps.putIfAbsent(ip, p + ".externalIp");
                if (other != null) {
                    e.add(p + ".externalIp", ip + " is already used by " + other + "; give each node its own address");
                }
            }
        });
        for (int i = 0; i < node.ignoredInterfaces().size(); i++) {
            String nic = node.ignoredInterfaces().get(i);
            String ip = p + ".ignoredInterfaces[" + i + "]";
            if (!IFNAME.matcher(nic).matches()) {
                e.add(ip, "must be an interface name (at most 15 characters)");
            } else if (nicNames.contains(nic)) {
                e.add(ip, nic + " is the node's external or internal NIC");
            }
        }
        if (node.rootDisk() == null || node.rootDisk().isBlank()) {
            e.add(p + ".rootDisk", "required");
        } else if (!node.rootDisk().startsWith("/dev/")) {
            e.add(p + ".rootDisk", "must be a device path under /dev/");
        }
        for (int i = 0; i < node.storageDisks().size(); i++) {
            String d = node.storageDisks().get(i);
            if (!d.startsWith("/dev/")) {
                e.add(p + ".storageDisks[" + i + "]", "must be a device path under /dev/");
            } else if (d.equals(node.rootDisk())) {
                e.add(p + ".storageDisks[" + i + "]", "is the root disk");
            }
        }
    }

    /** A node's machine address: in its network, unique, neither a VIP nor the gateway ({api, ingress, gateway}). */
    private static void machineAddress(String path, String ip, IpNet machine, String[] taken, Map<String, String> ips,
                                       String nodePath, Errors e) {
        if (!address(path, ip, machine, e)) {
            return;
        }
        String key = IpNet.canonical(ip);
        String other = ips.putIfAbsent(key, nodePath);
        if (other != null) {
            e.add(path, ip + " is already used by " + other);
        }
        if (taken == null) {
            return;
        }
        if (taken[0] != null && key.equals(IpNet.canonical(taken[0]))) {
            e.add(path, ip + " is the API VIP; VIPs must not be node addresses");
        }
        if (taken[1] != null && key.equals(IpNet.canonical(taken[1]))) {
            e.add(path, ip + " is the ingress VIP; VIPs must not be node addresses");
        }
        if (taken[2] != null && key.equals(IpNet.canonical(taken[2]))) {
            e.add(path, ip + " is the gateway");
        }
    }

    private static void validateNic(String p, Nic nic, Map<String, String> macs, Set<String> names, Errors e) {
        if (nic.name() == null || !IFNAME.matcher(nic.name()).matches()) {
            e.add(p + ".name", "must be an interface name (at most 15 characters)");
        } else if (!names.add(nic.name())) {
            e.add(p + ".name", "the external and internal NIC must differ");
        }
        if (nic.mac() == null) {
            e.add(p + ".mac", "required");
        } else if (!MAC.matcher(nic.mac()).matches()) {
            e.add(p + ".mac", "must be a MAC address like aa:bb:cc:dd:ee:ff");
        } else if (nic.mac().equals("00:00:00:00:00:00")
                || (Integer.parseInt(nic.mac().substring(0, 2), 16) & 1) == 1) {
            e.add(p + ".mac", "must be a unicast, non-zero MAC address");
        } else {
            String other = macs.putIfAbsent(nic.mac().toLowerCase(Locale.ROOT), p + ".mac");
            if (other != null) {
                e.add(p + ".mac", "duplicates the MAC at " + other);
            }
        }
    }

    private static void validateBmc(String p, Bmc bmc, Errors e) {
        if (bmc == null) {
            e.add(p, "required");
            return;
        }
        if (bmc.url() == null || bmc.url().isBlank()) {
            e.add(p + ".url", "required");
        } else {
            checkBmcUrl(p + ".url", bmc.url(), e);
        }
        if (bmc.username() == null || bmc.username().isBlank()) {
            e.add(p + ".username", "required");
        }
        validateSecret(p + ".password", bmc.password(), e);
    }

    private static void checkBmcUrl(String p, String url, Errors e) {
        // before parsing, and on any '@' (no BMC address has one): a password with '#', '/' or a space
        // breaks URL parsing and must be caught too; the URL is never shown
        if (url.contains("@")) {
            // the address lands in BareMetalHost.spec.bmc.address on the hub, outside any Secret
            String bmc = p.substring(0, p.length() - ".url".length());
            e.add(p, "holds credentials (user:password@), which would be stored outside any Secret: give the host"
                    + " only; put the user in " + bmc + ".username and the password in " + bmc + ".password");
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException ex) {
            e.add(p, "is not a URL");
            return;
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String base = scheme.replaceFirst("\\+https?$", "");
        if (!BMC_SCHEMES.contains(base)) {
            e.add(p, "scheme '" + scheme + "' is not a BMC driver (redfish, redfish-virtualmedia, "
                    + "idrac-virtualmedia, ipmi, ilo5, irmc, ...)");
            return;
        }
        if (uri.getHost() == null) {
            e.add(p, "has no host");
            return;
        }
        boolean needsPath = base.startsWith("redfish") || base.equals("idrac-redfish")
                || base.equals("idrac-virtualmedia") || base.equals("ilo5-redfish");
        if (needsPath && (uri.getPath() == null || uri.getPath().length() <= 1)) {
            e.add(p, "a " + base + " URL needs the system path, e.g. /redfish/v1/Systems/1");
        }
    }

    private static final class Errors {
        final List<Problem> list = new ArrayList<>();

        void add(String path, String message) {
            list.add(new Problem(path, message));
        }
    }
}
