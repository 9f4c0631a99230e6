package io.ocatopic.dpu.dpf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.dpu.DpuException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DPF provisioning status, explained per host: reads DPU, DPUSet, BFB and DPUService objects and turns them
 * into one {@link NodeStatus} per host with the reason a DPU is stuck or failed and the recovery that DPF's
 * code and known issues document. Sources (NVIDIA/doca-platform v24.10.0-rc.6):
 * {@code api/provisioning/v1alpha1/dpu_types.go} and {@code bfb_types.go} (phases, condition types);
 * {@code internal/provisioning/controllers/dpu/state/pending.go} (Pending waits for the BFB to be Ready, with
 * no deadline), {@code dms_deploy.go} (DMSPodFailed, DMSPodTimedout), {@code installing.go}
 * (InstallationFailed), {@code error.go} (the Error phase is terminal: the controller only removes the node
 * effect), {@code bfb/state/error.go} (a BFB in Error stays there; its spec is immutable,
 * {@code self == oldSelf}); release notes known issues #2 and #11; issues #17, #29, #40.
 *
 * <pre>{@code
 * DpfStatus.Report r = DpfStatus.read(client, "dpf-operator-system", List.of("host-3"), Instant.now(), Duration.ofMinutes(30));
 * r.nodes().forEach(n -> System.out.println(n.host() + " " + n.state() + " " + n.reason()));
 * }</pre>
 */
public final class DpfStatus {
    /** How a host's DPU stands. */
    public enum State {
        /** Phase Ready. */
        READY,
        /** On its way, within the deadline. */
        PROGRESSING,
        /** No progress past the deadline. */
        STUCK,
        /** An error phase, or a dependency in error. */
        FAILED,
        /** No DPU object for the host. */
        MISSING
    }

    /**
     * One host's DPU.
     *
     * @param host     the host node
     * @param dpu      the DPU object's name, empty when missing
     * @param phase    its phase
     * @param state    how it stands
     * @param reason   why (empty when READY)
     * @param recovery what to do (empty when READY)
     */
    public record NodeStatus(String host, String dpu, String phase, State state, String reason, String recovery) {
    }

    /**
     * Every host, and the DPUServices that are not ready.
     *
     * @param nodes    one entry per host
     * @param services {@code name: reason} for each DPUService whose ApplicationsReady/Ready condition is not True
     */
    public record Report(List<NodeStatus> nodes, List<String> services) {
        /**
         * Copies the lists.
         *
         * @param nodes see the record description
         * @param services see the record description
         */
        public Report {
            nodes = List.copyOf(nodes);
            services = List.copyOf(services);
        }

        /** @return whether every DPU is ready and every DPUService too */
        public boolean healthy() {
            return services.isEmpty() && nodes.stream().allMatch(n -> n.state() == State.READY);
        }
    }

    private DpfStatus() {
    }

    /**
     * Reads the objects from a cluster and explains them.
     *
     * @param client    the host cluster
     * @param namespace DPF's namespace
     * @param hosts     the hosts expected to have a DPU (from the configuration); others found are reported too
     * @param now       the current time
     * @param deadline  how long a phase may last without progress
     * @return the report
     * @throws DpuException APPLY_FAILED when the cluster cannot be read
     */
    public static Report read(KubernetesClient client, String namespace, List<String> hosts, Instant now, Duration deadline) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (String[] k : new String[][] {{"provisioning.dpu.nvidia.com", "BFB", "bfbs"}, {"provisioning.dpu.nvidia.com", "DPU", "dpus"},
                    {"provisioning.dpu.nvidia.com", "DPUSet", "dpusets"}, {"svc.dpu.nvidia.com", "DPUService", "dpuservices"}}) {
                ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(k[0]).withVersion("v1alpha1")
                        .withKind(k[1]).withPlural(k[2]).withNamespaced(true).build();
                for (GenericKubernetesResource r : client.genericKubernetesResources(ctx).inNamespace(namespace).list().getItems()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = Serialization.jsonMapper().convertValue(r, Map.class);
                    objects.add(m);
                }
            }
        } catch (KubernetesClientException e) {
            throw new DpuException(DpuException.Reason.APPLY_FAILED, "reading DPF status failed: " + e.getMessage(), e);
        }
        return explain(objects, hosts, now, deadline);
    }

    /**
     * Explains recorded objects (JSON trees as the API returns them).
     *
     * @param objects  BFB, DPU, DPUSet and DPUService objects with their status
     * @param hosts    the hosts expected to have a DPU
     * @param now      the current time
     * @param deadline how long a phase may last without progress
     * @return the report, hosts in the order given, then hosts found but not expected
     */
    public static Report explain(Collection<Map<String, Object>> objects, List<String> hosts, Instant now, Duration deadline) {
        Map<String, Map<String, Object>> bfbs = new LinkedHashMap<>();
        Map<String, Map<String, Object>> dpuByHost = new LinkedHashMap<>();
        List<String> services = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            String kind = str(o, "kind");
            if ("BFB".equals(kind)) {
                bfbs.put(str(o, "metadata", "name"), o);
            } else if ("DPU".equals(kind)) {
                dpuByHost.put(str(o, "spec", "nodeName"), o);
            } else if ("DPUService".equals(kind)) {
                Map<String, Object> c = condition(o, "ApplicationsReady");
                if (c == null) {
                    c = condition(o, "Ready");
                }
                if (c == null || !"True".equals(c.get("status"))) {
                    services.add(str(o, "metadata", "name") + ": " + (c == null ? "no Ready condition yet"
                            : c.get("reason") + " " + Objects.toString(c.get("message"), "")).strip());
                }
            }
        }
        List<String> all = new ArrayList<>(hosts);
        dpuByHost.keySet().stream().filter(h -> h != null && !all.contains(h)).forEach(all::add);
        List<NodeStatus> out = new ArrayList<>();
        for (String h : all) {
            Map<String, Object> dpu = dpuByHost.get(h);
            out.add(dpu == null ? new NodeStatus(h, "", "", State.MISSING, "no DPU object for this host",
                    "check that a DPUSet's nodeSelector selects the node and that DPF's dpu-detector labelled it"
                    + " feature.node.kubernetes.io/dpu-0-pci-address (the DPUSet controller creates no DPU without it)")
                    : node(h, dpu, bfbs.get(str(dpu, "spec", "bfb")), now, deadline));
        }
        return new Report(out, services);
    }

    private static NodeStatus node(String host, Map<String, Object> dpu, Map<String, Object> bfb, Instant now, Duration deadline) {
        String name = str(dpu, "metadata", "name");
        String phase = Objects.toString(str(dpu, "status", "phase"), "Initializing");
        boolean late = since(dpu).plus(deadline).isBefore(now);
        String bfbPhase = bfb == null ? null : Objects.toString(str(bfb, "status", "phase"), "Initializing");
        String deleteDpu = "delete DPU " + name + " so that its DPUSet creates it again (DPF does not re-provision a"
                + " failed DPU by itself, doca-platform #40)";
        switch (phase) {
            case "Ready":
                return new NodeStatus(host, name, phase, State.READY, "", "");
            case "Error": {
                Map<String, Object> dms = condition(dpu, "DMSRunning");
                Map<String, Object> os = condition(dpu, "OSInstalled");
                if (dms != null && "False".equals(dms.get("status"))) {
                    return new NodeStatus(host, name, phase, State.FAILED, "DMS " + dms.get("reason") + ": "
                            + Objects.toString(dms.get("message"), ""), "DMS cannot push the BFB when the PF netdev is missing"
                            + " from /sys/class/net on the host (known issue #2): check the host's PF (DpfPreflight.check"
                            + "), then " + deleteDpu);
                }
                if (os != null && "False".equals(os.get("status"))) {
                    return new NodeStatus(host, name, phase, State.FAILED, "OS install " + os.get("reason") + ": "
                            + Objects.toString(os.get("message"), ""), "check the DPUFlavor fits the card (hugepages);"
                            + " if the DPU no longer boots, push the BFB over rshim from the host (bfb-install --rshim"
                            + " rshim0 --bfb <file>, doca-platform #17), then " + deleteDpu);
                }
                return new NodeStatus(host, name, phase, State.FAILED, "DPU in Error" + firstFalse(dpu), deleteDpu);
            }
            case "Pending":
                if ("Error".equals(bfbPhase)) {
                    return new NodeStatus(host, name, phase, State.FAILED, "waiting for BFB " + str(dpu, "spec", "bfb")
                            + ", which is in Error (its download failed; see its FailedDownloadBFB events)",
                            "a BFB's spec is immutable: delete BFB " + str(dpu, "spec", "bfb")
                            + " and create it again with a reachable URL (DpfPreflight.check with a BfbProbe)");
                }
                if (bfb == null) {
                    return new NodeStatus(host, name, phase, late ? State.STUCK : State.PROGRESSING, "BFB "
                            + str(dpu, "spec", "bfb") + " does not exist", "create the BFB the DPUSet names");
                }
                return new NodeStatus(host, name, phase, late ? State.STUCK : State.PROGRESSING, "waiting for BFB "
                        + str(dpu, "spec", "bfb") + " (" + bfbPhase + ")" + (late ? " for longer than " + deadline
                        + ": a BFB URL that does not answer keeps it there without an error (doca-platform #29)" : ""),
                        late ? "check the BFB URL answers from the provisioning controller's node; fix it by"
                        + " deleting and recreating the BFB" : "wait");
            case "Rebooting":
                return new NodeStatus(host, name, phase, late ? State.STUCK : State.PROGRESSING, late
                        ? "Rebooting for longer than " + deadline + " (known issue #11)" : "host rebooting", late
                        ? "power-cycle the host (a warm reboot may not reset the DPU), then " + deleteDpu + " if it stays" : "wait");
            default:
                return new NodeStatus(host, name, phase, late ? State.STUCK : State.PROGRESSING, late ? phase
                        + " for longer than " + deadline + firstFalse(dpu) : phase, late ? "look at the events of DPU " + name
                        + " and the DMS pod logs in its namespace; then " + deleteDpu : "wait");
        }
    }

    private static String firstFalse(Map<String, Object> o) {
        for (Object c : list(o, "status", "conditions")) {
            if (c instanceof Map<?, ?> m && "False".equals(m.get("status"))) {
                return ": " + m.get("type") + " " + m.get("reason") + " " + Objects.toString(m.get("message"), "");
            }
        }
        return "";
    }

    /** @return the latest condition transition, else the creation time, else the epoch */
    private static Instant since(Map<String, Object> o) {
        Instant t = parse(str(o, "metadata", "creationTimestamp"));
        for (Object c : list(o, "status", "conditions")) {
            if (c instanceof Map<?, ?> m) {
                Instant x = parse(Objects.toString(m.get("lastTransitionTime"), null));
                if (x.isAfter(t)) {
                    t = x;
                }
            }
        }
        return t;
    }

    private static Instant parse(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> o, String type) {
        for (Object c : list(o, "status", "conditions")) {
            if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
                return (Map<String, Object>) m;
            }
        }
        return null;
    }

    private static List<?> list(Object tree, String... path) {
        Object o = at(tree, path);
        return o instanceof List<?> l ? l : List.of();
    }

    private static String str(Object tree, String... path) {
        Object o = at(tree, path);
        return o instanceof String s ? s : null;
    }

    private static Object at(Object tree, String... path) {
        Object o = tree;
        for (String p : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(p);
        }
        return o;
    }
}
