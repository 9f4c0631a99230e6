package io.ocatopic.conformance;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisRender;
import io.ocatopic.ztp.ChassisImport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The ClusterInstance output (SiteConfig operator): every sample and fixture, ClusterImageSet plus per-cluster set. */
final class ClusterInstanceSets {
    private static final Path FIXTURES = Path.of("../ztp-core/src/test/resources");

    private ClusterInstanceSets() {
    }

    static void addTo(Map<String, Supplier<List<?>>> sets) {
        ChassisImport options = ChassisImport.ztpfw("factory.example.com", Secret.of(ChassisSpec.SAMPLE_PULL_SECRET));
        sets.put("ztp clusterinstance sample chassis-3plus1 (ZTPFW)",
                () -> render(options.parse(ZtpSets.resource("/samples/chassis-3plus1.yaml"))));
        sets.put("ztp clusterinstance fixture ztpfw/two-clusters.yaml",
                () -> render(options.load(FIXTURES.resolve("ztpfw/two-clusters.yaml"))));
        sets.put("ztp clusterinstance fixture ztpfw/dhcp-only.yaml",
                () -> render(options.load(FIXTURES.resolve("ztpfw/dhcp-only.yaml"))));
        sets.put("ztp clusterinstance fixture golden/ztpfw-two-clusters-native.yaml",
                () -> render(ChassisSpec.load(FIXTURES.resolve("golden/ztpfw-two-clusters-native.yaml"))));
        sets.put("ztp clusterinstance SampleChassis (3 clusters)", () -> render(ChassisSpec.sample("edge", 3)));
    }

    static List<?> render(ChassisSpec spec) {
        List<Object> out = new ArrayList<>();
        ChassisRender rendered = spec.render();
        out.add(rendered.clusterImageSet());
        for (ChassisSpec.Cluster c : spec.clusters()) {
            out.addAll(rendered.clusterInstance(c.name()));
        }
        return out;
    }
}
