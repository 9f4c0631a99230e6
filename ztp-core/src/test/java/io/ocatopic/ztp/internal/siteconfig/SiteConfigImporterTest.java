package io.ocatopic.ztp.internal.siteconfig;

import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Layout;
import io.ocatopic.ztp.internal.ZtpFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.render.ClusterInstanceRenderer;
import io.ocatopic.ztp.internal.render.HubCrRenderer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A SiteConfig v1 sample converts to a ChassisSpec that renders as a ClusterInstance the CRD accepts. */
class SiteConfigImporterTest {
    static final Path SAMPLE = Path.of("src/test/resources/siteconfig/standard-3plus1.yaml");

    @Test
    void sampleConvertsAndRendersAsClusterInstance() {
        assertTrue(SiteConfigImporter.isSiteConfig(ZtpFiles.read(SAMPLE)));
        ChassisSpec spec = SiteConfigImporter.load(SAMPLE, Optional.empty());
        Cluster c = spec.cluster("edge-7");
        assertEquals(Layout.STANDARD, c.layout());
        assertEquals("4.16.3", spec.release().version());
        assertEquals("openshift-4.16.3", spec.release().clusterImageSet());
        assertEquals("192.168.7.1", c.network().gateway());
        assertEquals("192.168.7.243", c.network().apiVip().orElseThrow());
        assertEquals("192.168.7.13", c.nodes().get(3).machineIp());
        assertEquals("eno2", c.nodes().get(0).internalNic().orElseThrow().name());
        assertEquals("master-0", c.nodes().get(0).name());
        assertTrue(c.fips());
        assertEquals(Map.of("common", "true", "sites", "store-7"), c.labels());
        var objs = ClusterInstanceRenderer.render(spec, c);
        SchemaCheck.Report r = SchemaCheck.bundled().checkAll(objs);
        assertTrue(r.conforms(), r.toString());
        // secrets stay references to the hub: no Secret is rendered, the ClusterInstance names them
        assertTrue(objs.stream().noneMatch(o -> o.getKind().equals("Secret")));
        String yaml = io.ocatopic.kube.internal.KubeYaml.dumpAll(objs);
        assertTrue(yaml.contains("assisted-deployment-pull-secret") && yaml.contains("master-0-bmh-secret"), yaml);
        assertTrue(SchemaCheck.bundled().checkAll(HubCrRenderer.render(spec, c)).conforms());
    }

    @Test
    void aBrokenNodeNamesTheFieldOfTheResultingSpec() {
        String text = ZtpFiles.read(SAMPLE).replace("- ip: 192.168.7.11", "- ip: 10.99.0.11");
        ZtpException e = assertThrows(ZtpException.class, () -> SiteConfigImporter.parse(text, Optional.empty()));
        assertTrue(e.getMessage().contains("clusters[0].nodes[1].machineIp"), e.getMessage());
    }
}
