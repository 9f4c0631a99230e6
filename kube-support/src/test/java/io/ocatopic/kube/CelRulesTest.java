package io.ocatopic.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every x-kubernetes-validations rule of the bundled CRDs compiles with CEL for Java, but the known one. */
class CelRulesTest {
    @Test
    void everyBundledRuleCompilesButTheKubernetesFormatLibrary() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> failed = new TreeSet<>();
        int[] count = {0};
        File[] files = new File("src/main/resources/io/ocatopic/kube/crds").listFiles((d, n) -> n.endsWith(".yaml"));
        for (File f : files) {
            walk(yaml.readTree(f), failed, count);
        }
        // format.<name>() is Kubernetes' own CEL library (k8s.io/apiserver pkg/cel/library/format.go),
        // which CEL for Java does not ship: those rules are not run
        assertEquals(Set.of("!format.dns1123Subdomain().validate(self).hasValue()"), failed);
        assertEquals(true, count[0] >= 60, "rules seen: " + count[0]);
    }

    private static void walk(JsonNode n, Set<String> failed, int[] count) {
        JsonNode v = n.get("x-kubernetes-validations");
        if (v != null) {
            for (JsonNode def : v) {
                count[0]++;
                CelRules.Rule r = CelRules.rule(def);
                if (r.program() == null) {
                    failed.add(r.expression());
                }
            }
        }
        n.forEach(c -> walk(c, failed, count));
    }
}
