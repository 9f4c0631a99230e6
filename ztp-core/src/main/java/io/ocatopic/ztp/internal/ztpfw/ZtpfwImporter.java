package io.ocatopic.ztp.internal.ztpfw;

import io.ocatopic.core.Problem;
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
import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the ZTPFW configuration file (rh-ecosystem-edge/ztp-pipeline-relocatable
 * {@code examples/config.yaml}, loader {@code ztp/internal/config/loader.go}) into a {@link ChassisSpec}.
 *
 * <p>Every field is kept: {@code config:} ({@code OC_OCP_VERSION}, {@code OC_OCP_TAG},
 * {@code OC_RHCOS_RELEASE}, {@code OC_OCP_MIRROR}, {@code OC_ACM_VERSION}, {@code OC_ODF_VERSION},
 * {@code REGISTRY}, {@code clusterimageset}); {@code edgeclusters:} entries with {@code contrib:}
 * (flattened to dotted keys), {@code config: {tpm}}, and {@code masterN}/{@code workerN} nodes with
 * {@code bmc_url}, {@code bmc_user}, {@code bmc_pass}, {@code ignore_ifaces} (space separated),
 * {@code nic_ext_dhcp}/{@code mac_ext_dhcp}, {@code nic_int_static}/{@code mac_int_static},
 * {@code root_disk}, {@code storage_disk}. ZTPFW's fixed networking applies (ztp/internal/enricher.go):
 * machine network 192.168.7.0/24 with node {@code i} at {@code .10+i}, ingress VIP .242, API VIP .243
 * (none for single-node), cluster network 10.128.0.0/14 /23, service network 172.30.0.0/16. A node with
 * only {@code nic_ext_dhcp} (ZTPFW single-NIC mode, as in ZTPFW's {@code examples/config.yaml}) keeps its
 * machine address too: ZTPFW added it to the external NIC beside the DHCP lease from the discovery boot on
 * ({@code ztp/internal/cmd/cluster/templates/files/add-internal-ip-infraenv.sh}), and ocatopic renders it
 * there in the node's NMState, so the cluster's machine network is the nodes' network in both modes.
 *
 * <p>Errors name the ZTPFW file's own paths, e.g. {@code edgeclusters[0].edge-1.master0.mac_ext_dhcp}.
 *
 * <pre>{@code
 * ChassisSpec spec = ZtpfwImporter.load(Path.of("config.yaml"),
 *         ChassisImport.ztpfw("example.com", Secret.fromEnv("PULL_SECRET")));
 * }</pre>
 */
public final class ZtpfwImporter {
    private static final Pattern MASTER = Pattern.compile("master(\\d+)");
    private static final Pattern WORKER = Pattern.compile("worker(\\d+)");
    /**
     * ocatopic's one extension of the ZTPFW node map: the external NIC's reserved DHCP address, kept as
     * {@link Node#externalIp()}. It is informational and never needed: ZTPFW files without it import,
     * validate and render, because a single-NIC node holds its machine address beside the DHCP lease (see
     * the class comment), and that address, inside the machine network, is the agent installer's
     * {@code rendezvousIP}.
     */
    public static final String IP_EXT_DHCP = "ip_ext_dhcp";
    private static final List<String> NODE_FIELDS = List.of("bmc_url", "bmc_user", "bmc_pass", "ignore_ifaces",
            "nic_ext_dhcp", "mac_ext_dhcp", "nic_int_static", "mac_int_static", "root_disk", "storage_disk",
            IP_EXT_DHCP);

    private ZtpfwImporter() {
    }

    /**
     * Whether a parsed file looks like ZTPFW's format (it has {@code edgeclusters:}).
     *
     * @param text YAML text
     * @return {@code true} for a ZTPFW file
     */
    public static boolean isZtpfw(String text) {
        try {
            return ZtpFiles.tree(text).has("edgeclusters");
        } catch (ZtpException e) {
            return false;
        }
    }

    /**
     * Imports a ZTPFW file.
     *
     * @param file    the file
     * @param options what the file does not say
     * @return the validated spec
     * @throws ZtpException {@code IO}, {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every error, with
     *                      ZTPFW paths)
     */
    public static ChassisSpec load(Path file, ChassisImport options) {
        return parse(ZtpFiles.read(file), options);
    }

    /**
     * Imports ZTPFW YAML text.
     *
     * @param text    the YAML
     * @param options what the file does not say
     * @return the validated spec
     * @throws ZtpException {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every error, with ZTPFW paths)
     */
    public static ChassisSpec parse(String text, ChassisImport options) {
        JsonNode root = ZtpFiles.tree(text);
        List<Problem> errors = new ArrayList<>();
        PathMap paths = new PathMap();
        ChassisSpec.Builder b = ChassisSpec.builder().pullSecret(options.pullSecret().orElseThrow()).mirrors(options.mirrors());
        options.sshKey().ifPresent(b::sshKey);
        Iterator<String> top = root.fieldNames();
        while (top.hasNext()) {
            String f = top.next();
            if (!f.equals("config") && !f.equals("edgeclusters")) {
                errors.add(new Problem(f, "unknown top-level key; expected config and edgeclusters"));
            }
        }
        JsonNode config = root.get("config");
        Map<String, String> props = new LinkedHashMap<>();
        if (config == null || !config.isObject()) {
            errors.add(new Problem("config", "required map (OC_OCP_VERSION, ...)"));
        } else {
            config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        }
        String version = props.get("OC_OCP_VERSION");
        b.release(new Release(version, props.get("OC_OCP_TAG"), Optional.ofNullable(props.get("OC_RHCOS_RELEASE")),
                props.get("OC_OCP_MIRROR"), props.get("clusterimageset"),
                Optional.ofNullable(props.get("OC_ACM_VERSION")), Optional.ofNullable(props.get("OC_ODF_VERSION"))));
        b.registry(props.get("REGISTRY"));

        JsonNode ecs = root.get("edgeclusters");
        if (ecs == null || !ecs.isArray()) {
            errors.add(new Problem("edgeclusters", "required list of {<cluster>: {...}}"));
        } else {
            int clusterCount = 0;
            for (int i = 0; i < ecs.size(); i++) {
                JsonNode entry = ecs.get(i);
                String ep = "edgeclusters[" + i + "]";
                if (!entry.isObject() || entry.size() != 1) {
                    errors.add(new Problem(ep, "must be a map with exactly one key, the cluster name"));
                    continue;
                }
                String name = entry.fieldNames().next();
                String cp = ep + "." + name;
                int index = clusterCount++;
                paths.put("clusters[" + index + "]", cp);
                b.cluster(cluster(name, entry.get(name), cp, options, errors, paths, index));
            }
        }
        List<Problem> all = new ArrayList<>(errors);
        for (Problem e : b.problems()) {
            Matcher inner = Pattern.compile("clusters\\[\\d+\\][\\w.\\[\\]]*").matcher(e.message());
            String message = inner.replaceAll(r -> Matcher.quoteReplacement(paths.translate(r.group())));
            all.add(new Problem(paths.translate(e.path()), message));
        }
        if (!all.isEmpty()) {
            throw ZtpException.invalid(all);
        }
        return b.build();
    }

    private static Cluster cluster(String name, JsonNode body, String cp, ChassisImport options,
                                       List<Problem> errors, PathMap paths, int index) {
        Cluster.Builder c = Cluster.builder().name(name).baseDomain(options.baseDomain().orElseThrow())
                .fips(options.fips());
        if (body == null || !body.isObject()) {
            errors.add(new Problem(cp, "must be a map of masterN/workerN nodes"));
            return c.build();
        }
        List<Node> nodes = new ArrayList<>();
        Network net = Network.ztpfwDefaults();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            String kp = cp + "." + key;
            if (key.equals("contrib")) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", v, flat);
                c.contrib(flat);
            } else if (key.equals("config")) {
                JsonNode tpm = v.get("tpm");
                if (tpm != null) {
                    if (tpm.isBoolean() || tpm.asText().equals("true") || tpm.asText().equals("false")) {
                        c.tpm(tpm.asBoolean() || tpm.asText().equals("true"));
                    } else {
                        errors.add(new Problem(kp + ".tpm", "must be true or false"));
                    }
                }
            } else {
                Matcher m = MASTER.matcher(key);
                Matcher w = WORKER.matcher(key);
                NodeRole role = m.matches() ? NodeRole.CONTROL_PLANE : w.matches() ? NodeRole.WORKER : null;
                if (role == null) {
                    errors.add(new Problem(kp, "unknown key; nodes are masterN or workerN, "
                            + "other keys contrib and config"));
                    continue;
                }
                if (!v.isObject()) {
                    errors.add(new Problem(kp, "must be a map"));
                    continue;
                }
                int nodeIndex = nodes.size();
                paths.put("clusters[" + index + "].nodes[" + nodeIndex + "]", kp);
                nodes.add(node(key, role, v, kp, net.machineAddress(10 + nodeIndex), errors));
            }
        }
        long cpCount = nodes.stream().filter(n -> n.role() == NodeRole.CONTROL_PLANE).count();
        c.network(cpCount == 1 ? net.withoutVips() : net);
        c.nodes(nodes);
        return c.build();
    }

    private static Node node(String key, NodeRole role, JsonNode v, String kp, String ip,
                                 List<Problem> errors) {
        Iterator<String> names = v.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!NODE_FIELDS.contains(f)) {
                errors.add(new Problem(kp + "." + f, "unknown node field"));
            }
        }
        Node.Builder n = Node.builder().name(key).role(role).machineIp(ip)
                .rootDisk(text(v, "root_disk"));
        String pass = text(v, "bmc_pass");
        n.bmc(new Bmc(text(v, "bmc_url"), text(v, "bmc_user"), pass == null ? null : Secret.of(pass)));
        n.externalNic(new Nic(text(v, "nic_ext_dhcp"), text(v, "mac_ext_dhcp")));
        n.externalIp(text(v, IP_EXT_DHCP));
        if (v.has("nic_int_static") || v.has("mac_int_static")) {
            n.internalNic(new Nic(text(v, "nic_int_static"), text(v, "mac_int_static")));
        }
        String ignore = text(v, "ignore_ifaces");
        if (ignore != null && !ignore.isBlank()) {
            n.ignoredInterfaces(Arrays.asList(ignore.trim().split("\\s+")));
        }
        JsonNode disks = v.get("storage_disk");
        List<String> ds = new ArrayList<>();
        if (disks != null && disks.isArray()) {
            disks.forEach(d -> ds.add(d.asText()));
        } else if (disks != null && disks.isTextual()) {
            ds.add(disks.asText());
        } else if (disks != null && !disks.isNull()) {
            errors.add(new Problem(kp + ".storage_disk", "must be a list of device paths"));
        }
        n.storageDisks(ds);
        return n.build();
    }

    private static String text(JsonNode v, String f) {
        JsonNode n = v.get(f);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n == null || n.isNull()) {
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, n.asText());
        }
    }

    /** Maps ocatopic field paths back to the ZTPFW file's paths. */
    private static final class PathMap {
        private final Map<String, String> clusters = new LinkedHashMap<>();
        private static final Map<String, String> NODE = new LinkedHashMap<>();
        private static final Map<String, String> TOP = new LinkedHashMap<>();

        static {
            NODE.put(".bmc.url", ".bmc_url");
            NODE.put(".bmc.username", ".bmc_user");
            NODE.put(".bmc.password", ".bmc_pass");
            NODE.put(".bmc", ".bmc_url");
            NODE.put(".externalNic.name", ".nic_ext_dhcp");
            NODE.put(".externalNic.mac", ".mac_ext_dhcp");
            NODE.put(".externalNic", ".nic_ext_dhcp");
            NODE.put(".externalIp", "." + IP_EXT_DHCP);
            NODE.put(".internalNic.name", ".nic_int_static");
            NODE.put(".internalNic.mac", ".mac_int_static");
            NODE.put(".rootDisk", ".root_disk");
            NODE.put(".storageDisks", ".storage_disk");
            NODE.put(".ignoredInterfaces", ".ignore_ifaces");
            TOP.put("release.version", "config.OC_OCP_VERSION");
            TOP.put("release.tag", "config.OC_OCP_TAG");
            TOP.put("release.rhcosRelease", "config.OC_RHCOS_RELEASE");
            TOP.put("release.clientMirror", "config.OC_OCP_MIRROR");
            TOP.put("release.clusterImageSet", "config.clusterimageset");
            TOP.put("release.acmVersion", "config.OC_ACM_VERSION");
            TOP.put("release.odfVersion", "config.OC_ODF_VERSION");
            TOP.put("registry", "config.REGISTRY");
        }

        void put(String ocatopic, String ztpfw) {
            clusters.put(ocatopic, ztpfw);
        }

        String translate(String path) {
            if (TOP.containsKey(path)) {
                return TOP.get(path);
            }
            Matcher m = Pattern.compile("(clusters\\[\\d+\\](\\.nodes\\[\\d+\\])?)(.*)").matcher(path);
            if (!m.matches()) {
                return path;
            }
            String prefix = m.group(1);
            String rest = m.group(3);
            String mapped = clusters.get(prefix);
            if (mapped == null) {
                return path;
            }
            if (m.group(2) != null) {
                for (Map.Entry<String, String> e : NODE.entrySet()) {
                    if (rest.equals(e.getKey()) || rest.startsWith(e.getKey() + ".")
                            || rest.startsWith(e.getKey() + "[")) {
                        return mapped + e.getValue() + rest.substring(e.getKey().length());
                    }
                }
                if (rest.equals(".machineIp")) {
                    return mapped + " (internal IP)";
                }
            }
            return mapped + rest;
        }
    }
}
