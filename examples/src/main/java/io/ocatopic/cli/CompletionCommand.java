package io.ocatopic.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic completion bash|zsh}: prints a shell completion script for every command and option
 * (picocli's {@link AutoComplete}); zsh loads it through {@code bashcompinit}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for ocatopic.",
        footer = {"", "Examples:", "  source <(ocatopic completion bash)",
            "  autoload -U +X bashcompinit && bashcompinit && source <(ocatopic completion zsh)",
            "  ocatopic completion bash > /etc/bash_completion.d/ocatopic"})
public final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "The shell: bash or zsh.")
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new IllegalArgumentException("SHELL " + shell + " is not one of bash, zsh");
        }
        String script = AutoComplete.bash("ocatopic", spec.commandLine().getParent());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
