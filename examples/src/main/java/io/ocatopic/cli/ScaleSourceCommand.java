package io.ocatopic.cli;

import io.ocatopic.scale.SpokeSource;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A scale test of one kind of spoke ({@code ocatopic scale acm}, {@code ocatopic scale kmm}): the shared
 * options and run; each subclass names its command and its {@link SpokeSource}.
 */
abstract class ScaleSourceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ScaleRunOptions options = new ScaleRunOptions();

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    /** @return the objects each simulated spoke is made of */
    abstract SpokeSource source();

    @Override
    public Integer call() throws IOException {
        return ScaleRun.execute(spec, options, cluster, output, source());
    }
}
