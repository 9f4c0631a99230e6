package io.ocatopic.ztp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ChassisSpec.Bmc;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Mirror;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Nic;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.ocatopic.ztp.ChassisSpec.Release;
import io.ocatopic.ztp.ChassisSpec.SecondaryNetwork;
import io.ocatopic.ztp.ZtpException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ocatopic's own chassis file format ({@value #API_VERSION}, {@code kind: }{@value #KIND}): its field names,
 * a {@link ChassisSpec} to a tree of maps and lists and back. Reading collects every wrong type and unknown
 * field with its path ({@link FieldReader}) together with every validation problem; secrets are written as
 * {@code {value|env|file|secret: ...}}.
 */
public final class ChassisFormat {
    /** The {@code apiVersion} of ocatopic chassis files. */
    public static final String API_VERSION = "ztp.ocatopic.io/v1";
    /** The {@code kind} of ocatopic chassis files. */
    public static final String KIND = "ChassisSpec";

    private ChassisFormat() {
    }

    /**
     * Parses and validates a chassis file.
     *
     * @param text YAML or JSON
     * @return the spec
     * @throws ZtpException {@code MALFORMED_INPUT}, or {@code INVALID_SPEC} with every problem
     */
    public static ChassisSpec read(String text) {
        JsonNode root = ZtpFiles.tree(text);
        FieldReader r = new FieldReader();
        ChassisSpec.Builder b = chassis(r, root);
        List<Problem> all = new ArrayList<>(r.problems());
        all.addAll(b.problems());
        if (!all.isEmpty()) {
            throw ZtpException.invalid(all);
        }
        return b.build();
    }

    /**
     * @param spec the spec
     * @return its chassis file, YAML
     */
    public static String yaml(ChassisSpec spec) {
        return ZtpFiles.toYaml(toTree(spec));
    }

    /**
     * @param spec the spec
     * @return its chassis file, indented JSON
     */
    public static String json(ChassisSpec spec) {
        return ZtpFiles.toPrettyJson(toTree(spec));
    }

    // ---------------------------------------------------------------- writing

    /**
     * @param s the spec
     * @return the chassis file as ordered maps, lists and scalars
     */
    public static Map<String, Object> toTree(ChassisSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", API_VERSION);
        m.put("kind", KIND);
        Release r = s.release();
        Map<String, Object> rel = new LinkedHashMap<>();
        rel.put("version", r.version());
        rel.put("tag", r.tag());
        r.rhcosRelease().ifPresent(v -> rel.put("rhcosRelease", v));
        rel.put("clientMirror", r.clientMirror());
        rel.put("clusterImageSet", r.clusterImageSet());
        r.acmVersion().ifPresent(v -> rel.put("acmVersion", v));
        r.odfVersion().ifPresent(v -> rel.put("odfVersion", v));
        m.put("release", rel);
        s.registry().ifPresent(v -> m.put("registry", v));
        if (!s.mirrors().isEmpty()) {
            List<Object> ms = new ArrayList<>();
            for (Mirror mi : s.mirrors()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("source", mi.source());
                mm.put("mirrors", mi.mirrors());
                mm.put("policy", mi.policy().apiName());
                ms.add(mm);
            }
            m.put("mirrors", ms);
        }
        m.put("pullSecret", secret(s.pullSecret()));
        s.sshKey().ifPresent(v -> m.put("sshKey", v));
        List<Object> cs = new ArrayList<>();
        for (Cluster c : s.clusters()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("baseDomain", c.baseDomain());
            cm.put("tpm", c.tpm());
            cm.put("fips", c.fips());
            if (!c.labels().isEmpty()) {
                cm.put("labels", c.labels());
            }
            if (!c.contrib().isEmpty()) {
                cm.put("contrib", c.contrib());
            }
            Network n = c.network();
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("machineNetwork", n.machineNetwork());
            nm.put("gateway", n.gateway());
            n.apiVip().ifPresent(v -> nm.put("apiVip", v));
            n.ingressVip().ifPresent(v -> nm.put("ingressVip", v));
            nm.put("clusterNetwork", n.clusterNetwork());
            nm.put("hostPrefix", n.hostPrefix());
            nm.put("serviceNetwork", n.serviceNetwork());
            if (!n.dnsServers().isEmpty()) {
                nm.put("dnsServers", n.dnsServers());
            }
            n.secondary().ifPresent(sec -> {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("machineNetwork", sec.machineNetwork());
                sec.gateway().ifPresent(v -> sm.put("gateway", v));
                sec.apiVip().ifPresent(v -> sm.put("apiVip", v));
                sec.ingressVip().ifPresent(v -> sm.put("ingressVip", v));
                sm.put("clusterNetwork", sec.clusterNetwork());
                sm.put("hostPrefix", sec.hostPrefix());
                sm.put("serviceNetwork", sec.serviceNetwork());
                nm.put("secondary", sm);
            });
            cm.put("network", nm);
            List<Object> ns = new ArrayList<>();
            for (Node node : c.nodes()) {
                Map<String, Object> no = new LinkedHashMap<>();
                no.put("name", node.name());
                no.put("role", node.role() == NodeRole.CONTROL_PLANE ? "control-plane" : "worker");
                Map<String, Object> bmc = new LinkedHashMap<>();
                bmc.put("url", node.bmc().url());
                bmc.put("username", node.bmc().username());
                bmc.put("password", secret(node.bmc().password()));
                no.put("bmc", bmc);
                no.put("externalNic", nic(node.externalNic()));
                node.internalNic().ifPresent(v -> no.put("internalNic", nic(v)));
                no.put("machineIp", node.machineIp());
                node.secondaryMachineIp().ifPresent(v -> no.put("secondaryMachineIp", v));
                node.externalIp().ifPresent(v -> no.put("externalIp", v));
                if (!node.ignoredInterfaces().isEmpty()) {
                    no.put("ignoredInterfaces", node.ignoredInterfaces());
                }
                no.put("rootDisk", node.rootDisk());
                if (!node.storageDisks().isEmpty()) {
                    no.put("storageDisks", node.storageDisks());
                }
                ns.add(no);
            }
            cm.put("nodes", ns);
            cs.add(cm);
        }
        m.put("clusters", cs);
        return m;
    }

    private static Map<String, Object> nic(Nic n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("mac", n.mac());
        return m;
    }

    private static Map<String, Object> secret(Secret s) {
        return switch (s.kind()) {
            case VALUE -> Map.of("value", s.reveal());
            case ENV -> Map.of("env", s.reference().orElseThrow());
            case FILE -> Map.of("file", s.reference().orElseThrow());
            case SECRET_REF -> Map.of("secret", s.reference().orElseThrow());
        };
    }

    // ---------------------------------------------------------------- reading

    private static Secret secret(FieldReader r, JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        String p = FieldReader.join(path, f);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isValueNode()) {
            return Secret.of(n.asText());
        }
        if (!n.isObject() || n.size() != 1) {
            r.problem(p, "must be a string, or a map with exactly one of value, env, file, secret");
            return null;
        }
        String k = n.fieldNames().next();
        JsonNode v = n.get(k);
        if (!v.isValueNode()) {
            r.problem(p + "." + k, "must be a string");
            return null;
        }
        String s = v.asText();
        switch (k) {
            case "value":
                return Secret.of(s);
            case "env":
                return Secret.fromEnv(s);
            case "file":
                return Secret.fromFile(Path.of(s));
            case "secret": {
                int slash = s.indexOf('/');
                return slash < 0 ? Secret.fromSecret(s, "") : Secret.fromSecret(s.substring(0, slash),
                        s.substring(slash + 1));
            }
            default:
                r.problem(p + "." + k, "unknown secret source; use value, env, file or secret");
                return null;
        }
    }

    private static ChassisSpec.Builder chassis(FieldReader r, JsonNode root) {
        ChassisSpec.Builder b = ChassisSpec.builder();
        r.known(root, "", Set.of("apiVersion", "kind", "release", "registry", "mirrors", "pullSecret",
                "sshKey", "clusters"));
        String av = r.str(root, "", "apiVersion");
        if (av != null && !API_VERSION.equals(av)) {
            r.problem("apiVersion", "must be " + API_VERSION);
        }
        String kind = r.str(root, "", "kind");
        if (kind != null && !KIND.equals(kind)) {
            r.problem("kind", "must be " + KIND);
        }
        JsonNode rel = r.object(root, "", "release");
        if (rel != null) {
            r.known(rel, "release", Set.of("version", "tag", "rhcosRelease", "clientMirror", "clusterImageSet",
                    "acmVersion", "odfVersion"));
            b.release(new Release(r.str(rel, "release", "version"), r.str(rel, "release", "tag"),
                    Optional.ofNullable(r.str(rel, "release", "rhcosRelease")),
                    r.str(rel, "release", "clientMirror"), r.str(rel, "release", "clusterImageSet"),
                    Optional.ofNullable(r.str(rel, "release", "acmVersion")),
                    Optional.ofNullable(r.str(rel, "release", "odfVersion"))));
        }
        b.registry(r.str(root, "", "registry"));
        JsonNode mirrors = root.get("mirrors");
        if (mirrors != null && !mirrors.isNull()) {
            if (!mirrors.isArray()) {
                r.problem("mirrors", "must be a list");
            } else {
                for (int i = 0; i < mirrors.size(); i++) {
                    String p = "mirrors[" + i + "]";
                    JsonNode m = mirrors.get(i);
                    if (!m.isObject()) {
                        r.problem(p, "must be a map");
                        continue;
                    }
                    r.known(m, p, Set.of("source", "mirrors", "policy"));
                    String pol = r.str(m, p, "policy");
                    Mirror.Policy policy = null;
                    if (pol != null) {
                        for (Mirror.Policy candidate : Mirror.Policy.values()) {
                            if (candidate.apiName().equals(pol)) {
                                policy = candidate;
                            }
                        }
                        if (policy == null) {
                            r.problem(p + ".policy", "must be AllowContactingSource or NeverContactSource");
                        }
                    }
                    b.mirror(new Mirror(r.str(m, p, "source"), r.strings(m, p, "mirrors"), policy));
                }
            }
        }
        b.pullSecret(secret(r, root, "", "pullSecret"));
        b.sshKey(r.str(root, "", "sshKey"));
        JsonNode clusters = root.get("clusters");
        if (clusters != null && !clusters.isNull()) {
            if (!clusters.isArray()) {
                r.problem("clusters", "must be a list");
            } else {
                for (int i = 0; i < clusters.size(); i++) {
                    String p = "clusters[" + i + "]";
                    if (!clusters.get(i).isObject()) {
                        r.problem(p, "must be a map");
                    } else {
                        b.cluster(cluster(r, clusters.get(i), p));
                    }
                }
            }
        }
        return b;
    }

    private static Cluster cluster(FieldReader r, JsonNode c, String p) {
        r.known(c, p, Set.of("name", "baseDomain", "tpm", "fips", "labels", "contrib", "network", "nodes"));
        Cluster.Builder b = Cluster.builder().name(r.str(c, p, "name"))
                .baseDomain(r.str(c, p, "baseDomain")).tpm(r.bool(c, p, "tpm")).fips(r.bool(c, p, "fips"))
                .labels(r.stringMap(c, p, "labels")).contrib(r.stringMap(c, p, "contrib"));
        JsonNode n = r.object(c, p, "network");
        if (n == null) {
            // reported by validation as required
            b.network(null);
        } else {
            String np = p + ".network";
            r.known(n, np, Set.of("machineNetwork", "gateway", "apiVip", "ingressVip", "clusterNetwork",
                    "hostPrefix", "serviceNetwork", "dnsServers", "secondary"));
            int hostPrefix = hostPrefix(r, n, np, 23);
            Optional<SecondaryNetwork> secondary = Optional.empty();
            JsonNode sn = r.object(n, np, "secondary");
            if (sn != null) {
                String sp = np + ".secondary";
                r.known(sn, sp, Set.of("machineNetwork", "gateway", "apiVip", "ingressVip", "clusterNetwork",
                        "hostPrefix", "serviceNetwork"));
                secondary = Optional.of(new SecondaryNetwork(r.str(sn, sp, "machineNetwork"),
                        Optional.ofNullable(r.str(sn, sp, "gateway")), Optional.ofNullable(r.str(sn, sp, "apiVip")),
                        Optional.ofNullable(r.str(sn, sp, "ingressVip")), r.str(sn, sp, "clusterNetwork"),
                        hostPrefix(r, sn, sp, 64), r.str(sn, sp, "serviceNetwork")));
            }
            b.network(new Network(r.str(n, np, "machineNetwork"), r.str(n, np, "gateway"),
                    Optional.ofNullable(r.str(n, np, "apiVip")), Optional.ofNullable(r.str(n, np, "ingressVip")),
                    r.str(n, np, "clusterNetwork"), hostPrefix, r.str(n, np, "serviceNetwork"),
                    r.strings(n, np, "dnsServers"), secondary));
        }
        JsonNode nodes = c.get("nodes");
        if (nodes != null && !nodes.isNull()) {
            if (!nodes.isArray()) {
                r.problem(p + ".nodes", "must be a list");
            } else {
                for (int i = 0; i < nodes.size(); i++) {
                    String np = p + ".nodes[" + i + "]";
                    if (!nodes.get(i).isObject()) {
                        r.problem(np, "must be a map");
                    } else {
                        b.node(node(r, nodes.get(i), np));
                    }
                }
            }
        }
        return b.build();
    }

    private static int hostPrefix(FieldReader r, JsonNode n, String np, int dflt) {
        int hostPrefix = dflt;
        JsonNode hp = n.get("hostPrefix");
        if (hp != null && !hp.isNull()) {
            if (hp.canConvertToInt() && hp.isIntegralNumber()) {
                hostPrefix = hp.intValue();
            } else if (hp.isTextual() && hp.asText().matches("\\d{1,3}")) {
                hostPrefix = Integer.parseInt(hp.asText());
            } else {
                r.problem(np + ".hostPrefix", "must be an integer");
            }
        }
        return hostPrefix;
    }

    private static Node node(FieldReader r, JsonNode n, String p) {
        r.known(n, p, Set.of("name", "role", "bmc", "externalNic", "internalNic", "machineIp",
                "ignoredInterfaces", "rootDisk", "storageDisks", "externalIp",
                "secondaryMachineIp"));
        Node.Builder b = Node.builder().name(r.str(n, p, "name")).machineIp(r.str(n, p, "machineIp"))
                .externalIp(r.str(n, p, "externalIp")).secondaryMachineIp(r.str(n, p, "secondaryMachineIp"))
                .rootDisk(r.str(n, p, "rootDisk")).ignoredInterfaces(r.strings(n, p, "ignoredInterfaces"))
                .storageDisks(r.strings(n, p, "storageDisks"));
        String role = r.str(n, p, "role");
        if ("control-plane".equals(role) || "master".equals(role)) {
            b.role(NodeRole.CONTROL_PLANE);
        } else if ("worker".equals(role)) {
            b.role(NodeRole.WORKER);
        } else if (role == null) {
            b.role(null);
        } else {
            r.problem(p + ".role", "must be control-plane or worker");
        }
        JsonNode bmc = r.object(n, p, "bmc");
        if (bmc != null) {
            r.known(bmc, p + ".bmc", Set.of("url", "username", "password"));
            b.bmc(new Bmc(r.str(bmc, p + ".bmc", "url"), r.str(bmc, p + ".bmc", "username"),
                    secret(r, bmc, p + ".bmc", "password")));
        }
        b.externalNic(nic(r, n, p, "externalNic"));
        b.internalNic(nic(r, n, p, "internalNic"));
        return b.build();
    }

    private static Nic nic(FieldReader r, JsonNode n, String p, String f) {
        JsonNode o = r.object(n, p, f);
        if (o == null) {
            return null;
        }
        r.known(o, p + "." + f, Set.of("name", "mac"));
        return new Nic(r.str(o, p + "." + f, "name"), r.str(o, p + "." + f, "mac"));
    }
}
