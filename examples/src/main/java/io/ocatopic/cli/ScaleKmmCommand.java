package io.ocatopic.cli;

import io.ocatopic.scale.ScaleSources;
import io.ocatopic.scale.SpokeSource;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic scale kmm}: drives a Kubernetes API (embedded by default) with the KMM hub/spoke objects of N
 * simulated spokes and writes a JSON and an HTML report.
 */
@Command(name = "kmm",
        mixinStandardHelpOptions = true,
        description = "Scale test: a ManagedClusterModule, then Namespace + ManagedCluster (kernel claim) + Module per spoke;"
                + " create/update/delete phases, write-to-event latency, JSON + HTML report, cleanup by label.",
        footer = {"%nExamples:",
                "  ocatopic scale kmm --spokes 200",
                "  ocatopic scale kmm --kubeconfig hub.kubeconfig --spokes 1000 --keep --run-id big1",
                "  ocatopic scale kmm --cluster --spokes 50 --phases create -o json --out-dir /tmp/scale"})
public final class ScaleKmmCommand extends ScaleSourceCommand {
    @Override
    SpokeSource source() {
        return ScaleSources.kmm();
    }
}
