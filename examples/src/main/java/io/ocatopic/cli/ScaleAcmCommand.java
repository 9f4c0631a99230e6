package io.ocatopic.cli;

import io.ocatopic.scale.ScaleSources;
import io.ocatopic.scale.SpokeSource;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic scale acm}: drives a Kubernetes API (embedded by default) with the ACM import objects of N
 * simulated spokes and writes a JSON and an HTML report.
 */
@Command(name = "acm",
        mixinStandardHelpOptions = true,
        description = "Scale test: Namespace + ManagedCluster + KlusterletAddonConfig + auto-import Secret per spoke;"
                + " create/update/delete phases, write-to-event latency, JSON + HTML report, cleanup by label.",
        footer = {"%nExamples:",
                "  ocatopic scale acm --spokes 500 -c 16",
                "  ocatopic scale acm --kubeconfig hub.kubeconfig --spokes 1000 --keep --run-id big1",
                "  ocatopic scale acm --cluster --spokes 50 --phases create -o json --out-dir /tmp/scale"})
public final class ScaleAcmCommand extends ScaleSourceCommand {
    @Override
    SpokeSource source() {
        return ScaleSources.acm();
    }
}
