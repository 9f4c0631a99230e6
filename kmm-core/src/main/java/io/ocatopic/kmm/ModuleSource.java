package io.ocatopic.kmm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a module's source comes from.
 *
 * <pre>{@code
 * ModuleSource src = ModuleSource.makefile(Path.of("hello-module"));   // a directory with a Kbuild Makefile
 * }</pre>
 */
public sealed interface ModuleSource {
    /**
     * A directory with a kbuild Makefile; the SDK compiles it with
     * {@code make -C /usr/src/linux-headers-<kernel> M=/build modules}.
     *
     * @param directory the source directory
     */
    record Makefile(Path directory) implements ModuleSource {
        /**
         * Checks the directory is given.
         *
         * @param directory the source directory
         */
        public Makefile {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /**
     * A Dockerfile that compiles the module and leaves the {@code .ko} files under
     * {@code <dirName>/lib/modules/${KERNEL_FULL_VERSION}/}; it receives KMM's build arguments.
     *
     * @param dockerfile the Dockerfile text
     * @param context    the build context directory
     */
    record Dockerfile(String dockerfile, Path context) implements ModuleSource {
        /**
         * Checks both parts are given.
         *
         * @param dockerfile the Dockerfile text
         * @param context    the build context directory
         */
        public Dockerfile {
            Objects.requireNonNull(dockerfile, "dockerfile");
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * A Makefile source.
     *
     * @param directory the source directory
     * @return the source
     */
    static ModuleSource makefile(Path directory) {
        return new Makefile(directory);
    }

    /**
     * A Dockerfile source.
     *
     * @param dockerfile the Dockerfile text
     * @param context    the build context
     * @return the source
     */
    static ModuleSource dockerfile(String dockerfile, Path context) {
        return new Dockerfile(dockerfile, context);
    }
}
