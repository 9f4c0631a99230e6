package io.ocatopic.conformance;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ClusterSpec;
import io.ocatopic.ztp.SampleChassis;
import io.ocatopic.ztp.SecretValue;
import io.ocatopic.ztp.render.ClusterInstanceRenderer;
import io.ocatopic.ztp.render.HubCrRenderer;
import io.ocatopic.ztp.ztpfw.ZtpfwImporter;
import io.ocatopic.ztp.ztpfw.ZtpfwOptions;
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
        ZtpfwOptions options = ZtpfwOptions.of("factory.example.com", SecretValue.of(SampleChassis.PULL_SECRET));
        sets.put("ztp clusterinstance sample chassis-3plus1 (ZTPFW)",
                () -> render(ZtpfwImporter.parse(ZtpSets.resource("/samples/chassis-3plus1.yaml"), options)));
        sets.put("ztp clusterinstance fixture ztpfw/two-clusters.yaml",
                () -> render(ZtpfwImporter.load(FIXTURES.resolve("ztpfw/two-clusters.yaml"), options)));
        sets.put("ztp clusterinstance fixture ztpfw/dhcp-only.yaml",
                () -> render(ZtpfwImporter.load(FIXTURES.resolve("ztpfw/dhcp-only.yaml"), options)));
        sets.put("ztp clusterinstance fixture golden/ztpfw-two-clusters-native.yaml",
                () -> render(ChassisSpec.load(FIXTURES.resolve("golden/ztpfw-two-clusters-native.yaml"))));
        sets.put("ztp clusterinstance SampleChassis (3 clusters)", () -> render(SampleChassis.chassis("edge", 3)));
    }

    static List<?> render(ChassisSpec spec) {
        List<Object> out = new ArrayList<>();
        out.add(HubCrRenderer.clusterImageSet(spec));
        for (ClusterSpec c : spec.clusters()) {
            out.addAll(ClusterInstanceRenderer.render(spec, c));
        }
        return out;
    }
}
