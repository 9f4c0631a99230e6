package io.ocatopic.kube;

import io.ocatopic.kube.internal.KubeNames;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Issue 16: the reason a label key or value is refused, for a Problem message. */
    @Test
    void labelKeyAndValueProblemsSayWhy() {
        assertEquals(java.util.Optional.empty(), KubeNames.qualifiedNameProblem("example.com/site"));
        assertEquals(java.util.Optional.empty(), KubeNames.labelValueProblem(""));
        assertTrue(KubeNames.qualifiedNameProblem("a".repeat(64)).orElseThrow().contains("its name has 64 characters"));
        assertTrue(KubeNames.qualifiedNameProblem("a".repeat(254) + "/x").orElseThrow().contains("at most 253"));
        assertTrue(KubeNames.qualifiedNameProblem("Example.com/x").orElseThrow().contains("not a DNS-1123 subdomain"));
        assertTrue(KubeNames.qualifiedNameProblem("x/").orElseThrow().contains("name after the prefix is empty"));
        assertTrue(KubeNames.qualifiedNameProblem("").orElseThrow().contains("empty"));
        assertTrue(KubeNames.qualifiedNameProblem("-x").orElseThrow().contains("begins and ends with a letter or digit"));
        assertTrue(KubeNames.labelValueProblem("v".repeat(64)).orElseThrow().contains("it has 64 characters"));
        assertTrue(KubeNames.labelValueProblem("a/b").orElseThrow().startsWith("is not a label value"));
    }
}
