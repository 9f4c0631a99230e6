package io.ocatopic.dpu.internal.dpf;

import io.ocatopic.dpu.dpf.DpfStatus;
import io.ocatopic.dpu.internal.Trees;
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
 * Explains DPF's BFB, DPU and DPUService objects per host: the state, the reason a DPU is stuck or failed, and the
 * recovery DPF's code and known issues document (sources in {@link DpfStatus}).
 */
public final class DpfStatusExplainer {
    private DpfStatusExplainer() {
    }

    /**
     * Explains recorded objects (JSON trees as the API returns them).
     *
     * @param objects  BFB, DPU, DPUSet and DPUService objects with their status
     * @param hosts    the hosts expected to have a DPU
     * @param now      the current time
     * @param deadline how long a phase may last without progress
     * @return the status, hosts in the order given, then hosts found but not expected
     */
    public static DpfStatus explain(Collection<Map<String, Object>> objects, List<String> hosts, Instant now, Duration deadline) {
        Map<String, Map<String, Object>> bfbs = new LinkedHashMap<>();
        Map<String, Map<String, Object>> dpuByHost = new LinkedHashMap<>();
        List<String> services = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            String kind = Trees.str(o, "kind");
            if ("BFB".equals(kind)) {
                bfbs.put(Trees.str(o, "metadata", "name"), o);
            } else if ("DPU".equals(kind)) {
                dpuByHost.put(Trees.str(o, "spec", "nodeName"), o);
            } else if ("DPUService".equals(kind)) {
                Map<String, Object> c = condition(o, "ApplicationsReady");
                if (c == null) {
                    c = condition(o, "Ready");
                }
                if (c == null || !"True".equals(c.get("status"))) {
                    services.add(Trees.str(o, "metadata", "name") + ": " + (c == null ? "no Ready condition yet"
                            : c.get("reason") + " " + Objects.toString(c.get("message"), "")).strip());
                }
            }
        }
        List<String> all = new ArrayList<>(hosts);
        dpuByHost.keySet().stream().filter(h -> h != null && !all.contains(h)).forEach(all::add);
        List<DpfStatus.NodeStatus> out = new ArrayList<>();
        for (String h : all) {
            Map<String, Object> dpu = dpuByHost.get(h);
            out.add(dpu == null ? new DpfStatus.NodeStatus(h, "", "", DpfStatus.State.MISSING, "no DPU object for this host",
                    "check that a DPUSet's nodeSelector selects the node and that DPF's dpu-detector labelled it"
                    + " feature.node.kubernetes.io/dpu-0-pci-address (the DPUSet controller creates no DPU without it)")
                    : node(h, dpu, bfbs.get(Trees.str(dpu, "spec", "bfb")), now, deadline));
        }
        return new DpfStatus(out, services);
    }

    private static DpfStatus.NodeStatus node(String host, Map<String, Object> dpu, Map<String, Object> bfb, Instant now, Duration deadline) {
        String name = Trees.str(dpu, "metadata", "name");
        String phase = Objects.toString(Trees.str(dpu, "status", "phase"), "Initializing");
        boolean late = since(dpu).plus(deadline).isBefore(now);
        String bfbPhase = bfb == null ? null : Objects.toString(Trees.str(bfb, "status", "phase"), "Initializing");
        String deleteDpu = "delete DPU " + name + " so that its DPUSet creates it again (DPF does not re-provision a"
                + " failed DPU by itself, doca-platform #40)";
        switch (phase) {
            case "Ready":
                return new DpfStatus.NodeStatus(host, name, phase, DpfStatus.State.READY, "", "");
            case "Error": {
                Map<String, Object> dms = condition(dpu, "DMSRunning");
                Map<String, Object> os = condition(dpu, "OSInstalled");
                if (dms != null && "False".equals(dms.get("status"))) {
                    return new DpfStatus.NodeStatus(host, name, phase, DpfStatus.State.FAILED, "DMS " + dms.get("reason") + ": "
                            + Objects.toString(dms.get("message"), ""), "DMS cannot push the BFB when the PF netdev is missing"
                            + " from /sys/class/net on the host (known issue #2): check the host's PF (DpfPreflight.check"
                            + "), then " + deleteDpu);
                }
                if (os != null && "False".equals(os.get("status"))) {
                    return new DpfStatus.NodeStatus(host, name, phase, DpfStatus.State.FAILED, "OS install " + os.get("reason") + ": "
                            + Objects.toString(os.get("message"), ""), "check the DPUFlavor fits the card (hugepages);"
                            + " if the DPU no longer boots, push the BFB over rshim from the host (bfb-install --rshim"
                            + " rshim0 --bfb <file>, doca-platform #17), then " + deleteDpu);
                }
                return new DpfStatus.NodeStatus(host, name, phase, DpfStatus.State.FAILED, "DPU in Error" + firstFalse(dpu), deleteDpu);
            }
            case "Pending":
                if ("Error".equals(bfbPhase)) {
                    return new DpfStatus.NodeStatus(host, name, phase, DpfStatus.State.FAILED, "waiting for BFB " + Trees.str(dpu, "spec", "bfb")
                            + ", which is in Error (its download failed; see its FailedDownloadBFB events)",
                            "a BFB's spec is immutable: delete BFB " + Trees.str(dpu, "spec", "bfb")
                            + " and create it again with a reachable URL (DpfPreflight.check with a BfbProbe)");
                }
                if (bfb == null) {
                    return new DpfStatus.NodeStatus(host, name, phase, late ? DpfStatus.State.STUCK : DpfStatus.State.PROGRESSING, "BFB "
                            + Trees.str(dpu, "spec", "bfb") + " does not exist", "create the BFB the DPUSet names");
                }
                return new DpfStatus.NodeStatus(host, name, phase, late ? DpfStatus.State.STUCK : DpfStatus.State.PROGRESSING, "waiting for BFB "
                        + Trees.str(dpu, "spec", "bfb") + " (" + bfbPhase + ")" + (late ? " for longer than " + deadline
                        + ": a BFB URL that does not answer keeps it there without an error (doca-platform #29)" : ""),
                        late ? "check the BFB URL answers from the provisioning controller's node; fix it by"
                        + " deleting and recreating the BFB" : "wait");
            case "Rebooting":
                return new DpfStatus.NodeStatus(host, name, phase, late ? DpfStatus.State.STUCK : DpfStatus.State.PROGRESSING, late
                        ? "Rebooting for longer than " + deadline + " (known issue #11)" : "host rebooting", late
                        ? "power-cycle the host (a warm reboot may not reset the DPU), then " + deleteDpu + " if it stays" : "wait");
            default:
                return new DpfStatus.NodeStatus(host, name, phase, late ? DpfStatus.State.STUCK : DpfStatus.State.PROGRESSING, late ? phase
                        + " for longer than " + deadline + firstFalse(dpu) : phase, late ? "look at the events of DPU " + name
                        + " and the DMS pod logs in its namespace; then " + deleteDpu : "wait");
        }
    }

    private static String firstFalse(Map<String, Object> o) {
        for (Object c : Trees.list(o, "status", "conditions")) {
            if (c instanceof Map<?, ?> m && "False".equals(m.get("status"))) {
                return ": " + m.get("type") + " " + m.get("reason") + " " + Objects.toString(m.get("message"), "");
            }
        }
        return "";
    }

    /** @return the latest condition transition, else the creation time, else the epoch */
    private static Instant since(Map<String, Object> o) {
        Instant t = parse(Trees.str(o, "metadata", "creationTimestamp"));
        for (Object c : Trees.list(o, "status", "conditions")) {
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
        for (Object c : Trees.list(o, "status", "conditions")) {
            if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
                return (Map<String, Object>) m;
            }
        }
        return null;
    }
}
