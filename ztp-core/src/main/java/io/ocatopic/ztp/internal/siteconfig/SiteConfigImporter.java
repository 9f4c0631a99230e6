package io.ocatopic.ztp.internal.siteconfig;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Bmc;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Nic;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.ocatopic.ztp.ChassisSpec.Release;
import io.ocatopic.ztp.internal.ZtpFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.kube.internal.UserFiles;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code nodeNetwork} the static IPv4 address (its interface becomes the internal NIC when it is not the
 * boot NIC), the default route's gateway and the DNS servers. Limits: IPv4 only; one machine network;
 * other NMState content (bonds, VLANs, extra routes) is not carried over — ocatopic renders its own NMState;
 * a static address on the boot NIC is rendered beside DHCP (ZTPFW single-NIC mode).
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
        for (JsonNode c : s.path("clusters")) {
            b.cluster(cluster(s, c));
        }
        return b.build();
    }

    private static Cluster cluster(JsonNode s, JsonNode c) {
        List<Node> nodes = new ArrayList<>();
        String gateway = null;
        List<String> dns = new ArrayList<>();
        for (JsonNode n : c.path("nodes")) {
            JsonNode cfg = n.path("nodeNetwork").path("config");
            for (JsonNode r : cfg.path("routes").path("config")) {
                if ("0.0.0.0/0".equals(r.path("destination").asText()) && gateway == null) {
                    gateway = r.path("next-hop-address").asText(null);
                }
            }
            if (dns.isEmpty()) {
                cfg.path("dns-resolver").path("config").path("server").forEach(x -> dns.add(x.asText()));
            }
            nodes.add(node(n));
        }
        String machine = c.path("machineNetwork").path(0).path("cidr").asText(null);
        JsonNode cn = c.path("clusterNetwork").path(0);
        JsonNode sn = c.path("serviceNetwork").path(0);
        String service = sn.isTextual() ? sn.asText() : sn.path("cidr").asText("172.30.0.0/16");
        Network net = new Network(machine, gateway, vip(c, "apiVIPs", "apiVIP"), vip(c, "ingressVIPs", "ingressVIP"),
                cn.path("cidr").asText("10.128.0.0/14"), cn.path("hostPrefix").asInt(23), service, dns);
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("clusterLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        boolean fips = c.path("installConfigOverrides").asText("").replace(" ", "").contains("\"fips\":true");
        return Cluster.builder().name(c.path("clusterName").asText(null)).baseDomain(s.path("baseDomain").asText(null))
                .network(net).nodes(nodes).fips(fips).labels(labels).build();
    }

    private static Optional<String> vip(JsonNode c, String list, String single) {
        if (c.path(list).isArray() && c.path(list).size() > 0) {
            return Optional.of(c.path(list).path(0).asText());
        }
        return Optional.ofNullable(c.path(single).asText(null));
    }

    private static Node node(JsonNode n) {
        String host = n.path("hostName").asText("");
        String boot = n.path("bootMACAddress").asText("");
        Map<String, String> macs = new LinkedHashMap<>();
        n.path("nodeNetwork").path("interfaces").forEach(i -> macs.put(i.path("name").asText(), i.path("macAddress").asText()));
        String extName = macs.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(boot)).map(Map.Entry::getKey)
                .findFirst().orElse(macs.keySet().stream().findFirst().orElse("eth0"));
        String ip = null;
        String ipIface = null;
        for (JsonNode i : n.path("nodeNetwork").path("config").path("interfaces")) {
            JsonNode a = i.path("ipv4").path("address").path(0);
            if (i.path("ipv4").path("enabled").asBoolean(false) && a.hasNonNull("ip") && ip == null) {
                ip = a.path("ip").asText();
                ipIface = i.path("name").asText();
            }
        }
        String bmcSecret = n.path("bmcCredentialsName").path("name").asText(host + "-bmc-secret");
        Node.Builder b = Node.builder().name(host.split("\\.")[0])
                .role("worker".equals(n.path("role").asText()) ? NodeRole.WORKER : NodeRole.CONTROL_PLANE)
                // username and password both live in the hub Secret; the username is not rendered from here
                .bmc(new Bmc(n.path("bmcAddress").asText(null), "from-secret", Secret.fromSecret(bmcSecret, "password")))
                .externalNic(new Nic(extName, boot.toLowerCase(java.util.Locale.ROOT)))
                .machineIp(ip).rootDisk(n.path("rootDeviceHints").path("deviceName").asText(null));
        if (ipIface != null && !ipIface.equals(extName) && macs.containsKey(ipIface)) {
            b.internalNic(new Nic(ipIface, macs.get(ipIface).toLowerCase(java.util.Locale.ROOT)));
        }
        return b.build();
    }
}
