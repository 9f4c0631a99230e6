package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.ChassisImport;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.testing.OneShotPipe;
import io.ocatopic.ztp.internal.ztpfw.ZtpfwImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A pull secret given as a pipe ({@code <(...)}) is read once and reaches every output that needs it. */
class PullSecretPipeTest {
    static final String PULL = "{\"auths\":{\"registry.factory.local:5000\":{\"auth\":\"cGlwZTpwaXBl\"}}}";

    @Test
    @Timeout(60)
    void pullSecretFromAPipeReachesInstallConfigAndTheHubSecret(@TempDir Path dir) throws Exception {
        try (OneShotPipe pipe = OneShotPipe.create(dir.resolve("pull-secret"), PULL + "\n")) {
            ChassisSpec spec = ZtpfwImporter.load(Path.of("src/test/resources/ztpfw/two-clusters.yaml"),
                    ChassisImport.ztpfw("factory.example.com", io.ocatopic.kube.Secret.fromFile(pipe.path())));
            List<RenderedCluster> rendered = ChassisRenderer.render(spec, Map.of());
            assertEquals(2, rendered.size());
            for (RenderedCluster r : rendered) {
                assertEquals(PULL, r.installConfig().orElseThrow().getPullSecret(), r.name());
                Secret hub = r.hubObjects().stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                        .filter(s -> s.getMetadata().getName().equals(r.name() + "-pull-secret")).findFirst().orElseThrow();
                assertEquals(PULL, hub.getStringData().get(".dockerconfigjson"), r.name());
            }
        }
    }
}
