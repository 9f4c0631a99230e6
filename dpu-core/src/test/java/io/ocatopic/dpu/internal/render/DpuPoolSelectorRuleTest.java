package io.ocatopic.dpu.internal.render;

import static io.ocatopic.dpu.internal.render.JsonTrees.machineConfig;
import static io.ocatopic.dpu.internal.render.JsonTrees.tree;
import static io.ocatopic.dpu.internal.render.JsonTrees.trees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.dpu.internal.Trees;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.kube.AdmissionRule.Flag;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DpuPoolSelectorRuleTest {
    static final String ROLE_PATH = "metadata.labels[machineconfiguration.openshift.io/role]";
    final DpuPoolSelectorRule rule = new DpuPoolSelectorRule();

    /** The rendered infrastructure objects, as JSON trees. */
    static List<Map<String, Object>> infra() {
        return new ArrayList<>(trees(Samples.twoDpu().render().infra()));
    }

    /** The MachineConfig dpu-network-operator creates itself (syncMachineConfigObjs). */
    static Map<String, Object> operatorsOwnMachineConfig() {
        return machineConfig("00-dpu-bluefield-switchdev", DpuRenderer.DPU_MC_ROLE);
    }

    @Test
    void thePoolTheOperatorCreatesSelectsEveryRenderedMachineConfigAndEveryDpuNode() {
        DpuResources r = Samples.twoDpu().render();
        Map<String, Object> dcc = tree(r.infra().get(0));
        Map<String, Object> pool = DpuPoolSelectorRule.operatorPool(Trees.str(dcc, "spec", "poolName"),
                Trees.map(dcc, "spec", "nodeSelector"));
        List<Map<String, Object>> mcs = new ArrayList<>();
        r.infra().stream().filter(o -> o instanceof MachineConfig).forEach(o -> mcs.add(tree(o)));
        mcs.add(operatorsOwnMachineConfig());
        for (Map<String, Object> mc : mcs) {
            assertTrue(Trees.selects(Trees.map(pool, "spec", "machineConfigSelector"), Trees.labels(mc)),
                    Trees.str(mc, "metadata", "name") + " is not selected by " + pool);
        }
        for (Node n : r.infraNodes()) {
            assertTrue(Trees.selects(Trees.map(pool, "spec", "nodeSelector"), n.getMetadata().getLabels()),
                    "DPU node " + n.getMetadata().getName() + " is not in pool " + pool);
        }
        assertTrue(!Trees.selects(Trees.map(pool, "spec", "machineConfigSelector"),
                Map.of(DpuRenderer.MC_ROLE_LABEL, "dpu")), "the old role: dpu is what the pool does not select");
    }

    @Test
    void theRealRenderIsClean() {
        List<Map<String, Object>> set = infra();
        set.add(operatorsOwnMachineConfig());
        set.addAll(trees(Samples.twoDpu().render().infraNodes()));
        assertEquals(List.of(), rule.checkSet(set));
        for (Map<String, Object> o : set) {
            assertEquals(List.of(), rule.check(o));
        }
    }

    @Test
    void aMachineConfigLabelledWithThePoolNameIsFlaggedAndTheDpuWorkerRoleFixesIt() {
        List<Map<String, Object>> broken = infra();
        broken.add(machineConfig("99-dpu-switchdev", "dpu"));
        List<Flag> flags = rule.checkSet(broken);
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(broken.size() - 1, flags.get(0).index());
        assertEquals(ROLE_PATH, flags.get(0).problem().path());
        assertTrue(flags.get(0).problem().message().contains("never applied")
                && flags.get(0).problem().message().contains("label it machineconfiguration.openshift.io/role: dpu-worker"),
                flags.get(0).problem().message());

        List<Map<String, Object>> fixed = infra();
        fixed.add(machineConfig("99-dpu-switchdev", DpuRenderer.DPU_MC_ROLE));
        assertEquals(List.of(), rule.checkSet(fixed));
    }

    @Test
    void aRenderedPoolOfTheSameNameIsOverwrittenByTheOperator() {
        Map<String, Object> ownPool = Map.of("apiVersion", "machineconfiguration.openshift.io/v1", "kind",
                "MachineConfigPool", "metadata", Map.of("name", "dpu"), "spec", Map.of("machineConfigSelector",
                        Map.of("matchLabels", Map.of(DpuRenderer.MC_ROLE_LABEL, "dpu"))));
        List<Map<String, Object>> set = infra();
        set.add(ownPool);
        set.add(machineConfig("99-dpu-extra", "dpu"));
        List<Flag> flags = rule.checkSet(set);
        assertEquals(List.of(set.size() - 2, set.size() - 1), flags.stream().map(Flag::index).toList(), flags.toString());
        assertEquals("spec.machineConfigSelector", flags.get(0).problem().path());
        assertTrue(flags.get(0).problem().message().contains("owns pool dpu"), flags.get(0).problem().message());
        assertEquals(ROLE_PATH, flags.get(1).problem().path());
    }

    @Test
    void withoutTheOperatorAPoolOfTheSetMustSelectTheMachineConfigsNamingIt() {
        Map<String, Object> pool = Map.of("apiVersion", "machineconfiguration.openshift.io/v1", "kind",
                "MachineConfigPool", "metadata", Map.of("name", "edge"), "spec", Map.of("machineConfigSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", DpuRenderer.MC_ROLE_LABEL, "operator", "In",
                                "values", List.of("worker", "edge"))))));
        assertEquals(List.of(), rule.checkSet(List.of(pool, machineConfig("99-edge-a", "edge"))));
        Map<String, Object> narrow = Map.of("apiVersion", "machineconfiguration.openshift.io/v1", "kind",
                "MachineConfigPool", "metadata", Map.of("name", "edge"), "spec", Map.of("machineConfigSelector",
                        Map.of("matchLabels", Map.of(DpuRenderer.MC_ROLE_LABEL, "worker"))));
        List<Flag> flags = rule.checkSet(List.of(narrow, machineConfig("99-edge-a", "edge")));
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(1, flags.get(0).index());
        assertTrue(flags.get(0).problem().message().contains("pool edge does not select it"), flags.get(0).problem().message());
    }

    @Test
    void refusesDpuClusterConfigsTheOperatorDoesNotActOn() {
        Map<String, Object> dcc = tree(Samples.twoDpu().render().infra().get(0));
        assertEquals(List.of(), rule.check(dcc));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) dcc.get("spec");
        spec.put("poolName", "worker");
        List<Problem> p = rule.check(dcc);
        assertEquals(1, p.size());
        assertEquals("spec.poolName", p.get(0).path());
        assertTrue(p.get(0).message().contains("refuses the worker pool"), p.get(0).message());

        Map<String, Object> second = tree(Samples.twoDpu().render().infra().get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) second.get("metadata");
        meta.put("name", "another");
        List<Map<String, Object>> set = infra();
        set.add(second);
        List<Flag> flags = rule.checkSet(set);
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(set.size() - 1, flags.get(0).index());
        assertEquals("metadata.namespace", flags.get(0).problem().path());
    }

    @Test
    void bothRulesAreRegisteredForTheServiceLoader() {
        List<String> found = new ArrayList<>();
        for (AdmissionRule r : ServiceLoader.load(AdmissionRule.class)) {
            found.add(r.getClass().getName());
            assertTrue(r.source().startsWith("openshift/"), r.source());
        }
        assertTrue(found.contains(DpuPoolSelectorRule.class.getName()) && found.contains(MgmtPortVfRule.class.getName()),
                found.toString());
        assertTrue(rule.guards("dpu.openshift.io/v1alpha1", "DpuClusterConfig"));
        assertTrue(rule.guards("machineconfiguration.openshift.io/v1", "MachineConfig"));
        assertTrue(!rule.guards("v1", "ConfigMap"));
    }
}
