package io.ocatopic.kube;

import io.ocatopic.kube.internal.Kubeconfigs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 16 case 5: a malformed kubeconfig's error quoted its YAML, token included. */
class KubeconfigsTest {
    private static final String GOOD = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://api.edge-1.example.com:6443"}}]
            users: [{name: u, user: {token: TOKEN-SUPERSECRET-123}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """;

    @Test
    void aMalformedKubeconfigIsReportedWithoutItsContent() {
        String broken = GOOD.replace("current-context: x", "current-context: x\n  token: TOKEN-SUPERSECRET-123: [");
        KubeException e = assertThrows(KubeException.class, () -> Kubeconfigs.parse(broken, "spoke.kubeconfig", null));
        assertEquals(KubeException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith("spoke.kubeconfig is not a valid kubeconfig"), e.getMessage());
        assertTrue(!e.getMessage().contains("SUPERSECRET"), e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void aGoodKubeconfigIsParsed() {
        assertEquals("https://api.edge-1.example.com:6443/", Kubeconfigs.parse(GOOD, "k", null).getMasterUrl());
        KubeException e = assertThrows(KubeException.class, () -> Kubeconfigs.parse(GOOD, "k", "nope"));
        assertTrue(!e.getMessage().contains("SUPERSECRET"), e.getMessage());
    }
}
