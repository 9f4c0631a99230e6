package io.ocatopic.ztp.internal.render;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.internal.ztpfw.ZtpfwImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ClusterInstance output against the real CRD and the operator's real default templates: every
 * object validates through the schema-checking embedded API, and what the templates yield from the stored
 * ClusterInstance equals, field for field, what {@link HubCrRenderer} renders directly, except for the
 * differences listed in {@link #KNOWN}, each with its reason.
 */
class ClusterInstanceEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<ChassisSpec> samples() {
        ChassisImport o = ChassisImport.ztpfw("factory.example.com", Secret.of(SampleChassis.PULL_SECRET));
        return List.of(SampleChassis.chassis("edge", 2),
                ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/two-clusters.yaml"), o),
                ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/dhcp-only.yaml"), o),
                ChassisSpec.load(Path.of("src/test/resources/golden/ztpfw-two-clusters-native.yaml")));
    }

    /** Differences (kind, field path with list indexes as [*]) between templated and direct, with the reason. */
    static final Map<String, String> KNOWN = new TreeMap<>(Map.ofEntries(
            Map.entry("AgentClusterInstall .metadata.annotations.agent-install.openshift.io/install-config-overrides",
                    "helper.go merges networking.networkType into installConfigOverrides; ocatopic sets spec.networking.networkType instead (same install-config)"),
            Map.entry("AgentClusterInstall .metadata.annotations.siteconfig.open-cluster-management.io/sync-wave",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("AgentClusterInstall .metadata.labels",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("AgentClusterInstall .spec.diskEncryption",
                    "the default template does not render diskEncryption; the ClusterInstance carries TPMv2 root-disk encryption as MachineConfigs in the extra-manifests ConfigMap"),
            Map.entry("AgentClusterInstall .spec.holdInstallation",
                    "empty string/false/0 written by the template where ocatopic omits the field; the same meaning on the hub"),
            Map.entry("AgentClusterInstall .spec.manifestsConfigMapRefs",
                    "the ClusterInstance carries mirrors and TPM MachineConfigs as extra manifests; the direct set has them in mirrors.yaml and ACI diskEncryption"),
            Map.entry("AgentClusterInstall .spec.networking.networkType",
                    "the template sends the network type through install-config-overrides (see that annotation)"),
            Map.entry("AgentClusterInstall .spec.provisionRequirements.arbiterAgents",
                    "empty string/false/0 written by the template where ocatopic omits the field; the same meaning on the hub"),
            Map.entry("AgentClusterInstall .spec.sshPublicKey",
                    "empty string/false/0 written by the template where ocatopic omits the field; the same meaning on the hub (no SSH key in the spec)"),
            Map.entry("BareMetalHost .metadata.annotations.siteconfig.open-cluster-management.io/sync-wave",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("BareMetalHost .metadata.labels.cluster.open-cluster-management.io/backup",
                    "the template marks hosts for ACM backup/restore (cluster-activation); ocatopic does not"),
            Map.entry("BareMetalHost .metadata.labels.infraenvs.agent-install.openshift.io",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("BareMetalHost .metadata.labels.siteconfig.open-cluster-management.io/owned-by",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("BareMetalHost .metadata.name",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("BareMetalHost .spec.architecture",
                    "the template copies spec.cpuArchitecture (x86_64) to the host; ocatopic leaves it to metal3's default"),
            Map.entry("ClusterDeployment .metadata.annotations",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("ClusterDeployment .metadata.labels",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("InfraEnv .metadata.annotations",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("InfraEnv .metadata.labels",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("InfraEnv .metadata.name",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("InfraEnv .spec.ignitionConfigOverride",
                    "empty string/false/0 written by the template where ocatopic omits the field; the same meaning on the hub"),
            Map.entry("InfraEnv .spec.nmStateConfigLabelSelector.matchLabels.nmstate-label",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("InfraEnv .spec.nmStateConfigLabelSelector.matchLabels.nmstate_config_cluster_name",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node> (ZTPFW's label nmstate_config_cluster_name selects all NMStateConfigs of the cluster)"),
            Map.entry("InfraEnv .spec.sshAuthorizedKey",
                    "empty string/false/0 written by the template where ocatopic omits the field; the same meaning on the hub (no SSH key in the spec)"),
            Map.entry("KlusterletAddonConfig .metadata.annotations",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("KlusterletAddonConfig .metadata.labels",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("KlusterletAddonConfig .spec.applicationManager.enabled",
                    "the default template enables only the policy add-on; ocatopic enables all add-ons (KlusterletAddonConfig.allEnabled)"),
            Map.entry("KlusterletAddonConfig .spec.certPolicyController.enabled",
                    "the default template enables only the policy add-on; ocatopic enables all add-ons"),
            Map.entry("KlusterletAddonConfig .spec.clusterName",
                    "the template sets clusterName/clusterNamespace explicitly; the controller defaults them to the namespace"),
            Map.entry("KlusterletAddonConfig .spec.clusterNamespace",
                    "the template sets clusterName/clusterNamespace explicitly; the controller defaults them to the namespace"),
            Map.entry("KlusterletAddonConfig .spec.iamPolicyController",
                    "the template writes iamPolicyController: false; ocatopic omits it"),
            Map.entry("KlusterletAddonConfig .spec.searchCollector.enabled",
                    "the default template enables only the policy add-on; ocatopic enables all add-ons"),
            Map.entry("ManagedCluster .metadata.annotations",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("ManagedCluster .metadata.labels.cloud",
                    "the template asks ACM to detect cloud and vendor (auto-detect labels)"),
            Map.entry("ManagedCluster .metadata.labels.siteconfig.open-cluster-management.io/owned-by",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("ManagedCluster .metadata.labels.vendor",
                    "the template asks ACM to detect cloud and vendor (auto-detect labels)"),
            Map.entry("ManagedCluster .spec.leaseDurationSeconds",
                    "ocatopic writes the API default (60) explicitly; the template leaves it to the CRD default"),
            Map.entry("NMStateConfig .metadata.annotations",
                    "the operator orders its apply waves by the sync-wave annotation (template text); ocatopic orders by list position"),
            Map.entry("NMStateConfig .metadata.labels.nmstate-label",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("NMStateConfig .metadata.labels.nmstate_config_cluster_name",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>"),
            Map.entry("NMStateConfig .metadata.labels.siteconfig.open-cluster-management.io/owned-by",
                    "the operator labels every rendered object owned-by <namespace>_<name> (template_engine.go) to track ownership"),
            Map.entry("NMStateConfig .metadata.name",
                    "the operator renders InfraEnv, NMStateConfig and BareMetalHost per node, named after the host (template); ocatopic renders one InfraEnv per cluster and names per-node objects <cluster>-<node>")));

    @Test
    void everyClusterInstanceSetIsAcceptedByTheSchemaCheckingEmbeddedApi() {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            for (ChassisSpec spec : samples()) {
                for (Cluster c : spec.clusters()) {
                    List<HasMetadata> objs = ClusterInstanceRenderer.render(spec, c);
                    SchemaCheck.Report r = SchemaCheck.bundled().checkAll(objs);
                    assertTrue(r.conforms(), r.toString());
                    api.applier().applyAll(objs);
                    assertTrue(api.client().genericKubernetesResources(ClusterInstanceRenderer.API_VERSION,
                            "ClusterInstance").inNamespace(c.name()).withName(c.name()).get() != null);
                }
            }
        }
    }

    @Test
    void templatesYieldWhatOcatopicRendersDirectlyApartFromTheListedDifferences() throws Exception {
        Map<String, String> seen = new TreeMap<>();
        for (ChassisSpec spec : samples()) {
            for (Cluster c : spec.clusters()) {
                SchemaCheck.Result stored = SchemaCheck.bundled().check(ClusterInstanceRenderer.clusterInstance(spec, c));
                assertTrue(stored.conforms(), stored.toString());
                List<Map<String, Object>> templated = SiteConfigOperatorModel.render(stored.object(),
                        spec.release().releaseImage());
                SchemaCheck.Report templatedCheck = SchemaCheck.bundled().checkAll(templated);
                assertTrue(templatedCheck.conforms(), "the operator's output from our ClusterInstance: " + templatedCheck);
                List<Map<String, Object>> direct = new ArrayList<>();
                for (HasMetadata o : HubCrRenderer.render(spec, c)) {
                    direct.add(asMap(o));
                }
                for (String kind : List.of("AgentClusterInstall", "ClusterDeployment", "KlusterletAddonConfig",
                        "ManagedCluster", "BareMetalHost", "NMStateConfig", "InfraEnv")) {
                    List<Map<String, Object>> t = ofKind(templated, kind);
                    List<Map<String, Object>> d = ofKind(direct, kind);
                    for (int i = 0; i < t.size(); i++) {
                        // the operator renders one InfraEnv per node, ocatopic one per cluster
                        Map<String, Object> di = i < d.size() ? d.get(i) : d.get(0);
                        diff(kind, "", di, t.get(i), seen);
                    }
                }
                // the Secrets both sets carry are identical
                assertEquals(secrets(HubCrRenderer.render(spec, c)), secrets(ClusterInstanceRenderer.render(spec, c)));
            }
        }
        Map<String, String> unexplained = new TreeMap<>(seen);
        unexplained.keySet().removeAll(KNOWN.keySet());
        assertEquals(Map.of(), unexplained, "differences without a stated reason");
        TreeSet<String> stale = new TreeSet<>(KNOWN.keySet());
        stale.removeAll(seen.keySet());
        assertEquals(new TreeSet<>(), stale, "listed differences that no longer occur");
    }

    @Test
    void goTemplateEvaluatorFollowsGoSemanticsOnTheConstructsTheTemplatesUse() {
        Map<String, Object> data = GoTemplate.map("Spec", GoTemplate.map("apiVIPs", List.of("10.0.0.1"),
                "serviceNetwork", List.of(Map.of("cidr", "172.30.0.0/16")), "cpuArchitecture", "multi"),
                "SpecialVars", GoTemplate.map("CurrentNode", GoTemplate.map("nodeLabels", Map.of("b", "2", "a", "1"))));
        assertEquals("- 10.0.0.1", GoTemplate.parse("{{ .Spec.ApiVIPs | toYaml }}").execute(data));
        assertEquals("  - 172.30.0.0/16", GoTemplate.parse("{{ $s := list }}{{ range .Spec.ServiceNetwork }}"
                + "{{ $s = append $s .CIDR }}{{ end }}{{ $s | toYaml | indent 2 }}").execute(data));
        assertEquals("a=\"1\";b=\"2\";", GoTemplate.parse("{{ range $k, $v := .SpecialVars.CurrentNode.NodeLabels }}"
                + "{{ $k }}={{ $v | quote}};{{ end }}").execute(data));
        assertEquals("none", GoTemplate.parse("{{ if .SpecialVars.CurrentNode.CPUArchitecture }}node{{ else if and\n"
                + "  (.Spec.CPUArchitecture)\n  (ne .Spec.CPUArchitecture \"multi\")\n}}spec{{ else }}none{{ end }}")
                .execute(data));
        assertEquals("false 0", GoTemplate.parse("{{ .Spec.HoldInstallation }} {{ len .Spec.ExtraManifestsRefs }}")
                .execute(data));
    }

    private static List<Map<String, Object>> secrets(List<HasMetadata> objs) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HasMetadata o : objs) {
            if (o.getKind().equals("Secret")) {
                out.add(asMap(o));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) throws Exception {
        return JSON.readValue(KubeYaml.json(o), LinkedHashMap.class);
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objs, String kind) {
        return objs.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** Records every leaf path whose value differs, with indexes folded to [*] and both values as an example. */
    private static void diff(String kind, String path, Object direct, Object templated, Map<String, String> out) {
        if (direct instanceof Map<?, ?> d && templated instanceof Map<?, ?> t) {
            TreeSet<String> keys = new TreeSet<>();
            d.keySet().forEach(k -> keys.add(String.valueOf(k)));
            t.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                diff(kind, path + "." + k, d.get(k), t.get(k), out);
            }
        } else if (direct instanceof List<?> d && templated instanceof List<?> t && d.size() == t.size()) {
            for (int i = 0; i < d.size(); i++) {
                diff(kind, path + "[*]", d.get(i), t.get(i), out);
            }
        } else if (!String.valueOf(direct).equals(String.valueOf(templated))) {
            out.putIfAbsent(kind + " " + path, "direct=" + direct + " templated=" + templated);
        }
    }
}
