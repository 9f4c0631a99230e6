package io.ocatopic.testing;

import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
    private EmbeddedApi api;

    @BeforeEach
    void start() {
        api = EmbeddedApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static ConfigMap cm(String value) {
        return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("ns").endMetadata()
                .addToData("k", value).build();
    }

    @Test
    void createOrUpdateCreatesThenUpdates() {
        Applier applier = api.applier();
        applier.apply(cm("1"));
        applier.apply(cm("2"));
        ConfigMap read = api.client().configMaps().inNamespace("ns").withName("c").get();
        assertEquals("2", read.getData().get("k"));
        assertEquals(1, api.client().configMaps().inNamespace("ns").list().getItems().size());
    }

    @Test
    void autoFallsBackFrom415ToCreateOrUpdate() {
        Applier applier = Applier.auto(api.client());
        assertEquals(Applier.Mode.AUTO, applier.effectiveMode());
        applier.apply(cm("1")); // missing object: the mock answers 404, retried as create
        applier.apply(cm("3")); // existing object: the mock answers 415, the applier falls back for good
        assertEquals(Applier.Mode.CREATE_OR_UPDATE, applier.effectiveMode());
        assertEquals("3", api.client().configMaps().inNamespace("ns").withName("c").get().getData().get("k"));
    }

    @Test
    void serverSideModeSurfacesTheServersRefusal() {
        Applier applier = Applier.of(api.client(), Applier.Mode.SERVER_SIDE);
        KubeException e = assertThrows(KubeException.class, () -> applier.apply(cm("1")));
        assertTrue(e.httpCode() == 415 || e.httpCode() == 404, "mock answers SSA with 415/404: " + e.httpCode());
        assertTrue(e.getMessage().contains("ConfigMap/ns/c"), e.getMessage());
    }

    @Test
    void typedCustomResourceRoundTripsAndDeletes() {
        Applier applier = api.applier();
        ManagedCluster mc = ManagedCluster.accepted("edge-1", Map.of("site", "a"));
        applier.apply(mc);
        ManagedCluster read = api.client().resources(ManagedCluster.class).withName("edge-1").get();
        assertTrue(read.getSpec().hubAcceptsClient());
        assertEquals("a", read.getMetadata().getLabels().get("site"));
        assertTrue(applier.delete(mc));
        assertNull(api.client().resources(ManagedCluster.class).withName("edge-1").get());
        assertFalse(applier.delete(mc));
    }

    @Test
    void yamlRoundTripAndAtomicWrite(@TempDir Path dir) throws Exception {
        ManagedCluster mc = ManagedCluster.accepted("edge-2", Map.of());
        mc.setSpec(new ManagedClusterSpec(true, 60,
                java.util.List.of(new ManagedClusterSpec.ClientConfig("https://api.edge-2:6443", null))));
        String yaml = KubeYaml.dump(mc);
        assertTrue(yaml.contains("cluster.open-cluster-management.io/v1"), yaml);
        ManagedCluster back = KubeYaml.load(yaml, ManagedCluster.class);
        assertEquals(mc.getSpec(), back.getSpec());
        Path f = dir.resolve("sub/mc.yaml");
        AtomicFiles.write(f, yaml);
        assertEquals(yaml, Files.readString(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        KubeException bad = assertThrows(KubeException.class,
                () -> KubeYaml.load("spec:\n  token: s3cr3t-t0ken: [", ManagedCluster.class));
        assertEquals(KubeException.Reason.MALFORMED, bad.reason());
        assertTrue(bad.getMessage().startsWith("cannot parse ManagedCluster"), bad.getMessage());
        for (Throwable t = bad; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("s3cr3t"), "input text leaked: " + t.getMessage());
        }
    }
}
