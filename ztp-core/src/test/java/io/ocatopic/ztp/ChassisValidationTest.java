package io.ocatopic.ztp;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Mirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.ztp.internal.ztpfw.ZtpfwImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of invalid inputs: each is rejected with exactly the listed errors (path and a message
 * fragment), and no message echoes a secret.
 */
class ChassisValidationTest {
    static final String PULL = "{\"auths\":{\"r.local\":{\"auth\":\"c2VjcmV0\"}}}";
    static final String BMC_PASS = "golden-bmc-pass";
    static final ObjectMapper JSON = new ObjectMapper();

    static String baseJson() {
        ChassisSpec spec = ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/two-clusters.yaml"),
                ChassisImport.ztpfw("factory.example.com", Secret.of(PULL)).withMirrors(List.of(
                        new Mirror("quay.io/openshift-release-dev/ocp-release", List.of("r.local:5000/ocp/release"),
                                null))));
        return spec.toJson();
    }

    /** One mutation: a dotted path with list indexes, and the new value (null removes the field). */
    record Set(String path, Object value) {
    }

    static Set set(String path, Object value) {
        return new Set(path, value);
    }

    static Map<String, String> errors(String... pathAndFragment) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndFragment.length; i += 2) {
            m.put(pathAndFragment[i], pathAndFragment[i + 1]);
        }
        return m;
    }

    static Arguments row(String name, List<Set> changes, Map<String, String> expected) {
        return Arguments.of(name, changes, expected);
    }

    static Stream<Arguments> invalidNative() {
        String n0 = "clusters[0].nodes[0]";
        String net = "clusters[0].network";
        return Stream.of(
                row("external address not IPv4", List.of(set("clusters[1].nodes[0].externalIp", "10.19.2")),
                        errors("clusters[1].nodes[0].externalIp", "IPv4")),
                row("external address is a VIP", List.of(set(n0 + ".externalIp", "192.168.7.243")),
                        errors(n0 + ".externalIp", "is a VIP")),
                row("cluster name not DNS-1123", List.of(set("clusters[0].name", "Edge_1")),
                        errors("clusters[0].name", "DNS-1123")),
                row("node name not DNS-1123", List.of(set(n0 + ".name", "Master0")),
                        errors(n0 + ".name", "DNS-1123")),
                row("MAC syntax", List.of(set(n0 + ".externalNic.mac", "zz:bb:cc:01:00:10")),
                        errors(n0 + ".externalNic.mac", "MAC address")),
                row("MAC duplicated across clusters", List.of(set("clusters[1].nodes[0].externalNic.mac", "AA:BB:CC:01:00:10")),
                        errors("clusters[1].nodes[0].externalNic.mac", "duplicates the MAC at " + n0 + ".externalNic.mac")),
                row("MAC duplicated within a node", List.of(set(n0 + ".internalNic.mac", "aa:bb:cc:01:00:10")),
                        errors(n0 + ".internalNic.mac", "duplicates")),
                row("multicast MAC", List.of(set(n0 + ".externalNic.mac", "01:00:5e:00:00:01")),
                        errors(n0 + ".externalNic.mac", "unicast")),
                row("two control-plane nodes", List.of(set("clusters[0].nodes[2].role", "worker")),
                        errors("clusters[0].nodes", "2 control-plane")),
                row("no control-plane node", List.of(set("clusters[1].nodes[0].role", "worker")),
                        errors("clusters[1].nodes", "0 control-plane")),
                row("root disk missing", List.of(set("clusters[0].nodes[1].rootDisk", null)),
                        errors("clusters[0].nodes[1].rootDisk", "required")),
                row("root disk not a device", List.of(set("clusters[0].nodes[1].rootDisk", "sda")),
                        errors("clusters[0].nodes[1].rootDisk", "/dev/")),
                row("BMC scheme http", List.of(set(n0 + ".bmc.url", "http://10.0.0.1/redfish/v1/Systems/1")),
                        errors(n0 + ".bmc.url", "not a BMC driver")),
                row("redfish without system path", List.of(set(n0 + ".bmc.url", "redfish://10.0.0.1")),
                        errors(n0 + ".bmc.url", "system path")),
                // issue 16 case 5: ipmi://admin:pw@host passed and the password landed in BareMetalHost.spec.bmc.address
                row("BMC URL with credentials", List.of(set(n0 + ".bmc.url", "ipmi://admin:pw@10.0.0.1")),
                        errors(n0 + ".bmc.url", "holds credentials (user:password@)")),
                row("BMC password missing", List.of(set(n0 + ".bmc.password", null)),
                        errors(n0 + ".bmc.password", "required")),
                row("BMC password env name invalid", List.of(set(n0 + ".bmc.password", Map.of("env", "1BAD-NAME"))),
                        errors(n0 + ".bmc.password.env", "environment variable")),
                row("OpenShift version malformed", List.of(set("release.version", "4.14")),
                        errors("release.version", "4.14.10")),
                row("ACM version malformed", List.of(set("release.acmVersion", "two")),
                        errors("release.acmVersion", "version")),
                row("cluster network overlaps machine network", List.of(set(net + ".clusterNetwork", "192.168.0.0/16")),
                        errors(net + ".clusterNetwork", "overlaps the machine network")),
                row("service network overlaps cluster network", List.of(set(net + ".serviceNetwork", "10.130.0.0/16")),
                        errors(net + ".serviceNetwork", "overlaps the cluster network")),
                row("API VIP outside machine network", List.of(set(net + ".apiVip", "10.0.0.1")),
                        errors(net + ".apiVip", "outside the machine network")),
                row("API VIP on a node", List.of(set(net + ".apiVip", "192.168.7.11")),
                        errors("clusters[0].nodes[1].machineIp", "is the API VIP")),
                row("ingress VIP equals API VIP", List.of(set(net + ".ingressVip", "192.168.7.243")),
                        errors(net + ".ingressVip", "differ")),
                row("node IP outside machine network", List.of(set(n0 + ".machineIp", "192.168.8.10")),
                        errors(n0 + ".machineIp", "outside")),
                row("node IP duplicated", List.of(set("clusters[0].nodes[1].machineIp", "192.168.7.10")),
                        errors("clusters[0].nodes[1].machineIp", "already used by " + n0)),
                row("host prefix shorter than cluster network", List.of(set(net + ".hostPrefix", 12)),
                        errors(net + ".hostPrefix", "longer")),
                row("machine network with host bits", List.of(set(net + ".machineNetwork", "192.168.7.1/24")),
                        errors(net + ".machineNetwork", "CIDR")),
                row("single-node cluster with VIPs", List.of(set("clusters[1].network.apiVip", "192.168.7.243")),
                        errors("clusters[1].network", "no API/ingress VIPs")),
                row("duplicate cluster name", List.of(set("clusters[1].name", "edge-1")),
                        errors("clusters[1].name", "duplicate cluster name")),
                row("duplicate node name", List.of(set("clusters[0].nodes[1].name", "master0")),
                        errors("clusters[0].nodes[1].name", "duplicate node name")),
                row("pull secret without auths", List.of(set("pullSecret", Map.of("value", "not-json-" + BMC_PASS))),
                        errors("pullSecret", "auths")),
                row("ignored interface is the boot NIC", List.of(set(n0 + ".ignoredInterfaces", List.of("eno4"))),
                        errors(n0 + ".ignoredInterfaces[0]", "external or internal NIC")),
                row("unknown field (typo)", List.of(set(n0 + ".rootdisk", "/dev/sda")),
                        errors(n0 + ".rootdisk", "unknown field")),
                row("SSH key malformed", List.of(set("sshKey", "not a key")),
                        errors("sshKey", "OpenSSH")),
                row("mirror without mirrors", List.of(set("mirrors[0].mirrors", List.of())),
                        errors("mirrors[0].mirrors", "at least one")),
                row("registry malformed", List.of(set("registry", "bad host:port:9")),
                        errors("registry", "host:port")),
                row("storage disk is the root disk", List.of(set(n0 + ".storageDisks", List.of("/dev/sda"))),
                        errors(n0 + ".storageDisks[0]", "root disk")),
                // issue 16: validation gaps, one row per case
                row("API VIP is the gateway", List.of(set(net + ".apiVip", "192.168.7.1")),
                        errors(net + ".apiVip", "is the gateway")),
                row("ingress VIP is the gateway", List.of(set(net + ".ingressVip", "192.168.7.1")),
                        errors(net + ".ingressVip", "is the gateway")),
                row("external IP on two nodes of a cluster", List.of(set(n0 + ".externalIp", "10.19.2.40"),
                                set("clusters[0].nodes[1].externalIp", "10.19.2.40")),
                        errors("clusters[0].nodes[1].externalIp", "already used by " + n0 + ".externalIp")),
                row("external IP on nodes of two clusters", List.of(set(n0 + ".externalIp", "10.19.2.30")),
                        errors("clusters[1].nodes[0].externalIp", "already used by " + n0 + ".externalIp")),
                row("MAC on two nodes of a cluster", List.of(set("clusters[0].nodes[1].externalNic.mac", "aa:bb:cc:01:00:10")),
                        errors("clusters[0].nodes[1].externalNic.mac", "duplicates the MAC at " + n0 + ".externalNic.mac")),
                row("label key with a space", List.of(set("clusters[0].labels", Map.of("bad key", "x"))),
                        errors("clusters[0].labels.bad key", "not a label key")),
                row("label key name over 63", List.of(set("clusters[0].labels", Map.of("a".repeat(64), "x"))),
                        errors("clusters[0].labels." + "a".repeat(64), "at most 63")),
                row("label key prefix over 253", List.of(set("clusters[0].labels",
                                Map.of("a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                                        + "." + "e".repeat(10) + "/name", "x"))),
                        errors("clusters[0].labels." + "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "."
                                + "d".repeat(60) + "." + "e".repeat(10) + "/name", "at most 253")),
                row("label key prefix not a DNS subdomain", List.of(set("clusters[0].labels", Map.of("Example.com/x", "y"))),
                        errors("clusters[0].labels.Example.com/x", "DNS-1123 subdomain")),
                row("label key ending in '-'", List.of(set("clusters[0].labels", Map.of("site-", "x"))),
                        errors("clusters[0].labels.site-", "letter or digit")),
                row("label value over 63", List.of(set("clusters[0].labels", Map.of("site", "v".repeat(64)))),
                        errors("clusters[0].labels.site", "at most 63")),
                row("label value with a slash", List.of(set("clusters[0].labels", Map.of("site", "a/b"))),
                        errors("clusters[0].labels.site", "label value")),
                row("pull secret not JSON", List.of(set("pullSecret", Map.of("value", "{\"auths\": " + BMC_PASS))),
                        errors("pullSecret", "not JSON")),
                row("pull secret a JSON string", List.of(set("pullSecret", Map.of("value", "\"auths\""))),
                        errors("pullSecret", "{\"auths\"")),
                row("pull secret auths not an object", List.of(set("pullSecret",
                                Map.of("value", "{\"auths\": \"" + BMC_PASS + "\"}"))),
                        errors("pullSecret", "\"auths\" must be an object")),
                row("pull secret registry entry not an object", List.of(set("pullSecret",
                                Map.of("value", "{\"auths\": {\"r.local\": \"" + BMC_PASS + "\"}}"))),
                        errors("pullSecret", "each entry of \"auths\"")),
                row("BMC URL with the password in it", List.of(set(n0 + ".bmc.url", "ipmi://admin:" + BMC_PASS + "@10.0.0.1")),
                        errors(n0 + ".bmc.url", "put the user in " + n0 + ".bmc.username and the password in "
                                + n0 + ".bmc.password")),
                row("redfish URL with credentials", List.of(set(n0 + ".bmc.url",
                                "redfish+http://u:" + BMC_PASS + "@10.0.0.1/redfish/v1/Systems/1")),
                        errors(n0 + ".bmc.url", "holds credentials")),
                row("BMC URL with a user only", List.of(set(n0 + ".bmc.url", "idrac-virtualmedia://root@10.0.0.1/redfish/v1/Systems/1")),
                        errors(n0 + ".bmc.url", "holds credentials")),
                row("BMC URL with credentials that do not parse", List.of(set(n0 + ".bmc.url",
                                "redfish://admin:golden-bmc-pass#x y@10.0.0.1/redfish/v1/Systems/1")),
                        errors(n0 + ".bmc.url", "holds credentials")),
                row("many errors at once", List.of(set("clusters[0].name", "EDGE"),
                                set(n0 + ".externalNic.mac", "nope"), set("clusters[0].nodes[1].rootDisk", null),
                                set(net + ".apiVip", "300.1.1.1"), set("release.version", "x")),
                        errors("release.version", "4.14.10", "clusters[0].name", "DNS-1123",
                                net + ".apiVip", "IPv4", n0 + ".externalNic.mac", "MAC",
                                "clusters[0].nodes[1].rootDisk", "required")),
                row("no clusters", List.of(set("clusters", List.of())),
                        errors("clusters", "at least one")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNative")
    void rejectsWithEveryErrorAndPath(String name, List<Set> changes, Map<String, String> expected) throws Exception {
        JsonNode root = JSON.readTree(baseJson());
        for (Set s : changes) {
            apply(root, s.path(), s.value());
        }
        String text = JSON.writeValueAsString(root);
        ZtpException e = assertThrows(ZtpException.class, () -> ChassisSpec.parse(text));
        check(e, expected);
    }

    static Stream<Arguments> invalidZtpfw() {
        return Stream.of(
                row("unknown node key", List.of(set("edgeclusters[0].edge-1.node0", Map.of("root_disk", "/dev/sda"))),
                        errors("edgeclusters[0].edge-1.node0", "masterN or workerN")),
                row("MAC syntax with ZTPFW path", List.of(set("edgeclusters[0].edge-1.master0.mac_ext_dhcp", "aa:bb")),
                        errors("edgeclusters[0].edge-1.master0.mac_ext_dhcp", "MAC address")),
                row("duplicate MAC names the ZTPFW path", List.of(set("edgeclusters[1].edge-2.master0.mac_ext_dhcp", "aa:bb:cc:01:00:13")),
                        errors("edgeclusters[1].edge-2.master0.mac_ext_dhcp", "duplicates the MAC at edgeclusters[0].edge-1.worker0.mac_ext_dhcp")),
                row("root_disk missing with ZTPFW path", List.of(set("edgeclusters[1].edge-2.master0.root_disk", null)),
                        errors("edgeclusters[1].edge-2.master0.root_disk", "required")),
                row("version missing", List.of(set("config.OC_OCP_VERSION", null)),
                        errors("config.OC_OCP_VERSION", "required")),
                // issue 16: the fix names the ZTPFW fields, and the password is never shown
                row("BMC URL with credentials with ZTPFW path", List.of(set("edgeclusters[0].edge-1.worker0.bmc_url",
                                "ipmi://admin:" + BMC_PASS + "@10.0.0.1")),
                        errors("edgeclusters[0].edge-1.worker0.bmc_url", "put the user in edgeclusters[0].edge-1.worker0.bmc_user"
                                + " and the password in edgeclusters[0].edge-1.worker0.bmc_pass")),
                row("external IP duplicated with ZTPFW path", List.of(set("edgeclusters[0].edge-1.master0.ip_ext_dhcp", "10.19.2.30")),
                        errors("edgeclusters[1].edge-2.master0.ip_ext_dhcp", "already used by edgeclusters[0].edge-1.master0.ip_ext_dhcp")),
                row("bmc scheme with ZTPFW path", List.of(set("edgeclusters[0].edge-1.worker0.bmc_url", "ftp://x")),
                        errors("edgeclusters[0].edge-1.worker0.bmc_url", "not a BMC driver")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidZtpfw")
    void rejectsZtpfwWithItsOwnPaths(String name, List<Set> changes, Map<String, String> expected) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode root = yaml.readTree(Files.readString(Path.of("src/test/resources/ztpfw/two-clusters.yaml")));
        for (Set s : changes) {
            apply(root, s.path(), s.value());
        }
        String text = yaml.writeValueAsString(root);
        ZtpException e = assertThrows(ZtpException.class, () -> ZtpfwImporter.parse(text,
                ChassisImport.ztpfw("factory.example.com", Secret.of(PULL))));
        check(e, expected);
    }

    static void check(ZtpException e, Map<String, String> expected) {
        assertEquals(ZtpException.Reason.INVALID_SPEC, e.reason());
        List<String> paths = new ArrayList<>(e.problems().stream().map(Problem::path).toList());
        assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(paths),
                "errors were: " + e.problems());
        assertEquals(expected.size(), e.problems().size(), "errors were: " + e.problems());
        for (Problem err : e.problems()) {
            assertTrue(err.message().contains(expected.get(err.path())), err + " should mention "
                    + expected.get(err.path()));
            assertFalse(err.message().contains(BMC_PASS), "secret echoed: " + err);
            assertFalse(err.message().contains("c2VjcmV0"), "secret echoed: " + err);
        }
        assertFalse(e.getMessage().contains(BMC_PASS));
    }

    /** Sets (or removes, for null) the value at a path like {@code a.b[0].c}; keys may contain '-'. */
    static void apply(JsonNode root, String path, Object value) {
        List<Object> segs = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int b = part.indexOf('[');
            if (b < 0) {
                segs.add(part);
            } else {
                segs.add(part.substring(0, b));
                for (String idx : part.substring(b + 1, part.length() - 1).split("\\]\\[")) {
                    segs.add(Integer.parseInt(idx));
                }
            }
        }
        JsonNode cur = root;
        for (int i = 0; i < segs.size() - 1; i++) {
            Object s = segs.get(i);
            cur = s instanceof Integer idx ? cur.get(idx) : cur.get((String) s);
        }
        Object last = segs.get(segs.size() - 1);
        JsonNode v = JSON.valueToTree(value);
        if (last instanceof Integer idx) {
            ((ArrayNode) cur).set(idx, v);
        } else if (value == null) {
            ((ObjectNode) cur).remove((String) last);
        } else {
            ((ObjectNode) cur).set((String) last, v);
        }
    }
}
