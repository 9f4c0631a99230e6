package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.render.ChassisRenderer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic ztp render FILE -o DIR}: writes every output, one directory per cluster. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render install-config/agent-config, hub CRs, NMState, mirrors and ACM import files.")
public final class ZtpRenderCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = {"-o", "--output"}, defaultValue = "rendered", description = "Output directory (default ${DEFAULT-VALUE})")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ChassisSpec s = input.load();
        ChassisRenderer.write(ChassisRenderer.render(s, Map.of()), output)
                .forEach(p -> spec.commandLine().getOut().println(output.resolve(p)));
        return 0;
    }
}
