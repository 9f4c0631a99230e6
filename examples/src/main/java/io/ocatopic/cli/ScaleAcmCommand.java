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
                + " create/update/delete phases, write-to-event latency, JSON + HTML report, cleanup by label.")
public final class ScaleAcmCommand extends ScaleSourceCommand {
    @Override
    SpokeSource source() {
        return ScaleSources.acm();
    }
}
