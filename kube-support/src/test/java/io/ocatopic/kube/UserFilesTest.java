package io.ocatopic.kube;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.UserFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one reader for user files: duplicate keys, large documents, aliases, no input quoted. */
class UserFilesTest {
    @Test
    void duplicateKeysAreRefusedWithTheirPath() {
        String yaml = "edgeclusters:\n- edge-1:\n    master0:\n      nic_ext_dhcp: a\n      nic_ext_dhcp: b\n";
        IOException e = assertThrows(IOException.class, () -> UserFiles.yaml().readTree(yaml));
        Problem p = UserFiles.problem(e, "chassis.yaml");
        assertEquals("edgeclusters[0].edge-1.master0", p.path());
        assertTrue(p.message().startsWith("duplicate key \"nic_ext_dhcp\" at line 5"), p.message());
        assertThrows(IOException.class, () -> UserFiles.json().readTree("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void aDocumentOfTenMebibytesIsRead() throws Exception {
        StringBuilder sb = new StringBuilder("nodes:\n");
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append("- {name: node-").append(sb.length()).append(", gpus: [{index: 0, model: A100-40GB}]}\n");
        }
        JsonNode n = UserFiles.yaml().readTree(sb.toString());
        assertTrue(n.get("nodes").size() > 100_000);
    }

    @Test
    void aSyntaxErrorNamesTheLineAndQuotesNothing() {
        IOException bad = assertThrows(IOException.class, () -> UserFiles.yaml().readTree("token: TOKEN-SUPERSECRET-123\n  x: [\n"));
        Problem p = UserFiles.problem(bad, "kubeconfig");
        assertTrue(!p.toString().contains("SUPERSECRET"), p.toString());
        assertTrue(p.message().startsWith("not valid YAML/JSON at line"), p.toString());
    }
}
