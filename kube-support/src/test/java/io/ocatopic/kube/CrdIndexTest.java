package io.ocatopic.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** crds/index.tsv lists exactly the served versions of the bundled CRD files, each of which is loadable. */
class CrdIndexTest {
    private static final Path DIR = Path.of("src/main/resources/io/ocatopic/kube/crds");

    @Test
    void theIndexMatchesTheFiles() throws Exception {
        Set<String> fromFiles = new TreeSet<>();
        File[] files = DIR.toFile().listFiles((d, n) -> n.endsWith(".yaml"));
        for (File f : files) {
            for (JsonNode crd : CrdCatalog.readAll(new FileInputStream(f))) {
                assertEquals("CustomResourceDefinition", crd.path("kind").asText(), f.getName());
                for (CrdCatalog.Entry e : CrdCatalog.entriesOf(crd, f.getName())) {
                    fromFiles.add(line(e));
                }
            }
        }
        Set<String> indexed = new TreeSet<>();
        for (String l : Files.readAllLines(DIR.resolve("index.tsv"))) {
            if (!l.startsWith("#") && !l.isBlank()) {
                String[] f = l.split("\t");
                indexed.add(line(new CrdCatalog.Entry(f[0], f[1], f[2], "Namespaced".equals(f[3]), "status".equals(f[4]), f[5])));
            }
        }
        assertEquals(fromFiles, indexed);
        assertTrue(Files.readString(DIR.resolve("SOURCES.md")).contains("kmm.sigs.x-k8s.io_modules.yaml"));
    }

    @Test
    void everyIndexedTypeLoadsItsSchema() {
        SchemaCheck check = SchemaCheck.bundled();
        CrdCatalog catalog = CrdCatalog.bundled();
        for (io.ocatopic.kube.internal.SchemaChecks.ServedType e : io.ocatopic.kube.internal.SchemaChecks.access().types(check)) {
            assertTrue(catalog.schema(e.apiVersion(), e.kind()).isPresent(), e.toString());
            catalog.schema(e.apiVersion(), e.kind()).get().jsonSchema();
        }
    }

    private static String line(CrdCatalog.Entry e) {
        return String.join(" ", e.apiVersion(), e.kind(), e.plural(), String.valueOf(e.namespaced()),
                String.valueOf(e.statusSubresource()), e.file());
    }
}
