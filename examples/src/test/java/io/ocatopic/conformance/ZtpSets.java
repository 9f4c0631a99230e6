package io.ocatopic.conformance;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisRender;
import io.ocatopic.ztp.ImportCredentials;
import io.ocatopic.ztp.ChassisImport;
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
        ChassisImport options = ChassisImport.ztpfw("factory.example.com", Secret.of(ChassisSpec.SAMPLE_PULL_SECRET));
        sets.put("ztp sample chassis-3plus1 (ZTPFW)", () -> render(options.parse(resource("/samples/chassis-3plus1.yaml"))));
        sets.put("ztp fixture ztpfw/two-clusters.yaml", () -> render(options.load(FIXTURES.resolve("ztpfw/two-clusters.yaml"))));
        sets.put("ztp fixture ztpfw/dhcp-only.yaml", () -> render(options.load(FIXTURES.resolve("ztpfw/dhcp-only.yaml"))));
        sets.put("ztp fixture golden/ztpfw-two-clusters-native.yaml", () -> render(
                ChassisSpec.load(FIXTURES.resolve("golden/ztpfw-two-clusters-native.yaml"))));
        sets.put("ztp SampleChassis (3 clusters)", () -> render(ChassisSpec.sample("edge", 3)));
    }

    static List<?> render(ChassisSpec spec) {
        Map<String, ImportCredentials> creds = new HashMap<>();
        spec.clusters().forEach(c -> creds.put(c.name(), ImportCredentials.token(c.apiUrl(), Secret.of("sha256~token"))));
        List<Object> out = new ArrayList<>();
        ChassisRender rendered = spec.render(creds);
        out.add(rendered.clusterImageSet());
        for (ChassisRender.Cluster c : rendered.clusters()) {
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
