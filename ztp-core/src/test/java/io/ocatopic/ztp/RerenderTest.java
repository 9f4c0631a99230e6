package io.ocatopic.ztp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a render into a directory holding a previous render left the old spec's files behind (a cluster
 * removed from the spec kept its folder, and {@code ocatopic lint out/} or a GitOps sync still saw it).
 */
class RerenderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> MANIFESTS = Set.of(".ocatopic-render-ztp-agent", ".ocatopic-render-ztp-assisted",
            ".ocatopic-render-ztp-clusterinstance");

    static ChassisSpec twoClusters() {
        return ChassisSpec.parse(ChassisValidationTest.baseJson());
    }

    static ChassisSpec oneCluster() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(ChassisValidationTest.baseJson());
        ((ArrayNode) json.get("clusters")).remove(1);
        return ChassisSpec.parse(JSON.writeValueAsString(json));
    }

    @Test
    void aRerenderWithAClusterRemovedLeavesOnlyTheNewFilesAndTheUsersOwn(@TempDir Path out) throws Exception {
        List<Path> first = twoClusters().render().write(out);
        assertTrue(first.contains(Path.of("edge-2/cluster-instance.yaml")), first.toString());
        assertFalse(first.contains(Path.of("edge-2/hub-crs.yaml")), "the hand-built set only when named: " + first);
        Files.writeString(out.resolve("README.md"), "my notes\n");
        Files.writeString(out.resolve("edge-1/kustomization.yaml"), "resources: []\n");

        List<Path> second = oneCluster().render().write(out);
        Set<String> expected = new TreeSet<>(MANIFESTS);
        expected.remove(".ocatopic-render-ztp-assisted");   // the default render writes no hand-built set
        second.forEach(p -> expected.add(p.toString()));
        expected.add("README.md");
        expected.add("edge-1/kustomization.yaml");
        assertEquals(expected, tree(out));
        assertFalse(Files.exists(out.resolve("edge-2")), "the removed cluster's folder is gone");
        assertEquals("my notes\n", Files.readString(out.resolve("README.md")));
        assertTrue(second.stream().noneMatch(p -> p.startsWith("edge-2")), second.toString());
    }

    @Test
    void aRerenderOfOneFormatReplacesThatFormatOnly(@TempDir Path out) throws Exception {
        twoClusters().render().write(out, ChassisRender.Format.CLUSTER_INSTANCE, ChassisRender.Format.AGENT,
                ChassisRender.Format.ASSISTED);
        assertTrue(Files.exists(out.resolve("edge-2/install-config.yaml")));
        oneCluster().render().write(out, ChassisRender.Format.AGENT);
        assertFalse(Files.exists(out.resolve("edge-2/install-config.yaml")), "the agent render was replaced");
        assertFalse(Files.exists(out.resolve("edge-2/agent-config.yaml")));
        // the assisted and ClusterInstance renders were not re-rendered, so they stay as they were
        assertTrue(Files.exists(out.resolve("edge-2/hub-crs.yaml")));
        assertTrue(Files.exists(out.resolve("edge-2/cluster-instance.yaml")));
        oneCluster().render().write(out, ChassisRender.Format.CLUSTER_INSTANCE, ChassisRender.Format.AGENT,
                ChassisRender.Format.ASSISTED);
        assertFalse(Files.exists(out.resolve("edge-2")));
    }

    static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
