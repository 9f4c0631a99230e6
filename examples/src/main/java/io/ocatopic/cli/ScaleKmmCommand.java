package io.ocatopic.cli;

import io.ocatopic.examples.scale.ScaleSources;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic scale kmm}: drives a Kubernetes API (embedded by default) with the KMM hub/spoke objects of N
 * simulated spokes and writes a JSON and an HTML report.
 */
@Command(name = "kmm",
        mixinStandardHelpOptions = true,
        description = "Scale test: a ManagedClusterModule, then Namespace + ManagedCluster (kernel claim) + Module per spoke;"
                + " create/update/delete phases, write-to-event latency, JSON + HTML report, cleanup by label.")
public final class ScaleKmmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ScaleRunOptions options = new ScaleRunOptions();

    @Override
    public Integer call() {
        return ScaleRun.execute(spec, options, ScaleSources.kmm());
    }
}
