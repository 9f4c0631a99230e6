package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.testing.EmbeddedApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic apply -f ... --dry-run=server} against the schema-checking embedded API. */
class ApplyCommandTest {
    private static final String CLUSTER = """
            apiVersion: cluster.open-cluster-management.io/v1
            kind: ManagedCluster
            metadata:
              name: %s
            spec:
              hubAcceptsClient: true
              taints:
              - key: maintenance
                effect: %s
            """;

    private static Path kubeconfig(Path dir, EmbeddedApi api) throws Exception {
        Path k = dir.resolve("kubeconfig");
        Files.writeString(k, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: embedded
                  cluster:
                    server: %s
                contexts:
                - name: embedded
                  context:
                    cluster: embedded
                    user: nobody
                current-context: embedded
                users:
                - name: nobody
                  user: {}
                """.formatted(api.url()));
        return k;
    }

    @Test
    void serverDryRunReportsRefusalsAndStoresNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            Path k = kubeconfig(dir, api);
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, CLUSTER.formatted("edge-1", "NoSchedule"));
            String[] r = CliRun.run("apply", "-f", bad.toString(), "--dry-run=server", "--kubeconfig", k.toString(),
                    "--context", "embedded");
            assertEquals("1", r[0], r[1]);
            assertTrue(r[1].contains("HTTP 422") && r[1].contains("spec.taints[0].effect"), r[1]);

            Path good = dir.resolve("good.yaml");
            Files.writeString(good, CLUSTER.formatted("edge-2", "NoSelect"));
            r = CliRun.run("apply", "-f", good.toString(), "--dry-run=server", "--kubeconfig", k.toString());
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("ManagedCluster/edge-2 accepted (server dry run)"), r[1]);
            assertNull(api.client().genericKubernetesResources("cluster.open-cluster-management.io/v1", "ManagedCluster")
                    .withName("edge-2").get());

            r = CliRun.run("apply", "-f", good.toString(), "--kubeconfig", k.toString());
            assertEquals("0", r[0], r[1]);
            assertNotNull(api.client().genericKubernetesResources("cluster.open-cluster-management.io/v1", "ManagedCluster")
                    .withName("edge-2").get());
        }
    }

    @Test
    void badInputExits2(@TempDir Path dir) throws Exception {
        assertEquals("2", CliRun.run("apply", "-f", dir.resolve("none.yaml").toString())[0]);
        assertEquals("2", CliRun.run("apply", "-f", dir.toString(), "--dry-run=client")[0]);
        Path notK8s = dir.resolve("x.yaml");
        Files.writeString(notK8s, "interfaces: []\n");
        assertEquals("2", CliRun.run("apply", "-f", notK8s.toString(), "--kubeconfig", dir.resolve("none").toString())[0]);
    }
}
