package io.ocatopic.cli;

import io.ocatopic.core.OcatopicException;
import io.ocatopic.kmm.KmmException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocatopic kmm}: the group of kmm subcommands; prints its usage when run alone. */
@Command(name = "kmm",
        mixinStandardHelpOptions = true,
        description = "Out-of-tree kernel modules: sign, verify, generate keys, build module images.",
        subcommands = {
                KmmBuildCommand.class,
                KmmSignCommand.class, KmmVerifyCommand.class, KmmKeygenCommand.class,
        })
public final class KmmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A kmm failure whose one-line message starts with its reason ({@code ENGINE: ...}), keeping its outcome (and
     * so its exit code) and its problems; {@link Ocatopic} prints it and maps it.
     *
     * @param e      the failure
     * @param prefix what to put before the reason (a module file and ": "), or empty
     * @return the exception to throw
     */
    static OcatopicException failure(KmmException e, String prefix) {
        return new Failure(e, prefix + e.reason() + ": " + e.getMessage());
    }

    /** A {@link KmmException} with its reason in its message. */
    static final class Failure extends OcatopicException {
        private static final long serialVersionUID = 1L;

        Failure(KmmException e, String message) {
            super(e.reason(), e.outcome(), message, e.problems(), e);
        }
    }
}
