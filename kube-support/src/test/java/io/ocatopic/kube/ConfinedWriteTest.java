package io.ocatopic.kube;

import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.KubeYaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 case 1: a name derived from input ("x/../../../../escaped/PWNED") wrote outside the output directory. */
class ConfinedWriteTest {
    @Test
    void aNameEscapingTheDirectoryIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("infra/ok.yaml", "a: 1\n");
        files.put("x/../../../../escaped/PWNED.yaml", "b: 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(out, files));
        assertTrue(e.getMessage().contains("escapes the output directory"), e.getMessage());
        assertFalse(Files.exists(out.resolve("infra/ok.yaml")), "nothing is written when one name escapes");
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(out, Map.of("/etc/x.yaml", "")));
        assertEquals(1, AtomicFiles.writeAllUnder(out, Map.of("infra/ok.yaml", "a: 1\n")).size());
        assertEquals("a: 1\n", Files.readString(out.resolve("infra/ok.yaml")));
    }

    /** Issue 16: every form of escape is refused, by both writers, before anything is written. */
    @Test
    void everyEscapingNameIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        for (String bad : List.of("../x.yaml", "..", "x/../../y.yaml", "/etc/x.yaml", "a/../..", "", ".", "x/..")) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("first.yaml", "a: 1\n");
            files.put(bad, "b: 2\n");
            assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(out, files), bad);
            assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceRenderUnder(out, "test", files), bad);
            assertFalse(Files.exists(out.resolve("first.yaml")), "nothing written for " + bad);
        }
        assertFalse(Files.exists(tmp.resolve("x.yaml")));
        assertFalse(Files.exists(tmp.resolve("y.yaml")));
        // a name that climbs and comes back stays inside, and is fine
        assertEquals(List.of(out.resolve("b/c.yaml")), AtomicFiles.writeAllUnder(out, Map.of("a/../b/c.yaml", "c: 3\n")));
    }

    /**
     * Issue 16: a render into a directory holding a previous render left the old spec's files (a cluster
     * removed from the spec kept its folder). Now the second render replaces the first as a whole: only its
     * files remain, and a file the user put there by hand survives.
     */
    @Test
    void aRerenderRemovesTheStaleFilesOfThePreviousRenderOnly(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("cluster-image-set.yaml", "a\n");
        a.put("edge-1/hub-crs.yaml", "a1\n");
        a.put("edge-1/nmstate/master0.yaml", "a1m0\n");
        a.put("edge-2/hub-crs.yaml", "a2\n");
        a.put("edge-2/nmstate/master0.yaml", "a2m0\n");
        AtomicFiles.replaceRenderUnder(out, "test", a);
        Files.writeString(out.resolve("README.md"), "mine\n");            // the user's, beside the render
        Files.writeString(out.resolve("edge-1/notes.txt"), "mine too\n");  // and inside a rendered folder
        Map<String, String> b = new LinkedHashMap<>();
        b.put("cluster-image-set.yaml", "b\n");
        b.put("edge-1/hub-crs.yaml", "b1\n");
        List<Path> written = AtomicFiles.replaceRenderUnder(out, "test", b);
        assertEquals(List.of(out.resolve("cluster-image-set.yaml"), out.resolve("edge-1/hub-crs.yaml")), written);
        assertEquals(Set.of("cluster-image-set.yaml", "edge-1/hub-crs.yaml", "edge-1/notes.txt", "README.md",
                ".ocatopic-render-test"), tree(out));
        assertEquals("b1\n", Files.readString(out.resolve("edge-1/hub-crs.yaml")));
        assertFalse(Files.exists(out.resolve("edge-2")), "the removed cluster's folder is gone");
        assertFalse(Files.exists(out.resolve("edge-1/nmstate")), "an emptied folder is gone");
        assertEquals(List.of("cluster-image-set.yaml", "edge-1/hub-crs.yaml"),
                Files.readAllLines(out.resolve(".ocatopic-render-test")).stream().filter(l -> !l.startsWith("#")).toList());
    }

    /** Issue 16: renders of other kinds in the same directory, and a tampered manifest, are left alone. */
    @Test
    void aRerenderTouchesNothingItDidNotWrite(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), "keep\n");
        AtomicFiles.replaceRenderUnder(out, "dpu", Map.of("infra/a.yaml", "a\n"));
        AtomicFiles.replaceRenderUnder(out, "dpf", Map.of("dpf/b.yaml", "b\n"));
        Files.writeString(out.resolve(".ocatopic-render-dpu"), "infra/a.yaml\n../outside.yaml\n/etc/hostname\n"
                + ".ocatopic-render-dpf\ndpf/b.yaml\n");
        AtomicFiles.replaceRender(out, Set.of("dpu"), List.of(new AtomicFiles.Output("dpu", "tenant/c.yaml", "c\n", true)));
        assertEquals("keep\n", Files.readString(outside));
        // dpf/b.yaml is listed by the tampered dpu manifest, so that one is removed; the dpf manifest is not
        assertEquals(Set.of("tenant/c.yaml", ".ocatopic-render-dpu", ".ocatopic-render-dpf"), tree(out));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(out.resolve("tenant/c.yaml")));
        // a symbolic link where a stale file was is not followed or removed
        Files.createSymbolicLink(out.resolve("tenant/link.yaml"), outside);
        Files.writeString(out.resolve(".ocatopic-render-dpu"), "tenant/c.yaml\ntenant/link.yaml\n");
        AtomicFiles.replaceRenderUnder(out, "dpu", Map.of("tenant/c.yaml", "c\n"));
        assertTrue(Files.isSymbolicLink(out.resolve("tenant/link.yaml")));
        assertEquals("keep\n", Files.readString(outside));
        assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.replaceRenderUnder(out, "dpu", Map.of(".ocatopic-render-dpf", "x")));
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceRenderUnder(out, "../x", Map.of()));
    }

    private static Set<String> tree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
