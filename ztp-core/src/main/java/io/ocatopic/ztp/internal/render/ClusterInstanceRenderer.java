package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.internal.ZtpSecrets;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.ChassisSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders the hub-driven install of one cluster as ACM's SiteConfig operator takes it: one
 * {@code ClusterInstance} ({@code siteconfig.open-cluster-management.io/v1alpha1}) per cluster, with the
 * Namespace, the pull and BMC Secrets it references and, when the cluster needs any, the extra-manifests
 * ConfigMap ({@code <cluster>-extra-manifests}: the ImageDigestMirrorSet of the chassis mirrors, and the
 * TPMv2 root-disk MachineConfigs, which the operator's default templates do not render from
 * {@code spec.diskEncryption}). The operator renders AgentClusterInstall, ClusterDeployment, InfraEnv,
 * NMStateConfig, BareMetalHost, ManagedCluster and KlusterletAddonConfig from the default templates
 * ({@value #CLUSTER_TEMPLATES} and {@value #NODE_TEMPLATES}, stolostron/siteconfig
 * {@code internal/templates/assisted-installer/template.go}; data model in
 * {@code internal/controller/clusterinstance/helper.go}, {@code buildClusterData}). Pure, apart from
 * resolving secrets given by local reference; secrets given as {@code secret} references are referenced.
 *
 * <p>Versus {@link HubCrRenderer} (the hand-built assisted set, still available): the operator renders
 * one InfraEnv per node, labels the ManagedCluster through {@code extraLabels}, enables only the policy
 * add-on in its KlusterletAddonConfig template, and sends the network type and FIPS through the
 * {@code install-config-overrides} annotation. ztp-core's {@code ClusterInstanceEquivalenceTest} lists each
 * such difference with its reason.
 *
 * <pre>{@code
 * List<HasMetadata> objs = ClusterInstanceRenderer.render(spec, spec.cluster("edge-1"));
 * Applier.auto(hubClient).serverDryRun().applyAll(objs);   // dry run first: the hub checks, stores nothing
 * Applier.auto(hubClient).applyAll(objs);
 * }</pre>
 */
public final class ClusterInstanceRenderer {
    /** API version of ClusterInstance. */
    public static final String API_VERSION = "siteconfig.open-cluster-management.io/v1alpha1";
    /** The operator's default cluster-level templates (ConfigMap name). */
    public static final String CLUSTER_TEMPLATES = "ai-cluster-templates-v1";
    /** The operator's default node-level templates (ConfigMap name). */
    public static final String NODE_TEMPLATES = "ai-node-templates-v1";
    /** Where ACM installs the operator and its default template ConfigMaps. */
    public static final String TEMPLATES_NAMESPACE = "open-cluster-management";

    private ClusterInstanceRenderer() {
    }

    /**
     * The objects to apply on the hub, in order: Namespace, pull Secret (unless referenced), BMC Secrets
     * (unless referenced), the extra-manifests ConfigMap (when needed), the ClusterInstance.
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return the objects
     */
    public static List<HasMetadata> render(ChassisSpec spec, Cluster cluster) {
        String c = cluster.name();
        List<HasMetadata> out = new ArrayList<>();
        out.add(AcmImportRenderer.namespace(c));
        if (spec.pullSecret().kind() != Secret.Kind.SECRET_REF) {
            out.add(new SecretBuilder().withNewMetadata().withName(HubCrRenderer.pullSecretName(spec, cluster))
                    .withNamespace(c).endMetadata().withType("kubernetes.io/dockerconfigjson")
                    .withStringData(Map.of(".dockerconfigjson", ZtpSecrets.reveal(spec.pullSecret()))).build());
        }
        for (Node n : cluster.nodes()) {
            if (n.bmc().password().kind() != Secret.Kind.SECRET_REF) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("username", n.bmc().username());
                data.put("password", ZtpSecrets.reveal(n.bmc().password()));
                out.add(new SecretBuilder().withNewMetadata().withName(HubCrRenderer.bmcSecretName(cluster, n))
                        .withNamespace(c).endMetadata().withType("Opaque").withStringData(data).build());
            }
        }
        extraManifests(spec, cluster).ifPresent(out::add);
        out.add(clusterInstance(spec, cluster));
        return out;
    }

    /**
     * The name of a cluster's extra-manifests ConfigMap.
     *
     * @param cluster the cluster
     * @return {@code <cluster>-extra-manifests}
     */
    public static String extraManifestsName(Cluster cluster) {
        return cluster.name() + "-extra-manifests";
    }

    /**
     * The extra manifests the installed cluster needs from day one: the chassis mirrors
     * ({@code mirrors.yaml}, an ImageDigestMirrorSet) and, for TPM clusters, one MachineConfig per pool
     * encrypting the root disk with a TPMv2-bound LUKS key (the Ignition that Butane's
     * {@code boot_device.luks.tpm2: true} yields, as in OpenShift's "Configuring disk encryption").
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return the ConfigMap, empty when the cluster needs none
     */
    public static Optional<ConfigMap> extraManifests(ChassisSpec spec, Cluster cluster) {
        Map<String, String> data = new TreeMap<>();
        MirrorRenderer.mirrorSet(spec).ifPresent(m -> data.put("mirrors.yaml", KubeYaml.dump(m)));
        if (cluster.tpm()) {
            data.put("99-master-tpm-disk-encryption.yaml", KubeYaml.dump(tpmMachineConfig("master")));
            if (!cluster.workers().isEmpty()) {
                data.put("99-worker-tpm-disk-encryption.yaml", KubeYaml.dump(tpmMachineConfig("worker")));
            }
        }
        if (data.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigMapBuilder().withNewMetadata().withName(extraManifestsName(cluster))
                .withNamespace(cluster.name()).endMetadata().withData(data).build());
    }

    static Map<String, Object> tpmMachineConfig(String pool) {
        Map<String, Object> luks = new LinkedHashMap<>();
        luks.put("name", "root");
        luks.put("device", "/dev/disk/by-partlabel/root");
        luks.put("clevis", Map.of("tpm2", true));
        luks.put("options", List.of("--cipher", "aes-cbc-essiv:sha256"));
        luks.put("wipeVolume", true);
        Map<String, Object> fs = new LinkedHashMap<>();
        fs.put("device", "/dev/mapper/root");
        fs.put("format", "xfs");
        fs.put("label", "root");
        fs.put("wipeFilesystem", true);
        Map<String, Object> ignition = new LinkedHashMap<>();
        ignition.put("ignition", Map.of("version", "3.2.0"));
        ignition.put("storage", ordered("luks", List.of(luks), "filesystems", List.of(fs)));
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("apiVersion", "machineconfiguration.openshift.io/v1");
        mc.put("kind", "MachineConfig");
        mc.put("metadata", ordered("name", "99-" + pool + "-tpm-disk-encryption",
                "labels", Map.of("machineconfiguration.openshift.io/role", pool)));
        mc.put("spec", ordered("config", ignition));
        return mc;
    }

    /**
     * The ClusterInstance alone.
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return the object, namespace and name = the cluster name
     */
    public static GenericKubernetesResource clusterInstance(ChassisSpec spec, Cluster cluster) {
        return clusterInstance(spec, cluster, TEMPLATES_NAMESPACE);
    }

    /**
     * The ClusterInstance alone, with the template ConfigMaps in a given namespace.
     *
     * @param spec               the chassis
     * @param cluster            the cluster
     * @param templatesNamespace where the operator's default template ConfigMaps are
     * @return the object
     */
    public static GenericKubernetesResource clusterInstance(ChassisSpec spec, Cluster cluster,
                                                            String templatesNamespace) {
        String c = cluster.name();
        boolean sno = cluster.layout() == Layout.SINGLE_NODE;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("clusterName", c);
        s.put("baseDomain", cluster.baseDomain());
        s.put("clusterImageSetNameRef", spec.release().clusterImageSet());
        s.put("pullSecretRef", Map.of("name", HubCrRenderer.pullSecretName(spec, cluster)));
        spec.sshKey().ifPresent(k -> s.put("sshPublicKey", k));
        s.put("clusterType", sno ? "SNO" : "HighlyAvailable");
        s.put("platformType", sno ? "None" : "BareMetal");
        s.put("networkType", "OVNKubernetes");
        s.put("cpuArchitecture", "x86_64");
        s.put("holdInstallation", false);
        if (!sno) {
            s.put("apiVIPs", io.ocatopic.ztp.internal.Stacks.apiVips(cluster.network()));
            s.put("ingressVIPs", io.ocatopic.ztp.internal.Stacks.ingressVips(cluster.network()));
        }
        // one entry per IP family, primary first (dual-stack: two)
        List<Object> clusterNetworks = new ArrayList<>();
        io.ocatopic.ztp.internal.Stacks.clusterNetworks(cluster.network())
                .forEach(e -> clusterNetworks.add(ordered("cidr", e.getKey(), "hostPrefix", e.getValue())));
        s.put("clusterNetwork", clusterNetworks);
        s.put("machineNetwork", io.ocatopic.ztp.internal.Stacks.machineNetworks(cluster.network()).stream()
                .map(x -> (Object) Map.of("cidr", x)).toList());
        s.put("serviceNetwork", io.ocatopic.ztp.internal.Stacks.serviceNetworks(cluster.network()).stream()
                .map(x -> (Object) Map.of("cidr", x)).toList());
        if (cluster.fips()) {
            s.put("installConfigOverrides", "{\"fips\":true}");
        }
        Map<String, String> mcLabels = new TreeMap<>();
        mcLabels.put("name", c);
        mcLabels.put(AcmImportRenderer.ZTP_LABEL, "true");
        mcLabels.putAll(cluster.labels());
        s.put("extraLabels", Map.of("ManagedCluster", mcLabels));
        if (extraManifests(spec, cluster).isPresent()) {
            s.put("extraManifestsRefs", List.of(Map.of("name", extraManifestsName(cluster))));
        }
        s.put("templateRefs", List.of(ordered("name", CLUSTER_TEMPLATES, "namespace", templatesNamespace)));
        List<Object> nodes = new ArrayList<>();
        for (Node n : cluster.nodes()) {
            nodes.add(node(cluster, n, templatesNamespace));
        }
        s.put("nodes", nodes);
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("ClusterInstance")
                .withNewMetadata().withName(c).withNamespace(c).endMetadata()
                .withAdditionalProperties(Map.of("spec", s)).build();
    }

    private static Map<String, Object> node(Cluster cluster, Node n, String templatesNamespace) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostName", n.name());
        m.put("role", n.role() == NodeRole.WORKER ? "worker" : "master");
        m.put("bmcAddress", n.bmc().url());
        m.put("bmcCredentialsName", Map.of("name", HubCrRenderer.bmcSecretName(cluster, n)));
        m.put("bootMACAddress", n.externalNic().mac());
        m.put("bootMode", "UEFI");
        m.put("automatedCleaningMode", "disabled");
        m.put("ironicInspect", "disabled");
        m.put("rootDeviceHints", Map.of("deviceName", n.rootDisk()));
        List<Object> ifaces = new ArrayList<>();
        for (NMStateConfig.Interface i : NmStateRenderer.interfaces(n)) {
            ifaces.add(ordered("name", i.name(), "macAddress", i.macAddress()));
        }
        m.put("nodeNetwork", ordered("interfaces", ifaces, "config", NmStateRenderer.render(cluster, n)));
        m.put("templateRefs", List.of(ordered("name", NODE_TEMPLATES, "namespace", templatesNamespace)));
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
