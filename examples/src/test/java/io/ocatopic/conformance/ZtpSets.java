package io.ocatopic.conformance;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.SampleChassis;
import io.ocatopic.ztp.SecretValue;
import io.ocatopic.ztp.render.ChassisRenderer;
import io.ocatopic.ztp.render.HubCrRenderer;
import io.ocatopic.ztp.render.ImportCredentials;
import io.ocatopic.ztp.render.RenderedCluster;
import io.ocatopic.ztp.ztpfw.ZtpfwImporter;
import io.ocatopic.ztp.ztpfw.ZtpfwOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The ztp outputs: every cluster of the sample and of every ZTPFW and native fixture, hub and import objects. */
final class ZtpSets {
    private static final Path FIXTURES = Path.of("../ztp-core/src/test/resources");

    private ZtpSets() {
    }

    static void addTo(Map<String, Supplier<List<?>>> sets) {
        ZtpfwOptions options = ZtpfwOptions.of("factory.example.com", SecretValue.of(SampleChassis.PULL_SECRET));
        sets.put("ztp sample chassis-3plus1 (ZTPFW)", () -> render(ZtpfwImporter.parse(resource("/samples/chassis-3plus1.yaml"), options)));
        sets.put("ztp fixture ztpfw/two-clusters.yaml", () -> render(ZtpfwImporter.load(FIXTURES.resolve("ztpfw/two-clusters.yaml"), options)));
        sets.put("ztp fixture ztpfw/dhcp-only.yaml", () -> render(ZtpfwImporter.load(FIXTURES.resolve("ztpfw/dhcp-only.yaml"), options)));
        sets.put("ztp fixture golden/ztpfw-two-clusters-native.yaml", () -> render(
                ChassisSpec.load(FIXTURES.resolve("golden/ztpfw-two-clusters-native.yaml"))));
        sets.put("ztp SampleChassis (3 clusters)", () -> render(SampleChassis.chassis("edge", 3)));
    }

    static List<?> render(ChassisSpec spec) {
        Map<String, ImportCredentials> creds = new HashMap<>();
        spec.clusters().forEach(c -> creds.put(c.name(), ImportCredentials.token(c.apiUrl(), SecretValue.of("sha256~token"))));
        List<Object> out = new ArrayList<>();
        out.add(HubCrRenderer.clusterImageSet(spec));
        for (RenderedCluster c : ChassisRenderer.render(spec, creds)) {
            out.addAll(c.hubObjects());
            out.addAll(c.importObjects());
            c.mirrorSet().ifPresent(out::add);
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = ZtpSets.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
