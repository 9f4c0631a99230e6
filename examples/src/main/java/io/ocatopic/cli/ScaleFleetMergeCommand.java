package io.ocatopic.cli;

import io.ocatopic.scale.FleetReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic scale fleet-merge}: merges the shard reports of one distributed fleet run (each pod of
 * {@code scale fleet-job} writes its own {@code fleet-report.json}) into one report, with the SLO verdicts
 * recomputed from the merged latency histograms.
 */
@Command(name = "fleet-merge", mixinStandardHelpOptions = true,
        description = "Merge the shard reports of one fleet run (the pods of 'scale fleet-job') into one report.",
        footer = {"", "Exit: 0 the merged run passed its SLOs and converged, 1 it did not, 2 the files are not shards"
                + " of one run.",
            "", "Examples:",
            "  ocatopic scale fleet-merge --out-dir merged shard-*/fleet-report.json",
            "  ocatopic scale fleet-merge -o json shard-0/fleet-report.json shard-1/fleet-report.json"})
public final class ScaleFleetMergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "The shards' fleet-report.json files.")
    List<Path> reports;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Write the merged fleet-report.json and .html here (default: print only).")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FleetReport merged = FleetReport.mergeFiles(reports);   // not shards of one run: IllegalArgumentException, exit 2
        if (outDir != null) {
            Path html = merged.writeTo(outDir);
            err.println("report: " + html.toAbsolutePath());
            err.flush();
        }
        output.print(out, merged, () -> out.print(merged.summary()));
        boolean converged = merged.scenarios().stream().allMatch(s -> s.done() == s.spokes());
        return merged.sloPassed() && merged.leases().late() == 0 && converged ? 0 : 1;
    }
}
