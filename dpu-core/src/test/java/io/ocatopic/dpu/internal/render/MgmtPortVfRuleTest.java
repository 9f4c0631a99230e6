package io.ocatopic.dpu.internal.render;

import static io.ocatopic.dpu.internal.render.JsonTrees.trees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.dpu.internal.Trees;
import io.ocatopic.kube.AdmissionRule.Flag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MgmtPortVfRuleTest {
    static final String SMART_NIC_PATH = "metadata.labels[network.operator.openshift.io/smart-nic]";
    static final String DPU_HOST_PATH = "metadata.labels[network.operator.openshift.io/dpu-host]";
    final MgmtPortVfRule rule = new MgmtPortVfRule();

    /** The tenant objects and the hosts as they end up labelled, sample plus one smart-NIC host. */
    static List<Map<String, Object>> tenantSet() {
        DpuResources r = Samples.twoDpuBuilder().smartNicHost("host-worker-2", "ens8f0").build().render();
        List<Map<String, Object>> set = new ArrayList<>(trees(r.tenant()));
        set.addAll(trees(r.tenantNodes()));
        return set;
    }

    static int indexOf(List<Map<String, Object>> set, String kind, String name) {
        for (int i = 0; i < set.size(); i++) {
            if (kind.equals(Trees.str(set.get(i), "kind")) && name.equals(Trees.str(set.get(i), "metadata", "name"))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    @Test
    void theRealRenderWithASmartNicHostIsClean() {
        assertEquals(List.of(), rule.checkSet(tenantSet()));
    }

    @Test
    void aSmartNicHostWithoutAMgmtvfPolicyIsFlaggedOnItsNode() {
        List<Map<String, Object>> set = tenantSet();
        set.remove(indexOf(set, "SriovNetworkNodePolicy", "smartnic-mgmt-ens8f0"));
        List<Flag> flags = rule.checkSet(set);
        assertEquals(1, flags.size(), flags.toString());
        assertEquals(indexOf(set, "Node", "host-worker-2"), flags.get(0).index());
        assertEquals(SMART_NIC_PATH, flags.get(0).problem().path());
        String msg = flags.get(0).problem().message();
        assertTrue(msg.contains("requests openshift.io/mgmtvf") && msg.contains("Pending")
                && msg.contains("resourceName: mgmtvf"), msg);
    }

    @Test
    void aPolicyWhoseNodeSelectorMissesTheHostDoesNotCount() {
        List<Map<String, Object>> set = tenantSet();
        Map<String, Object> spec = Trees.map(set.get(indexOf(set, "SriovNetworkNodePolicy", "smartnic-mgmt-ens8f0")), "spec");
        spec.put("nodeSelector", Map.of("network.operator.openshift.io/dpu-host", ""));
        List<Flag> flags = rule.checkSet(set);
        assertEquals(List.of(indexOf(set, "Node", "host-worker-2")), flags.stream().map(Flag::index).toList());

        spec.put("nodeSelector", Map.of("network.operator.openshift.io/smart-nic", ""));
        assertEquals(List.of(), rule.checkSet(set), "fixed");
    }

    @Test
    void dpuHostsNeedTheirMgmtvfPolicyToo() {
        List<Map<String, Object>> set = tenantSet();
        set.remove(indexOf(set, "SriovNetworkNodePolicy", "dpu-mgmt-bf2-ens1f0"));
        set.remove(indexOf(set, "SriovNetworkNodePolicy", "dpu-mgmt-bf3-ens2f0np0"));
        List<Flag> flags = rule.checkSet(set);
        assertEquals(List.of(indexOf(set, "Node", "host-worker-0"), indexOf(set, "Node", "host-worker-1")),
                flags.stream().map(Flag::index).toList());
        assertTrue(flags.stream().allMatch(f -> f.problem().path().equals(DPU_HOST_PATH)), flags.toString());
    }

    @Test
    void withoutAResourceNameDpuHostsCannotStartButSmartNicHostsRequestNothing() {
        List<Map<String, Object>> set = tenantSet();
        Map<String, Object> data = Trees.map(set.get(indexOf(set, "ConfigMap", "hardware-offload-config")), "data");
        data.remove("mgmt-port-resource-name");
        List<Flag> flags = rule.checkSet(set);
        assertEquals(List.of(indexOf(set, "Node", "host-worker-0"), indexOf(set, "Node", "host-worker-1")),
                flags.stream().map(Flag::index).toList());
        assertTrue(flags.get(0).problem().message().contains("mgmt-port-resource-name"), flags.toString());
    }

    @Test
    void aRenamedResourceMustBeOfferedUnderThatName() {
        List<Map<String, Object>> set = tenantSet();
        Map<String, Object> data = Trees.map(set.get(indexOf(set, "ConfigMap", "hardware-offload-config")), "data");
        data.put("mgmt-port-resource-name", "openshift.io/mgmtport");
        assertEquals(3, rule.checkSet(set).size(), "no policy offers openshift.io/mgmtport");
        assertTrue(rule.guards("sriovnetwork.openshift.io/v1", "SriovNetworkNodePolicy"));
        assertTrue(rule.guards("v1", "Node"));
    }
}
