package io.ocatopic.dpu.internal.render;

import io.ocatopic.dpu.internal.Trees;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * dpu-network-operator's pool: every MachineConfig meant for the DPU nodes must be selected by the
 * MachineConfigPool that will exist, or the machine-config operator never applies it.
 *
 * <p>Upstream: openshift/dpu-network-operator {@code controllers/config_controller.go}
 * ({@code syncMachineConfigObjs}, {@code dpuMcRole}). For a {@code DpuClusterConfig} the operator
 * creates the pool {@code spec.poolName} with {@code machineConfigSelector}
 * {@code machineconfiguration.openshift.io/role in (worker, dpu-worker)} and {@code nodeSelector}
 * {@code spec.nodeSelector}, puts that spec back on an existing pool of that name that differs, refuses
 * {@code poolName} {@code master} and {@code worker}, does nothing for an empty {@code poolName}, and
 * reconciles nothing in a namespace that holds more than one DpuClusterConfig.
 *
 * <p>Over a set ({@link #checkSet}) the pools that will exist are the set's MachineConfigPools, with the
 * operator's pool in place of any pool a DpuClusterConfig of the set names. A MachineConfig is meant for
 * a pool when its {@code machineconfiguration.openshift.io/role} names that pool, or is
 * {@code dpu-worker} (meant for every DpuClusterConfig's pool); it is flagged when that pool's selector
 * does not select it. A MachineConfigPool of the set that the operator will overwrite is flagged too.
 * {@link #check} flags a DpuClusterConfig the operator will not act on.
 */
public final class DpuPoolSelectorRule implements AdmissionRule {
    private static final String DCC_API = "dpu.openshift.io/v1alpha1";
    private static final String MC_API = "machineconfiguration.openshift.io/v1";
    private static final String ROLE = DpuRenderer.MC_ROLE_LABEL;
    private static final String ROLE_PATH = "metadata.labels[" + ROLE + "]";

    /** Creates the rule; {@link java.util.ServiceLoader} uses this. */
    public DpuPoolSelectorRule() {
    }

    /** @return the upstream file this rule follows */
    @Override
    public String source() {
        return "openshift/dpu-network-operator controllers/config_controller.go (syncMachineConfigObjs)";
    }

    /**
     * @param apiVersion the object's apiVersion
     * @param kind       the object's kind
     * @return true for DpuClusterConfig, MachineConfig and MachineConfigPool
     */
    @Override
    public boolean guards(String apiVersion, String kind) {
        return DCC_API.equals(apiVersion) && "DpuClusterConfig".equals(kind)
                || MC_API.equals(apiVersion) && ("MachineConfig".equals(kind) || "MachineConfigPool".equals(kind));
    }

    /**
     * The MachineConfigPool dpu-network-operator creates for a DpuClusterConfig.
     *
     * @param poolName     the DpuClusterConfig's {@code spec.poolName}
     * @param nodeSelector its {@code spec.nodeSelector} (a LabelSelector tree), or null
     * @return the pool as a JSON tree
     */
    public static Map<String, Object> operatorPool(String poolName, Map<String, Object> nodeSelector) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("machineConfigSelector", operatorSelector());
        if (nodeSelector != null) {
            spec.put("nodeSelector", nodeSelector);
        }
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("apiVersion", MC_API);
        pool.put("kind", "MachineConfigPool");
        pool.put("metadata", Map.of("name", poolName));
        pool.put("spec", spec);
        return pool;
    }

    private static Map<String, Object> operatorSelector() {
        return Map.of("matchExpressions", List.of(Map.of("key", ROLE, "operator", "In",
                "values", List.of("worker", DpuRenderer.DPU_MC_ROLE))));
    }

    /**
     * A DpuClusterConfig whose pool the operator will not create.
     *
     * @param object the object, defaults applied
     * @return the problems; empty for other kinds
     */
    @Override
    public List<Problem> check(Map<String, Object> object) {
        if (!Trees.is(object, DCC_API, "DpuClusterConfig")) {
            return List.of();
        }
        String pool = Trees.str(object, "spec", "poolName");
        if (pool == null || pool.isEmpty()) {
            return List.of(new Problem("spec.poolName", "is empty, so dpu-network-operator creates no pool and no"
                    + " ovnkube-node; name the pool of the DPU nodes, such as dpu"));
        }
        if (pool.equals("master") || pool.equals("worker")) {
            return List.of(new Problem("spec.poolName", "dpu-network-operator refuses the " + pool + " pool (\"" + pool
                    + " pools is not allowed\"); name a pool of its own, such as dpu"));
        }
        return List.of();
    }

    /**
     * The MachineConfigs for the DPU nodes that no pool of the set will apply.
     *
     * @param objects every object of the set
     * @return the flags, on the MachineConfig (or the pool the operator overwrites)
     */
    @Override
    public List<Flag> checkSet(List<Map<String, Object>> objects) {
        List<Flag> out = new ArrayList<>();
        Map<String, Pool> pools = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (Trees.is(o, MC_API, "MachineConfigPool") && Trees.str(o, "metadata", "name") != null) {
                pools.put(Trees.str(o, "metadata", "name"), new Pool(i, Trees.map(o, "spec", "machineConfigSelector"), null));
            }
        }
        Set<String> dpuPools = new TreeSet<>();
        Map<String, Integer> dccPerNamespace = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (!Trees.is(o, DCC_API, "DpuClusterConfig")) {
                continue;
            }
            String ns = String.valueOf(Trees.str(o, "metadata", "namespace"));
            Integer first = dccPerNamespace.putIfAbsent(ns, i);
            if (first != null) {
                out.add(new Flag(i, new Problem("metadata.namespace", "namespace " + ns + " already holds DpuClusterConfig "
                        + Trees.str(objects.get(first), "metadata", "name") + "; dpu-network-operator reconciles nothing in a"
                        + " namespace with more than one: keep one")));
                continue;
            }
            String name = Trees.str(o, "spec", "poolName");
            if (name == null || name.isEmpty() || !check(o).isEmpty()) {
                continue;
            }
            String dcc = "DpuClusterConfig " + Trees.str(o, "metadata", "name");
            Pool rendered = pools.get(name);
            if (rendered != null && rendered.dcc == null
                    && !normalised(rendered.selector).equals(normalised(operatorSelector()))) {
                out.add(new Flag(rendered.index, new Problem("spec.machineConfigSelector", "dpu-network-operator owns pool "
                        + name + " (" + dcc + ") and puts its own selector " + ROLE + " in (worker, "
                        + DpuRenderer.DPU_MC_ROLE + ") back on it; drop this pool from the set and label the pool's"
                        + " MachineConfigs " + ROLE + ": " + DpuRenderer.DPU_MC_ROLE)));
            }
            pools.put(name, new Pool(i, operatorSelector(), dcc));
            dpuPools.add(name);
        }
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (!Trees.is(o, MC_API, "MachineConfig")) {
                continue;
            }
            Map<String, String> labels = Trees.labels(o);
            String role = labels.get(ROLE);
            if (role == null) {
                continue;
            }
            Map<String, Pool> targets = new TreeMap<>();
            if (pools.containsKey(role)) {
                targets.put(role, pools.get(role));
            }
            if (role.equals(DpuRenderer.DPU_MC_ROLE)) {
                dpuPools.forEach(p -> targets.put(p, pools.get(p)));
            }
            for (Map.Entry<String, Pool> t : targets.entrySet()) {
                if (Trees.selects(t.getValue().selector, labels)) {
                    continue;
                }
                String mc = "MachineConfig " + Trees.str(o, "metadata", "name");
                String msg = t.getValue().dcc != null
                        ? mc + " is labelled " + ROLE + ": " + role + ", but the pool " + t.getKey() + " that dpu-network-operator"
                        + " creates for " + t.getValue().dcc + " selects " + ROLE + " in (worker, " + DpuRenderer.DPU_MC_ROLE
                        + "), so it is never applied to the DPU nodes; label it " + ROLE + ": " + DpuRenderer.DPU_MC_ROLE
                        : mc + " is labelled " + ROLE + ": " + role + ", but the machineConfigSelector of pool " + t.getKey()
                        + " does not select it, so it is never applied; change the pool's selector or the label";
                out.add(new Flag(i, new Problem(ROLE_PATH, msg)));
            }
        }
        return out;
    }

    /** A selector in a comparable form: matchLabels, and each expression with its values sorted. */
    private static Map<String, Object> normalised(Map<String, Object> selector) {
        if (selector == null) {
            return Map.of("nil", true);
        }
        Set<String> expressions = new TreeSet<>();
        for (Object x : Trees.list(selector, "matchExpressions")) {
            List<String> values = new ArrayList<>();
            Trees.list(x, "values").forEach(v -> values.add(String.valueOf(v)));
            values.sort(null);
            expressions.add(Trees.str(x, "key") + " " + Trees.str(x, "operator") + " " + values);
        }
        return Map.of("matchLabels", new TreeMap<>(Trees.strings(Trees.map(selector, "matchLabels"))),
                "matchExpressions", expressions);
    }

    /**
     * A pool that will exist.
     *
     * @param index    the index in the set of the object it comes from
     * @param selector its machineConfigSelector
     * @param dcc      the DpuClusterConfig it is created for, or null for a pool of the set
     */
    private record Pool(int index, Map<String, Object> selector, String dcc) {
    }
}
