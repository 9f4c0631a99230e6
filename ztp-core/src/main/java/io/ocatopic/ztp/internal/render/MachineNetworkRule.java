package io.ocatopic.ztp.internal.render;

import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.core.Problem;
import io.ocatopic.ztp.internal.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * assisted-service's {@code belongs-to-machine-cidr} host validation, checked before anything is applied:
 * every host of a cluster must hold an address in every machine network of the cluster (in at least one
 * when the load balancer is user-managed), or assisted-service holds the host back and the install never
 * starts. Source: openshift/assisted-service {@code internal/host/validator.go} ({@code belongsToMachineCidr}:
 * skipped for multi-node user-managed networking, checked for single-node) and
 * {@code internal/network/machine_network_cidr.go} ({@code IsHostInAllMachineNetworksCidr},
 * {@code belongsToNetwork}: some interface address lies in the CIDR).
 *
 * <p>Two sets are checked, as {@link #checkSet} over the objects applied together:
 * <ul>
 *   <li>hub-driven: each {@code AgentClusterInstall}'s {@code spec.networking.machineNetwork} against the
 *   hosts of its cluster, one per {@code NMStateConfig} that an {@code InfraEnv} of the cluster
 *   ({@code spec.clusterRef} = the AgentClusterInstall's namespace and {@code clusterDeploymentRef}) selects
 *   with {@code spec.nmStateConfigLabelSelector}, in any namespace as the InfraEnv controller lists them
 *   ({@code internal/controller/controllers/infraenv_controller.go});</li>
 *   <li>agent-based: {@code install-config.yaml}'s {@code networking.machineNetwork} against the hosts of the
 *   {@code agent-config.yaml} of the same {@code metadata.name}; the rendezvous host holds
 *   {@code rendezvousIP}.</li>
 * </ul>
 * A host's addresses are the static ones of its NMState; a host with a DHCP interface whose lease is not
 * known may get an address in the network and is not flagged. IPv6 machine networks are not checked.
 */
public final class MachineNetworkRule implements AdmissionRule {
    private static final String ACI = "AgentClusterInstall";
    private static final String INFRA_ENV = "InfraEnv";
    private static final String NMSTATE = "NMStateConfig";
    private static final String INSTALL_CONFIG = "InstallConfig";
    private static final String AGENT_CONFIG = "AgentConfig";

    /** Creates the rule (loaded through {@link java.util.ServiceLoader}). */
    public MachineNetworkRule() {
    }

    /** @return the assisted-service file the rule follows */
    @Override
    public String source() {
        return "openshift/assisted-service internal/host/validator.go (belongsToMachineCidr, validation "
                + "belongs-to-machine-cidr)";
    }

    /**
     * @param apiVersion the object's {@code apiVersion}
     * @param kind       the object's {@code kind}
     * @return true for AgentClusterInstall, InfraEnv, NMStateConfig, InstallConfig and AgentConfig
     */
    @Override
    public boolean guards(String apiVersion, String kind) {
        return guarded(apiVersion, kind);
    }

    private static boolean guarded(String apiVersion, String kind) {
        return switch (Objects.requireNonNullElse(kind, "")) {
            case ACI -> "extensions.hive.openshift.io/v1beta1".equals(apiVersion);
            case INFRA_ENV, NMSTATE -> "agent-install.openshift.io/v1beta1".equals(apiVersion);
            case INSTALL_CONFIG -> "v1".equals(apiVersion);
            case AGENT_CONFIG -> "v1beta1".equals(apiVersion);
            default -> false;
        };
    }

    /**
     * The hosts that would fail {@code belongs-to-machine-cidr}.
     *
     * @param objects every object of the set, as JSON trees
     * @return one flag per host and machine network set, on its NMStateConfig ({@code spec.config}) or its
     *         agent-config entry ({@code hosts[i].networkConfig})
     */
    @Override
    public List<Flag> checkSet(List<Map<String, Object>> objects) {
        List<Flag> flags = new ArrayList<>();
        Set<Integer> flagged = new HashSet<>();
        // index the set once, so that a fleet of thousands of clusters is checked in linear time
        Map<String, List<Integer>> envsByCluster = new HashMap<>();
        Map<String, List<Integer>> nmStatesByLabel = new HashMap<>();
        List<Integer> nmStates = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (is(o, INFRA_ENV)) {
                Map<String, Object> ref = map(map(o.get("spec")).get("clusterRef"));
                envsByCluster.computeIfAbsent(ref.get("namespace") + "/" + ref.get("name"), k -> new ArrayList<>()).add(i);
            } else if (is(o, NMSTATE)) {
                nmStates.add(i);
                for (Map.Entry<String, Object> l : map(map(o.get("metadata")).get("labels")).entrySet()) {
                    nmStatesByLabel.computeIfAbsent(l.getKey() + "=" + l.getValue(), k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> aci = objects.get(i);
            if (is(aci, ACI)) {
                checkHub(aci, objects, envsByCluster, nmStatesByLabel, nmStates, flags, flagged);
            } else if (is(aci, INSTALL_CONFIG)) {
                checkAgent(aci, objects, flags);
            }
        }
        return flags;
    }

    /** The NMStateConfigs that may match a selector: those with its first matchLabels pair, else all. */
    private static List<Integer> candidates(Map<String, Object> selector, Map<String, List<Integer>> byLabel, List<Integer> all) {
        Map<String, Object> match = map(selector.get("matchLabels"));
        if (match.isEmpty()) {
            return all;
        }
        Map.Entry<String, Object> first = match.entrySet().iterator().next();
        return byLabel.getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
    }

    private void checkHub(Map<String, Object> aci, List<Map<String, Object>> objects,
                          Map<String, List<Integer>> envsByCluster, Map<String, List<Integer>> nmStatesByLabel,
                          List<Integer> nmStates, List<Flag> flags, Set<Integer> flagged) {
        Map<String, Object> spec = map(aci.get("spec"));
        Map<String, Object> networking = map(spec.get("networking"));
        List<Cidr> cidrs = cidrs(networking.get("machineNetwork"));
        if (cidrs.isEmpty()) {
            return;
        }
        Map<String, Object> req = map(spec.get("provisionRequirements"));
        boolean sno = number(req.get("controlPlaneAgents"), 0) == 1 && number(req.get("workerAgents"), 0) == 0;
        boolean umn = Boolean.TRUE.equals(networking.get("userManagedNetworking"))
                || "None".equals(spec.get("platformType")) || "External".equals(spec.get("platformType"));
        if (umn && !sno) {
            return;
        }
        boolean anyOne = "UserManaged".equals(map(spec.get("loadBalancer")).get("type"));
        String ns = text(map(aci.get("metadata")).get("namespace"));
        String cd = text(map(spec.get("clusterDeploymentRef")).get("name"));
        String aciName = ns + "/" + text(map(aci.get("metadata")).get("name"));
        for (int e : envsByCluster.getOrDefault(ns + "/" + cd, List.of())) {
            Map<String, Object> envSpec = map(objects.get(e).get("spec"));
            Map<String, Object> selector = map(envSpec.get("nmStateConfigLabelSelector"));
            for (int k : candidates(selector, nmStatesByLabel, nmStates)) {
                Map<String, Object> nm = objects.get(k);
                if (!is(nm, NMSTATE) || !selects(selector, map(map(nm.get("metadata")).get("labels")))
                        || flagged.contains(k)) {
                    continue;
                }
                Addresses a = addresses(map(map(nm.get("spec")).get("config")));
                String host = "host " + text(map(nm.get("metadata")).get("name"));
                String why = missing(host, cidrs, anyOne, a);
                if (why != null) {
                    flagged.add(k);
                    flags.add(new Flag(k, new Problem("spec.config", why + " of AgentClusterInstall " + aciName
                            + "; add an address in it to one of the host's interfaces, or set the "
                            + "AgentClusterInstall's spec.networking.machineNetwork to the hosts' network")));
                }
            }
        }
    }

    private void checkAgent(Map<String, Object> ic, List<Map<String, Object>> objects, List<Flag> flags) {
        Map<String, Object> networking = map(ic.get("networking"));
        List<Cidr> cidrs = cidrs(networking.get("machineNetwork"));
        if (cidrs.isEmpty()) {
            return;
        }
        long replicas = number(map(ic.get("controlPlane")).get("replicas"), 3);
        long workers = 0;
        for (Object pool : list(ic.get("compute"))) {
            workers += number(map(pool).get("replicas"), 3);
        }
        Map<String, Object> platform = map(ic.get("platform"));
        boolean sno = replicas == 1 && workers == 0;
        boolean umn = platform.containsKey("none") || platform.containsKey("external");
        if (umn && !sno) {
            return;
        }
        boolean anyOne = "UserManaged".equals(map(map(platform.get("baremetal")).get("loadBalancer")).get("type"));
        Object name = map(ic.get("metadata")).get("name");
        for (int j = 0; j < objects.size(); j++) {
            Map<String, Object> ac = objects.get(j);
            if (!is(ac, AGENT_CONFIG) || !Objects.equals(map(ac.get("metadata")).get("name"), name)) {
                continue;
            }
            List<Object> hosts = list(ac.get("hosts"));
            String rendezvous = text(ac.get("rendezvousIP"));
            for (int h = 0; h < hosts.size(); h++) {
                Map<String, Object> host = map(hosts.get(h));
                if (!host.containsKey("networkConfig")) {
                    continue;
                }
                Addresses a = addresses(map(host.get("networkConfig")));
                if (rendezvous != null && hosts.size() == 1 && !a.known.contains(rendezvous)
                        && Cidr.isIpv4(rendezvous) && a.dynamic > 0) {
                    // the single host is the rendezvous host: one DHCP lease is the rendezvous address
                    a.known.add(rendezvous);
                    a.dynamic--;
                }
                String why = missing("host " + text(host.get("hostname")), cidrs, anyOne, a);
                if (why != null) {
                    flags.add(new Flag(j, new Problem("hosts[" + h + "].networkConfig", why
                            + " of install-config.yaml " + name + "; add an address in it to the host's "
                            + "networkConfig, or set install-config.yaml networking.machineNetwork to the hosts' "
                            + "network")));
                }
            }
        }
    }

    /** @return why the host fails, or null when it passes or cannot be judged (an unknown DHCP lease) */
    private static String missing(String host, List<Cidr> cidrs, boolean anyOne, Addresses a) {
        if (a.dynamic > 0) {
            return null;
        }
        List<Cidr> without = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (a.known.stream().noneMatch(c::contains)) {
                without.add(c);
            }
        }
        if (without.isEmpty() || (anyOne && without.size() < cidrs.size())) {
            return null;
        }
        String held = a.known.isEmpty() ? "it has no IPv4 address" : "its addresses: " + String.join(", ", a.known);
        return host + " holds no address in the machine network " + without.get(0) + " (" + held
                + "), so assisted-service fails its belongs-to-machine-cidr validation";
    }

    /** The IPv4 addresses an NMState document sets, and how many interfaces take one by DHCP. */
    private static final class Addresses {
        final Set<String> known = new LinkedHashSet<>();
        int dynamic;
    }

    private static Addresses addresses(Map<String, Object> nmstate) {
        Addresses a = new Addresses();
        for (Object o : list(nmstate.get("interfaces"))) {
            Map<String, Object> iface = map(o);
            Object state = iface.get("state");
            if ("absent".equals(state) || "down".equals(state)) {
                continue;
            }
            Map<String, Object> ipv4 = map(iface.get("ipv4"));
            if (Boolean.FALSE.equals(ipv4.get("enabled")) || ipv4.isEmpty()) {
                continue;
            }
            if (Boolean.TRUE.equals(ipv4.get("dhcp"))) {
                a.dynamic++;
            }
            for (Object addr : list(ipv4.get("address"))) {
                String ip = text(map(addr).get("ip"));
                if (ip != null && Cidr.isIpv4(ip)) {
                    a.known.add(ip);
                }
            }
        }
        return a;
    }

    /** A Kubernetes label selector ({@code matchLabels}, {@code matchExpressions}); empty selects nothing. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = map(selector.get("matchLabels"));
        List<Object> expressions = list(selector.get("matchExpressions"));
        if (match.isEmpty() && expressions.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> e : match.entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        for (Object o : expressions) {
            Map<String, Object> ex = map(o);
            Object value = labels.get(text(ex.get("key")));
            List<Object> values = list(ex.get("values"));
            boolean ok = switch (Objects.requireNonNullElse(text(ex.get("operator")), "")) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> labels.containsKey(text(ex.get("key")));
                case "DoesNotExist" -> !labels.containsKey(text(ex.get("key")));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** IPv4 machine networks; like Go's {@code net.ParseCIDR}, host bits are dropped. */
    private static List<Cidr> cidrs(Object machineNetwork) {
        List<Cidr> out = new ArrayList<>();
        for (Object o : list(machineNetwork)) {
            String text = text(map(o).get("cidr"));
            int slash = text == null ? -1 : text.indexOf('/');
            if (slash < 0 || !Cidr.isIpv4(text.substring(0, slash))) {
                continue;
            }
            try {
                int prefix = Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > 32) {
                    continue;
                }
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                out.add(new Cidr(Cidr.ipv4(text.substring(0, slash)) & mask, prefix));
            } catch (NumberFormatException e) {
                // not a CIDR: the schema check reports it
            }
        }
        return out;
    }

    private static boolean is(Map<String, Object> o, String kind) {
        return kind.equals(o.get("kind")) && guarded(text(o.get("apiVersion")), kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    private static long number(Object o, long otherwise) {
        return o instanceof Number n ? n.longValue() : otherwise;
    }
}
