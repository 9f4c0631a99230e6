package io.ocatopic.ztp.internal.ztpfw;

import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.ChassisSpec.Mirror;
import io.ocatopic.ztp.ChassisSpec.Node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeployment;
import io.fabric8.openshift.api.model.installer.v1.InstallConfig;
import io.fabric8.openshift.api.model.miscellaneous.metal3.v1alpha1.BareMetalHost;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.render.AgentClusterInstall;
import io.ocatopic.ztp.internal.render.AgentConfig;
import io.ocatopic.ztp.internal.render.ChassisRenderer;
import io.ocatopic.ztp.ImportCredentials;
import io.ocatopic.ztp.internal.render.InfraEnv;
import io.ocatopic.ztp.internal.render.KlusterletAddonConfig;
import io.ocatopic.ztp.internal.render.NMStateConfig;
import io.ocatopic.ztp.internal.render.RenderedCluster;
import io.ocatopic.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZtpfwGoldenTest {
    private static final Path GOLDEN_ROOT = Path.of("src/test/resources/golden");

    static final String PULL = "{\"auths\":{\"registry.factory.local:5000\":{\"auth\":\"Z29sZGVuOmdvbGRlbg==\"}}}";

    static ChassisImport options() {
        return ChassisImport.ztpfw("factory.example.com", io.ocatopic.kube.Secret.of(PULL))
                .withSshKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGoldenKeyGoldenKeyGoldenKeyGoldenKey golden@factory")
                .withMirrors(List.of(
                        new Mirror("quay.io/openshift-release-dev/ocp-release",
                                List.of("registry.factory.local:5000/ocp/release"), Mirror.Policy.NEVER_CONTACT_SOURCE),
                        new Mirror("quay.io/openshift-release-dev/ocp-v4.0-art-dev",
                                List.of("registry.factory.local:5000/ocp/art-dev"), null)));
    }

    static ChassisSpec load() {
        return ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/two-clusters.yaml"), options());
    }

    @Test
    void importsEveryZtpfwField() {
        ChassisSpec spec = load();
        assertEquals("4.14.10", spec.release().version());
        assertEquals("4.14.10-x86_64", spec.release().tag());
        assertEquals(Optional.of("414.92.202401160634-0"), spec.release().rhcosRelease());
        assertEquals(Optional.of("2.9"), spec.release().acmVersion());
        assertEquals(Optional.of("4.14"), spec.release().odfVersion());
        assertEquals("openshift-v4.14.10", spec.release().clusterImageSet());
        assertEquals(Optional.of("registry.factory.local:5000"), spec.registry());

        Cluster e1 = spec.cluster("edge-1");
        assertEquals(Layout.STANDARD, e1.layout());
        assertTrue(e1.tpm());
        assertTrue(e1.fips());
        assertEquals(Map.of("gpu-operator.version", "23.9.1"), e1.contrib());
        assertEquals(Optional.of("192.168.7.243"), e1.network().apiVip());
        assertEquals(Optional.of("192.168.7.242"), e1.network().ingressVip());
        assertEquals("10.128.0.0/14", e1.network().clusterNetwork());
        assertEquals(23, e1.network().hostPrefix());
        assertEquals("172.30.0.0/16", e1.network().serviceNetwork());
        Node m0 = e1.nodes().get(0);
        assertEquals("master0", m0.name());
        assertEquals(List.of("eno1", "eno2"), m0.ignoredInterfaces());
        assertEquals("eno4", m0.externalNic().name());
        assertEquals("aa:bb:cc:01:00:10", m0.externalNic().mac());
        assertEquals("eno5", m0.internalNic().orElseThrow().name());
        assertEquals("aa:bb:cc:01:01:10", m0.internalNic().orElseThrow().mac());
        assertEquals("192.168.7.10", m0.machineIp());
        assertEquals("/dev/sda", m0.rootDisk());
        assertEquals(List.of("/dev/sdb", "/dev/sdc"), m0.storageDisks());
        assertEquals("admin", m0.bmc().username());
        assertEquals("golden-bmc-pass", m0.bmc().password().reveal());
        assertEquals("192.168.7.13", e1.nodes().get(3).machineIp());
        assertEquals(1, e1.workers().size());

        Cluster e2 = spec.cluster("edge-2");
        assertEquals(Layout.SINGLE_NODE, e2.layout());
        assertFalse(e2.tpm());
        assertTrue(e2.network().apiVip().isEmpty());
        assertTrue(e2.nodes().get(0).internalNic().isEmpty());
        // single-node without an internal NIC: it holds its machine address 192.168.7.10 beside the DHCP lease
        // (as ZTPFW did), so that address, inside the machine network, is the rendezvous IP; the declared
        // reservation ip_ext_dhcp is informational
        assertEquals(java.util.Optional.of("10.19.2.30"), e2.nodes().get(0).externalIp());
        assertEquals("192.168.7.10", io.ocatopic.ztp.internal.render.AgentInstallRenderer.agentConfig(spec, e2).rendezvousIP());
        assertEquals("192.168.7.10", io.ocatopic.ztp.internal.render.AgentInstallRenderer.agentConfig(spec, e1).rendezvousIP());
        // secrets never show in toString
        assertFalse(spec.toString().contains("golden-bmc-pass"));
        assertFalse(e1.toString().contains("golden-bmc-pass"), e1.toString());
        assertFalse(e1.toString().contains("Z29sZGVu"));
    }

    @Test
    void rendersGoldenFilesThatParseBack(@TempDir Path out) throws Exception {
        ChassisSpec spec = load();
        Map<String, ImportCredentials> creds = Map.of(
                "edge-1", ImportCredentials.token("https://api.edge-1.factory.example.com:6443", io.ocatopic.kube.Secret.of("golden-token-1")),
                "edge-2", ImportCredentials.kubeconfig("https://api.edge-2.factory.example.com:6443",
                        io.ocatopic.kube.Secret.of("apiVersion: v1\nkind: Config\nclusters: []\n")));
        List<RenderedCluster> rendered = ChassisRenderer.render(spec, creds);
        List<Path> files = ChassisRenderer.write(rendered, out);
        // every output has a golden file, and no golden file is stale
        Set<String> written = files.stream().map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        for (Path f : files) {
            Golden.assertMatches(GOLDEN_ROOT.resolve(Path.of("ztpfw-two-clusters").resolve(f)), Files.readString(out.resolve(f)));
        }
        if (!Boolean.getBoolean(Golden.UPDATE_PROPERTY)) {
            Path g = GOLDEN_ROOT.resolve("ztpfw-two-clusters");
            try (Stream<Path> s = Files.walk(g)) {
                Set<String> golden = s.filter(Files::isRegularFile).map(p -> g.relativize(p).toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(golden, written);
            }
        }
        // secrets files are owner-only
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(out.resolve("edge-1/hub-crs.yaml")));

        // parse back through fabric8 models
        for (RenderedCluster r : rendered) {
            Path dir = out.resolve(r.name());
            InstallConfig ic = KubeYaml.load(Files.readString(dir.resolve("install-config.yaml")), InstallConfig.class);
            assertEquals(r.name(), ic.getMetadata().getName());
            assertEquals(KubeYaml.dump(r.installConfig().orElseThrow()), KubeYaml.dump(ic));
            AgentConfig ac = KubeYaml.load(Files.readString(dir.resolve("agent-config.yaml")), AgentConfig.class);
            assertEquals(r.agentConfig().orElseThrow(), ac);
            assertEquals(Optional.empty(), r.agentInstallSkipped());
            List<HasMetadata> hub = parseAll(Files.readString(dir.resolve("hub-crs.yaml")));
            assertEquals(r.hubObjects().size(), hub.size());
            for (int i = 0; i < hub.size(); i++) {
                assertEquals(r.hubObjects().get(i).getClass(), hub.get(i).getClass());
                assertEquals(KubeYaml.dump(r.hubObjects().get(i)), KubeYaml.dump(hub.get(i)));
            }
            List<HasMetadata> imp = parseAll(Files.readString(dir.resolve("acm-import.yaml")));
            assertEquals(List.of(Namespace.class, ManagedCluster.class, KlusterletAddonConfig.class, Secret.class),
                    imp.stream().map(Object::getClass).toList());
            ManagedCluster mc = (ManagedCluster) imp.get(1);
            assertTrue(mc.getSpec().hubAcceptsClient());
            assertEquals("true", mc.getMetadata().getLabels().get("ztpfw"));
            Secret ais = (Secret) imp.get(3);
            assertEquals("auto-import-secret", ais.getMetadata().getName());
            assertEquals("5", ais.getStringData().get("autoImportRetry"));
            ImageDigestMirrorSet idms = KubeYaml.load(Files.readString(dir.resolve("mirrors.yaml")),
                    ImageDigestMirrorSet.class);
            assertEquals("NeverContactSource", idms.getSpec().getImageDigestMirrors().get(0).getMirrorSourcePolicy());
        }
        InstallConfig ic1 = rendered.get(0).installConfig().orElseThrow();
        assertEquals(2, ic1.getImageDigestSources().size());
        assertEquals(List.of("192.168.7.243"), ic1.getPlatform().getBaremetal().getApiVIPs());
        assertTrue(rendered.get(1).installConfig().orElseThrow().getPlatform().getNone() != null);
        assertEquals("192.168.7.10", rendered.get(0).agentConfig().orElseThrow().rendezvousIP());
        assertEquals("192.168.7.10", rendered.get(1).agentConfig().orElseThrow().rendezvousIP());
    }

    @Test
    void nativeFormatRoundTrips(@TempDir Path dir) throws Exception {
        ChassisSpec spec = load();
        assertEquals(spec, ChassisSpec.parse(spec.toYaml()));
        assertEquals(spec, ChassisSpec.parse(spec.toJson()));
        Path f = dir.resolve("chassis.yaml");
        spec.save(f);
        assertEquals(spec, ChassisSpec.load(f));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(f));
        Golden.assertMatches(GOLDEN_ROOT.resolve(Path.of("ztpfw-two-clusters-native.yaml")), spec.toYaml());
    }

    static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            String kind = doc.lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow()
                    .substring(5).trim().replace("\"", "");
            Class<? extends HasMetadata> type = switch (kind) {
                case "Namespace" -> Namespace.class;
                case "Secret" -> Secret.class;
                case "AgentClusterInstall" -> AgentClusterInstall.class;
                case "ClusterDeployment" -> ClusterDeployment.class;
                case "InfraEnv" -> InfraEnv.class;
                case "NMStateConfig" -> NMStateConfig.class;
                case "BareMetalHost" -> BareMetalHost.class;
                case "ManagedCluster" -> ManagedCluster.class;
                case "KlusterletAddonConfig" -> KlusterletAddonConfig.class;
                default -> throw new AssertionError("unexpected kind " + kind);
            };
            out.add(KubeYaml.load(doc, type));
        }
        return out;
    }
}
