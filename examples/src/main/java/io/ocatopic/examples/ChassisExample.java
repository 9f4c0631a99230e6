package io.ocatopic.examples;

import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.Manifests;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisRender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
            text = Files.readString(Path.of(args[0]));
        } else {
            try (InputStream in = ChassisExample.class.getResourceAsStream("/samples/chassis-3plus1.yaml")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        ChassisSpec spec = switch (ChassisImport.detect(text)) {
            case ZTPFW -> ChassisImport.ztpfw("factory.example.com", Secret.of(ChassisSpec.SAMPLE_PULL_SECRET)).parse(text);
            case SITE_CONFIG -> ChassisImport.siteConfig().parse(text);
            case CHASSIS -> ChassisSpec.parse(text);
        };
        spec.clusters().forEach(c -> System.out.printf("cluster %s: %s, %d nodes, API VIP %s%n", c.name(), c.layout(),
                c.nodes().size(), c.network().apiVip().orElse("-")));

        Path out = Files.createTempDirectory("ocatopic-chassis");
        spec.render().write(out, ChassisRender.Format.AGENT, ChassisRender.Format.ASSISTED)
                .forEach(p -> System.out.println("wrote " + out.resolve(p)));

        try (EmbeddedApi hub = EmbeddedApi.start()) {
            FactoryWorkflow wf = FactoryWorkflow.builder(spec).hub(ClusterApi.of(hub.applier()))
                    .stateFile(out.resolve("factory.state.json"))
                    .listener(e -> System.out.printf("  %-12s %s%n", e.kind(), e.step())).build();
            System.out.println("plan (dry run):");
            wf.plan().forEach(p -> System.out.println("  " + p));
            System.out.println("hub-config and deploy against the embedded hub (installs need real hardware):");
            FactoryWorkflow deployOnly = FactoryWorkflow.builder(spec).hub(ClusterApi.of(hub.applier()))
                    .installTimeout(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofSeconds(1))
                    .listener(e -> System.out.printf("  %-12s %s%n", e.kind(), e.step())).build();
            try {
                deployOnly.run();
            } catch (io.ocatopic.ztp.ZtpException e) {
                System.out.println("  stopped as expected: " + e.reason() + " (no installer runs here)");
            }
            System.out.println("ManagedClusters on the hub: " + hub.client()
                    .resources(io.ocatopic.kube.internal.acm.ManagedCluster.class).list().getItems().size());
            System.out.println(Manifests.yaml(hub.client().resources(io.ocatopic.kube.internal.acm.ManagedCluster.class)
                    .withName(spec.clusters().get(0).name()).get().getSpec()));
        }
    }
}
