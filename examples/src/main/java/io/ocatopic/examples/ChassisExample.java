package io.ocatopic.examples;

import io.ocatopic.kube.EmbeddedApi;
import io.ocatopic.kube.KubeYaml;
import io.ocatopic.ztp.ChassisCodec;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.SampleChassis;
import io.ocatopic.ztp.SecretValue;
import io.ocatopic.ztp.render.ChassisRenderer;
import io.ocatopic.ztp.workflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.ztpfw.ZtpfwImporter;
import io.ocatopic.ztp.ztpfw.ZtpfwOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Imports the sample 3+1 chassis (ZTPFW format), renders every output into a temporary directory, and
 * shows the factory workflow's plan and first steps against an embedded hub.
 *
 * <pre>{@code
 * java -cp examples.jar io.ocatopic.examples.ChassisExample [chassis.yaml]
 * }</pre>
 */
public final class ChassisExample {
    private ChassisExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional path of a ZTPFW or ocatopic chassis file (default: the bundled sample)
     * @throws IOException when the sample cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        String text;
        if (args.length > 0) {
            text = ChassisCodec.readFile(Path.of(args[0]));
        } else {
            try (InputStream in = ChassisExample.class.getResourceAsStream("/samples/chassis-3plus1.yaml")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        ChassisSpec spec = ZtpfwImporter.isZtpfw(text)
                ? ZtpfwImporter.parse(text, ZtpfwOptions.of("factory.example.com", SecretValue.of(SampleChassis.PULL_SECRET)))
                : ChassisSpec.parse(text);
        spec.clusters().forEach(c -> System.out.printf("cluster %s: %s, %d nodes, API VIP %s%n", c.name(), c.layout(),
                c.nodes().size(), c.network().apiVip().orElse("-")));

        Path out = Files.createTempDirectory("ocatopic-chassis");
        ChassisRenderer.write(ChassisRenderer.render(spec, Map.of()), out)
                .forEach(p -> System.out.println("wrote " + out.resolve(p)));

        try (EmbeddedApi hub = EmbeddedApi.start()) {
            FactoryWorkflow wf = FactoryWorkflow.builder(spec).hub(ClusterApi.of(hub.applier()))
                    .stateFile(out.resolve("factory.state.json"))
                    .listener(e -> System.out.printf("  %-12s %s%n", e.type(), e.step())).build();
            System.out.println("plan (dry run):");
            wf.plan().forEach(p -> System.out.println("  " + p));
            System.out.println("hub-config and deploy against the embedded hub (installs need real hardware):");
            FactoryWorkflow deployOnly = FactoryWorkflow.builder(spec).hub(ClusterApi.of(hub.applier()))
                    .installTimeout(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofSeconds(1))
                    .sleeper(d -> { }).listener(e -> System.out.printf("  %-12s %s%n", e.type(), e.step())).build();
            try {
                deployOnly.run();
            } catch (io.ocatopic.ztp.ZtpException e) {
                System.out.println("  stopped as expected: " + e.reason() + " (no installer runs here)");
            }
            System.out.println("ManagedClusters on the hub: " + hub.client()
                    .resources(io.ocatopic.kube.acm.ManagedCluster.class).list().getItems().size());
            System.out.println(KubeYaml.dump(hub.client().resources(io.ocatopic.kube.acm.ManagedCluster.class)
                    .withName(spec.clusters().get(0).name()).get().getSpec()));
        }
    }
}
