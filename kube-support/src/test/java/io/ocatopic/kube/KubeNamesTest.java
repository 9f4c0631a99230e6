package io.ocatopic.kube;

import io.ocatopic.kube.internal.KubeNames;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kubernetes' name rules, the one copy every module uses. */
class KubeNamesTest {
    @Test
    void theRules() {
        assertTrue(KubeNames.isSubdomain("ocatopic-hello.v1"));
        assertFalse(KubeNames.isSubdomain("ocatopic_hello"));
        assertFalse(KubeNames.isSubdomain("a".repeat(254)));
        assertFalse(KubeNames.isSubdomain(null));
        assertTrue(KubeNames.isLabel("kmm"));
        assertFalse(KubeNames.isLabel("Bad_NS"));
        assertFalse(KubeNames.isLabel("a.b"));
        assertFalse(KubeNames.isLabel("a".repeat(64)));
        assertTrue(KubeNames.isLabelValue(""));
        assertTrue(KubeNames.isLabelValue("NVIDIA-A100_40GB.x"));
        assertFalse(KubeNames.isLabelValue("store 42"));
        assertTrue(KubeNames.isQualifiedName("network.operator.openshift.io/smart-nic"));
        assertFalse(KubeNames.isQualifiedName("bad prefix/x"));
        assertFalse(KubeNames.isQualifiedName("x/"));
    }
}
