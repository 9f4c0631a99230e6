package io.ocatopic.ztp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.ocatopic.kube.KubeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes ocatopic's own chassis format, collecting type errors with paths, and writes files
 * atomically. Also used by the ZTPFW importer for its YAML parsing and file helpers.
 *
 * <pre>{@code
 * JsonNode tree = ChassisCodec.tree(text);
 * ChassisCodec.writeFile(path, text, true);   // temp + rename, 0600
 * }</pre>
 */
public final class ChassisCodec {
    /** The {@code apiVersion} of ocatopic chassis files. */
    public static final String API_VERSION = "ztp.ocatopic.io/v1";
    /** The {@code kind} of ocatopic chassis files. */
    public static final String KIND = "ChassisSpec";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ChassisCodec() {
    }

    /**
     * Parses YAML or JSON into a tree.
     *
     * @param text the text
     * @return the root node
     * @throws ZtpException with {@code MALFORMED_INPUT} when the text is not YAML/JSON or not a map
     */
    public static JsonNode tree(String text) {
        try {
            JsonNode n = io.ocatopic.kube.UserFiles.yaml().readTree(text);
            if (n == null || !n.isObject()) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "the file is not a YAML/JSON map");
            }
            return n;
        } catch (IOException e) {
            // duplicate keys are refused with their path; the input is never quoted (it may hold secrets)
            io.ocatopic.kube.Problem p = io.ocatopic.kube.UserFiles.problem(e, "file");
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT,
                    p.path().equals("file") ? p.message() : p.toString(), null);
        }
    }

    /**
     * Reads a text file.
     *
     * @param file the file
     * @return its content
     * @throws ZtpException with {@code IO} when unreadable
     */
    public static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes text atomically (temp file in the same directory, then rename).
     *
     * @param file    the target; parent directories are created
     * @param text    the content
     * @param private0600 whether to restrict the file to its owner (it holds secrets)
     * @throws ZtpException with {@code IO} when it cannot be written
     */
    public static void writeFile(Path file, String text, boolean private0600) {
        try {
            KubeYaml.writeAtomically(file, text, private0600);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serialises a plain map/list tree to YAML.
     *
     * @param value maps, lists and scalars
     * @return YAML text
     */
    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot serialise: " + e.getMessage(), e);
        }
    }

    static ChassisSpec read(String text) {
        JsonNode root = tree(text);
        Reader r = new Reader();
        ChassisSpec.Builder b = r.chassis(root);
        List<ValidationError> all = new ArrayList<>(r.errors);
        all.addAll(b.problems());
        if (!all.isEmpty()) {
            throw ZtpException.invalid(all);
        }
        return b.build();
    }

    static String yaml(ChassisSpec spec) {
        return toYaml(toMap(spec));
    }

    static String json(ChassisSpec spec) {
        try {
            return JSON.writeValueAsString(toMap(spec));
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot serialise: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writing

    private static Map<String, Object> toMap(ChassisSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", API_VERSION);
        m.put("kind", KIND);
        ReleaseSpec r = s.release();
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
            for (MirrorSpec mi : s.mirrors()) {
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
        for (ClusterSpec c : s.clusters()) {
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
            NetworkSpec n = c.network();
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
            cm.put("network", nm);
            List<Object> ns = new ArrayList<>();
            for (NodeSpec node : c.nodes()) {
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

    private static Map<String, Object> secret(SecretValue s) {
        String key = switch (s.kind()) {
            case VALUE -> "value";
            case ENV -> "env";
            case FILE -> "file";
            case SECRET_REF -> "secret";
        };
        return Map.of(key, s.rawContent());
    }

    // ---------------------------------------------------------------- reading

    /** Path-aware reader: wrong types and unknown fields become errors, never exceptions. */
    private static final class Reader {
        final List<ValidationError> errors = new ArrayList<>();

        void err(String path, String msg) {
            errors.add(new ValidationError(path, msg));
        }

        void known(JsonNode obj, String path, Set<String> fields) {
            Iterator<String> it = obj.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (!fields.contains(f)) {
                    err(join(path, f), "unknown field");
                }
            }
        }

        static String join(String path, String f) {
            return path.isEmpty() ? f : path + "." + f;
        }

        String str(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode()) {
                err(join(path, f), "must be a string");
                return null;
            }
            return n.asText();
        }

        boolean bool(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            if (n == null || n.isNull()) {
                return false;
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
                return Boolean.parseBoolean(n.asText());
            }
            err(join(path, f), "must be true or false");
            return false;
        }

        List<String> strings(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                err(join(path, f), "must be a list of strings");
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isValueNode()) {
                    err(join(path, f) + "[" + i + "]", "must be a string");
                } else {
                    out.add(n.get(i).asText());
                }
            }
            return out;
        }

        Map<String, String> stringMap(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                err(join(path, f), "must be a map of strings");
                return out;
            }
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey(), e.getValue().asText());
                } else {
                    err(join(path, f) + "." + e.getKey(), "must be a string");
                }
            });
            return out;
        }

        JsonNode object(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isObject()) {
                err(join(path, f), "must be a map");
                return null;
            }
            return n;
        }

        SecretValue secret(JsonNode obj, String path, String f) {
            JsonNode n = obj.get(f);
            String p = join(path, f);
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isValueNode()) {
                return SecretValue.of(n.asText());
            }
            if (!n.isObject() || n.size() != 1) {
                err(p, "must be a string, or a map with exactly one of value, env, file, secret");
                return null;
            }
            String k = n.fieldNames().next();
            JsonNode v = n.get(k);
            if (!v.isValueNode()) {
                err(p + "." + k, "must be a string");
                return null;
            }
            String s = v.asText();
            switch (k) {
                case "value":
                    return SecretValue.of(s);
                case "env":
                    return SecretValue.fromEnv(s);
                case "file":
                    return SecretValue.fromFile(Path.of(s));
                case "secret": {
                    int slash = s.indexOf('/');
                    return slash < 0 ? SecretValue.fromSecret(s, "") : SecretValue.fromSecret(s.substring(0, slash),
                            s.substring(slash + 1));
                }
                default:
                    err(p + "." + k, "unknown secret source; use value, env, file or secret");
                    return null;
            }
        }

        ChassisSpec.Builder chassis(JsonNode root) {
            ChassisSpec.Builder b = ChassisSpec.builder();
            known(root, "", Set.of("apiVersion", "kind", "release", "registry", "mirrors", "pullSecret",
                    "sshKey", "clusters"));
            String av = str(root, "", "apiVersion");
            if (av != null && !API_VERSION.equals(av)) {
                err("apiVersion", "must be " + API_VERSION);
            }
            String kind = str(root, "", "kind");
            if (kind != null && !KIND.equals(kind)) {
                err("kind", "must be " + KIND);
            }
            JsonNode rel = object(root, "", "release");
            if (rel != null) {
                known(rel, "release", Set.of("version", "tag", "rhcosRelease", "clientMirror", "clusterImageSet",
                        "acmVersion", "odfVersion"));
                b.release(new ReleaseSpec(str(rel, "release", "version"), str(rel, "release", "tag"),
                        Optional.ofNullable(str(rel, "release", "rhcosRelease")),
                        str(rel, "release", "clientMirror"), str(rel, "release", "clusterImageSet"),
                        Optional.ofNullable(str(rel, "release", "acmVersion")),
                        Optional.ofNullable(str(rel, "release", "odfVersion"))));
            }
            b.registry(str(root, "", "registry"));
            JsonNode mirrors = root.get("mirrors");
            if (mirrors != null && !mirrors.isNull()) {
                if (!mirrors.isArray()) {
                    err("mirrors", "must be a list");
                } else {
                    for (int i = 0; i < mirrors.size(); i++) {
                        String p = "mirrors[" + i + "]";
                        JsonNode m = mirrors.get(i);
                        if (!m.isObject()) {
                            err(p, "must be a map");
                            continue;
                        }
                        known(m, p, Set.of("source", "mirrors", "policy"));
                        String pol = str(m, p, "policy");
                        MirrorSpec.Policy policy = null;
                        if (pol != null) {
                            for (MirrorSpec.Policy candidate : MirrorSpec.Policy.values()) {
                                if (candidate.apiName().equals(pol)) {
                                    policy = candidate;
                                }
                            }
                            if (policy == null) {
                                err(p + ".policy", "must be AllowContactingSource or NeverContactSource");
                            }
                        }
                        b.mirror(new MirrorSpec(str(m, p, "source"), strings(m, p, "mirrors"), policy));
                    }
                }
            }
            b.pullSecret(secret(root, "", "pullSecret"));
            b.sshKey(str(root, "", "sshKey"));
            JsonNode clusters = root.get("clusters");
            if (clusters != null && !clusters.isNull()) {
                if (!clusters.isArray()) {
                    err("clusters", "must be a list");
                } else {
                    for (int i = 0; i < clusters.size(); i++) {
                        String p = "clusters[" + i + "]";
                        if (!clusters.get(i).isObject()) {
                            err(p, "must be a map");
                        } else {
                            b.cluster(cluster(clusters.get(i), p));
                        }
                    }
                }
            }
            return b;
        }

        ClusterSpec cluster(JsonNode c, String p) {
            known(c, p, Set.of("name", "baseDomain", "tpm", "fips", "labels", "contrib", "network", "nodes"));
            ClusterSpec.Builder b = ClusterSpec.builder().name(str(c, p, "name"))
                    .baseDomain(str(c, p, "baseDomain")).tpm(bool(c, p, "tpm")).fips(bool(c, p, "fips"))
                    .labels(stringMap(c, p, "labels")).contrib(stringMap(c, p, "contrib"));
            JsonNode n = object(c, p, "network");
            if (n == null) {
                b.network(null);
                if (c.get("network") == null) {
                    // reported by validation as required
                    b.network(null);
                }
            } else {
                String np = p + ".network";
                known(n, np, Set.of("machineNetwork", "gateway", "apiVip", "ingressVip", "clusterNetwork",
                        "hostPrefix", "serviceNetwork", "dnsServers"));
                int hostPrefix = 23;
                JsonNode hp = n.get("hostPrefix");
                if (hp != null && !hp.isNull()) {
                    if (hp.canConvertToInt() && hp.isIntegralNumber()) {
                        hostPrefix = hp.intValue();
                    } else if (hp.isTextual() && hp.asText().matches("\\d{1,2}")) {
                        hostPrefix = Integer.parseInt(hp.asText());
                    } else {
                        err(np + ".hostPrefix", "must be an integer");
                    }
                }
                b.network(new NetworkSpec(str(n, np, "machineNetwork"), str(n, np, "gateway"),
                        Optional.ofNullable(str(n, np, "apiVip")), Optional.ofNullable(str(n, np, "ingressVip")),
                        str(n, np, "clusterNetwork"), hostPrefix, str(n, np, "serviceNetwork"),
                        strings(n, np, "dnsServers")));
            }
            JsonNode nodes = c.get("nodes");
            if (nodes != null && !nodes.isNull()) {
                if (!nodes.isArray()) {
                    err(p + ".nodes", "must be a list");
                } else {
                    for (int i = 0; i < nodes.size(); i++) {
                        String np = p + ".nodes[" + i + "]";
                        if (!nodes.get(i).isObject()) {
                            err(np, "must be a map");
                        } else {
                            b.node(node(nodes.get(i), np));
                        }
                    }
                }
            }
            return b.build();
        }

        NodeSpec node(JsonNode n, String p) {
            known(n, p, Set.of("name", "role", "bmc", "externalNic", "internalNic", "machineIp",
                    "ignoredInterfaces", "rootDisk", "storageDisks", "externalIp"));
            NodeSpec.Builder b = NodeSpec.builder().name(str(n, p, "name")).machineIp(str(n, p, "machineIp"))
                    .externalIp(str(n, p, "externalIp"))
                    .rootDisk(str(n, p, "rootDisk")).ignoredInterfaces(strings(n, p, "ignoredInterfaces"))
                    .storageDisks(strings(n, p, "storageDisks"));
            String role = str(n, p, "role");
            if ("control-plane".equals(role) || "master".equals(role)) {
                b.role(NodeRole.CONTROL_PLANE);
            } else if ("worker".equals(role)) {
                b.role(NodeRole.WORKER);
            } else if (role == null) {
                b.role(null);
            } else {
                err(p + ".role", "must be control-plane or worker");
            }
            JsonNode bmc = object(n, p, "bmc");
            if (bmc != null) {
                known(bmc, p + ".bmc", Set.of("url", "username", "password"));
                b.bmc(new BmcSpec(str(bmc, p + ".bmc", "url"), str(bmc, p + ".bmc", "username"),
                        secret(bmc, p + ".bmc", "password")));
            }
            b.externalNic(nic(n, p, "externalNic"));
            b.internalNic(nic(n, p, "internalNic"));
            return b.build();
        }

        Nic nic(JsonNode n, String p, String f) {
            JsonNode o = object(n, p, f);
            if (o == null) {
                return null;
            }
            known(o, p + "." + f, Set.of("name", "mac"));
            return new Nic(str(o, p + "." + f, "name"), str(o, p + "." + f, "mac"));
        }
    }
}
