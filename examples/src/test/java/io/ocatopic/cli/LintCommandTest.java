package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocatopic lint} on hand-broken files, one per rule class, against the bundled upstream CRDs. */
class LintCommandTest {
    private static final String MODULE = """
            apiVersion: kmm.sigs.x-k8s.io/v1beta1
            kind: Module
            metadata:
              name: %s
              namespace: kmm
            spec:
              selector:
                node-role.kubernetes.io/worker: ""
              moduleLoader:
                container:
                  modprobe:
                    moduleName: hello
                  kernelMappings:
                  - regexp: '^.+$'
                    %s
            """;
    private static final String CLUSTER = """
            apiVersion: cluster.open-cluster-management.io/v1
            kind: ManagedCluster
            metadata:
              name: edge-1
            spec:
              hubAcceptsClient: %s
              taints:
              - key: %s
                effect: %s
            """;

    private static String module(String name, String mapping) {
        return MODULE.formatted(name, mapping);
    }

    private static String cluster(String accepts, String key, String effect) {
        return CLUSTER.formatted(accepts, key, effect);
    }

    @Test
    void reportsEachBrokenFileWithItsPathAndExits1(@TempDir Path dir) throws Exception {
        String image = "containerImage: quay.io/acme/hello:${KERNEL_FULL_VERSION}";
        Files.writeString(dir.resolve("01-required.yaml"), module("hello", "literal: 6.1.0"));
        Files.writeString(dir.resolve("02-enum.yaml"), cluster("true", "maintenance", "NoSchedule"));
        Files.writeString(dir.resolve("03-pattern.yaml"), cluster("true", "'bad key!'", "NoSelect"));
        Files.writeString(dir.resolve("04-type.yaml"), cluster("'yes'", "maintenance", "NoSelect"));
        Files.writeString(dir.resolve("05-unknown.yaml"), module("hello", image + "\n        selektor: {}"));
        Files.writeString(dir.resolve("06-name.yaml"), module("ocatopic_hello", image));
        Files.writeString(dir.resolve("07-cel.yaml"), module("hello", image)
                + "  devicePlugin:\n    container:\n      image: quay.io/acme/dp:1\n"
                + "  dra:\n    driverName: gpu.example.com\n    container:\n      image: quay.io/acme/dra:1\n");
        Files.writeString(dir.resolve("08-webhook.yaml"), module("hello", image + "\n        literal: 6.1.0"));
        Files.writeString(dir.resolve("09-good.yaml"), module("hello", image) + "---\n" + cluster("true", "maintenance", "NoSelect"));

        String[] r = CliRun.run("lint", dir.toString());
        assertEquals("1", r[0], r[1]);
        String out = r[1];
        assertLine(out, "01-required.yaml#1: Module/kmm/hello: spec.moduleLoader.container.kernelMappings[0].containerImage: is required");
        assertLine(out, "02-enum.yaml#1: ManagedCluster/edge-1: spec.taints[0].effect:");
        assertLine(out, "03-pattern.yaml#1: ManagedCluster/edge-1: spec.taints[0].key:");
        assertLine(out, "04-type.yaml#1: ManagedCluster/edge-1: spec.hubAcceptsClient:");
        assertLine(out, "05-unknown.yaml#1: Module/kmm/hello: spec.moduleLoader.container.kernelMappings[0].selektor: unknown field");
        assertLine(out, "06-name.yaml#1: Module/kmm/ocatopic_hello: metadata.name: \"ocatopic_hello\" is not a DNS-1123 subdomain");
        assertLine(out, "07-cel.yaml#1: Module/kmm/hello: spec: spec.dra and spec.devicePlugin are mutually exclusive");
        assertLine(out, "08-webhook.yaml#1: Module/kmm/hello: spec.moduleLoader.container.kernelMappings[0]:");
        assertTrue(!out.contains("09-good.yaml"), out);
        assertTrue(out.contains("10 objects checked, 2 conform"), out);
    }

    @Test
    void cleanInputExits0AndReadsStdin(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("good.yaml");
        Files.writeString(f, cluster("true", "maintenance", "NoSelect"));
        String[] r = CliRun.run("lint", f.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("1 objects checked, 1 conform"), r[1]);
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(module("ocatopic_hello", "literal: x").getBytes()));
            String[] s = CliRun.run("lint", "-o", "json", "-");
            assertEquals("1", s[0], s[1]);
            assertTrue(s[1].contains("\"file\" : \"-\""), s[1]);
            assertTrue(s[1].contains("\"path\" : \"metadata.name\""), s[1]);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void badInputExits2(@TempDir Path dir) throws Exception {
        assertEquals("2", CliRun.run("lint", dir.resolve("missing.yaml").toString())[0]);
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: [unclosed\n");
        String[] r = CliRun.run("lint", broken.toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("is not valid YAML"), r[1]);
        assertEquals("2", CliRun.run("lint", "-o", "xml", broken.toString())[0]);
    }

    private static void assertLine(String out, String prefix) {
        assertTrue(out.lines().anyMatch(l -> l.contains(prefix)), "no line with " + prefix + " in\n" + out);
    }
}
