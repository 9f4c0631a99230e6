package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.internal.ZtpSecrets;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeployment;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeploymentBuilder;
import io.fabric8.openshift.api.model.hive.v1.ClusterImageSet;
import io.fabric8.openshift.api.model.hive.v1.ClusterImageSetBuilder;
import io.fabric8.openshift.api.model.miscellaneous.metal3.v1alpha1.BareMetalHost;
import io.fabric8.openshift.api.model.miscellaneous.metal3.v1alpha1.BareMetalHostBuilder;
import io.ocatopic.ztp.ChassisSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the hub-driven install of one cluster (assisted installer on an ACM/MCE hub): Namespace, pull
 * Secret, AgentClusterInstall, ClusterDeployment, InfraEnv, one NMStateConfig, BMC Secret and
 * BareMetalHost per node, then ManagedCluster and KlusterletAddonConfig. Mirrors ZTPFW's object
 * templates ({@code ztp/internal/cmd/cluster/templates/objects}). Pure, apart from resolving secrets
 * given by local reference; secrets given as {@code secret} references are referenced, not copied.
 *
 * <pre>{@code
 * List<HasMetadata> crs = HubCrRenderer.render(spec, spec.cluster("edge-1"));
 * applier.applyAll(crs);
 * }</pre>
 */
public final class HubCrRenderer {
    /** Label selecting a cluster's NMStateConfigs (ZTPFW). */
    public static final String NMSTATE_LABEL = "nmstate_config_cluster_name";

    private HubCrRenderer() {
    }

    /**
     * The ClusterImageSet for the chassis release (hub configuration).
     *
     * @param spec the chassis
     * @return the image set, named after {@code release.clusterImageSet}
     */
    public static ClusterImageSet clusterImageSet(ChassisSpec spec) {
        return new ClusterImageSetBuilder().withNewMetadata().withName(spec.release().clusterImageSet())
                .endMetadata().withNewSpec().withReleaseImage(spec.release().releaseImage()).endSpec().build();
    }

    /**
     * The pull secret's name in the cluster namespace.
     *
     * @param spec    the chassis
     * @param cluster the cluster
     * @return {@code <cluster>-pull-secret}, or the referenced Secret's name
     */
    public static String pullSecretName(ChassisSpec spec, Cluster cluster) {
        return spec.pullSecret().kind() == Secret.Kind.SECRET_REF
                ? spec.pullSecret().reference().orElseThrow().split("/")[0]
                : cluster.name() + "-pull-secret";
    }

    /**
     * The hub-driven CR set of one cluster, in apply order.
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
            out.add(new SecretBuilder().withMetadata(meta(pullSecretName(spec, cluster), c))
                    .withType("kubernetes.io/dockerconfigjson")
                    .withStringData(Map.of(".dockerconfigjson", ZtpSecrets.reveal(spec.pullSecret()))).build());
        }
        out.add(agentClusterInstall(spec, cluster));
        out.add(clusterDeployment(spec, cluster));
        out.add(infraEnv(spec, cluster));
        for (Node n : cluster.nodes()) {
            NMStateConfig nm = new NMStateConfig();
            ObjectMeta m = meta(c + "-" + n.name(), c);
            m.setLabels(Map.of(NMSTATE_LABEL, c));
            nm.setMetadata(m);
            nm.setSpec(new NMStateConfig.Spec(NmStateRenderer.render(cluster, n), NmStateRenderer.interfaces(n)));
            out.add(nm);
        }
        for (Node n : cluster.nodes()) {
            String credentials = bmcSecretName(cluster, n);
            if (n.bmc().password().kind() != Secret.Kind.SECRET_REF) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("username", n.bmc().username());
                data.put("password", ZtpSecrets.reveal(n.bmc().password()));
                out.add(new SecretBuilder().withMetadata(meta(credentials, c)).withType("Opaque")
                        .withStringData(data).build());
            }
            out.add(bareMetalHost(cluster, n, credentials));
        }
        out.add(AcmImportRenderer.managedCluster(c, cluster.labels(), null));
        out.add(KlusterletAddonConfig.allEnabled(c));
        return out;
    }

    /**
     * The BMC Secret's name for a node.
     *
     * @param cluster the cluster
     * @param node    the node
     * @return {@code <cluster>-<node>-bmc}, or the referenced Secret's name
     */
    public static String bmcSecretName(Cluster cluster, Node node) {
        return node.bmc().password().kind() == Secret.Kind.SECRET_REF
                ? node.bmc().password().reference().orElseThrow().split("/")[0]
                : cluster.name() + "-" + node.name() + "-bmc";
    }

    private static ObjectMeta meta(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).build();
    }

    private static AgentClusterInstall agentClusterInstall(ChassisSpec spec, Cluster cluster) {
        AgentClusterInstall aci = new AgentClusterInstall();
        ObjectMeta m = meta(cluster.name(), cluster.name());
        if (cluster.fips()) {
            m.setAnnotations(Map.of("agent-install.openshift.io/install-config-overrides", "{\"fips\":true}"));
        }
        aci.setMetadata(m);
        Map<String, Object> networking = new LinkedHashMap<>();
        networking.put("networkType", "OVNKubernetes");
        List<Object> clusterNetworks = new java.util.ArrayList<>(); // one per IP family, primary first
        for (Map.Entry<String, Integer> e : io.ocatopic.ztp.internal.Stacks.clusterNetworks(cluster.network())) {
            Map<String, Object> clusterNetwork = new LinkedHashMap<>(); // ordered: rendering is deterministic
            clusterNetwork.put("cidr", e.getKey());
            clusterNetwork.put("hostPrefix", e.getValue());
            clusterNetworks.add(clusterNetwork);
        }
        networking.put("clusterNetwork", clusterNetworks);
        networking.put("serviceNetwork", io.ocatopic.ztp.internal.Stacks.serviceNetworks(cluster.network()));
        networking.put("machineNetwork", io.ocatopic.ztp.internal.Stacks.machineNetworks(cluster.network()).stream()
                .map(x -> (Object) Map.of("cidr", x)).toList());
        Map<String, Integer> req = new LinkedHashMap<>();
        req.put("controlPlaneAgents", cluster.controlPlane().size());
        req.put("workerAgents", cluster.workers().size());
        boolean sno = cluster.layout() == Layout.SINGLE_NODE;
        aci.setSpec(new AgentClusterInstall.Spec(Map.of("name", cluster.name()),
                Map.of("name", spec.release().clusterImageSet()), networking, req,
                sno ? null : io.ocatopic.ztp.internal.Stacks.apiVips(cluster.network()),
                sno ? null : io.ocatopic.ztp.internal.Stacks.ingressVips(cluster.network()),
                spec.sshKey().orElse(null),
                cluster.tpm() ? orderedStrings("mode", "tpmv2", "enableOn", "all") : null,
                sno ? "None" : "BareMetal"));
        return aci;
    }

    private static Map<String, String> orderedStrings(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static ClusterDeployment clusterDeployment(ChassisSpec spec, Cluster cluster) {
        String c = cluster.name();
        return new ClusterDeploymentBuilder().withMetadata(meta(c, c)).withNewSpec()
                .withBaseDomain(cluster.baseDomain()).withClusterName(c)
                .withNewClusterInstallRef().withGroup("extensions.hive.openshift.io").withKind("AgentClusterInstall")
                .withName(c).withVersion("v1beta1").endClusterInstallRef()
                .withNewPlatform().withNewAgentBareMetal()
                .withAgentSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("cluster-name", c)).build())
                .endAgentBareMetal().endPlatform()
                .withPullSecretRef(new LocalObjectReference(pullSecretName(spec, cluster)))
                .endSpec().build();
    }

    private static InfraEnv infraEnv(ChassisSpec spec, Cluster cluster) {
        String c = cluster.name();
        InfraEnv env = new InfraEnv();
        ObjectMeta m = meta(c, c);
        env.setMetadata(m);
        env.setSpec(new InfraEnv.Spec(orderedStrings("name", c, "namespace", c),
                Map.of("name", pullSecretName(spec, cluster)), spec.sshKey().orElse(null),
                new LabelSelectorBuilder().withMatchLabels(Map.of(NMSTATE_LABEL, c)).build(), "x86_64"));
        return env;
    }

    private static BareMetalHost bareMetalHost(Cluster cluster, Node n, String credentials) {
        String c = cluster.name();
        ObjectMeta m = meta(c + "-" + n.name(), c);
        m.setLabels(Map.of("infraenvs.agent-install.openshift.io", c));
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("inspect.metal3.io", "disabled");
        ann.put("bmac.agent-install.openshift.io/hostname", n.name());
        ann.put("bmac.agent-install.openshift.io/role", n.role() == NodeRole.WORKER ? "worker" : "master");
        m.setAnnotations(ann);
        // online: true so the host boots the discovery ISO (ZTPFW created hosts off, then powered them on)
        return new BareMetalHostBuilder().withMetadata(m).withNewSpec().withOnline(true)
                .withBootMACAddress(n.externalNic().mac()).withBootMode("UEFI")
                .withAutomatedCleaningMode("disabled")
                .withNewRootDeviceHints().withDeviceName(n.rootDisk()).endRootDeviceHints()
                .withNewBmc().withAddress(n.bmc().url()).withCredentialsName(credentials)
                .withDisableCertificateVerification(true).endBmc()
                .endSpec().build();
    }
}
