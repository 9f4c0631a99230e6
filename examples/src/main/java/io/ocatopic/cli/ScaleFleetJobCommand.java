package io.ocatopic.cli;

import io.ocatopic.scale.FleetJob;
import io.ocatopic.kube.Manifests;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic scale fleet-job}: prints the simulator as an Indexed Kubernetes Job (YAML) for fleets beyond one JVM. */
@Command(name = "fleet-job",
        mixinStandardHelpOptions = true,
        description = "Render the fleet simulator as an Indexed Job of N shards (ServiceAccount, ClusterRole, binding, Job):"
                + " a YAML stream of Kubernetes objects for kubectl apply -f -.",
        footerHeading = "%nExamples:%n",
        footer = {"  ocatopic scale fleet-job --run-id big1 --image quay.io/acme/ocatopic:0.1.0 --spokes 20000 --shards 4"
                + " | ocatopic apply -f - --dry-run=server --kubeconfig hub.kubeconfig",
            "  ocatopic scale fleet-job --run-id big1 --image quay.io/acme/ocatopic:0.1.0 --spokes 2000 -- --scenarios join,steady"
                + " | kubectl apply -f -",
            "  ocatopic scale fleet-job --run-id big1 --image quay.io/acme/ocatopic:0.1.0 --spokes 2000 -o json"})
public final class ScaleFleetJobCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run-id", required = true, description = "Run id of every shard.")
    String runId;

    @Option(names = "--namespace", defaultValue = "ocatopic-scale", description = "Namespace of the Job (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--image", required = true, description = "An image with the ocatopic command.")
    String image;

    @Option(names = "--spokes", required = true, description = "The whole fleet.")
    int spokes;

    @Option(names = "--shards", defaultValue = "2", description = "Pods (default: ${DEFAULT-VALUE}).")
    int shards;

    @CommandLine.Parameters(arity = "0..*", paramLabel = "ARG", description = "Further 'scale fleet' options, after --.")
    List<String> extra = List.of();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        // bad values are IllegalArgumentException: exit 2, one line
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = FleetJob.render(runId, namespace, image, spokes, shards, extra);
        output.print(out, objects, () -> out.print(Manifests.yaml(objects)));
        return 0;
    }
}
