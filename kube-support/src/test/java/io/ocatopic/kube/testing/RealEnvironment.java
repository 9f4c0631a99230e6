package io.ocatopic.kube.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Access from integration tests ({@code *IT}) to the real test environment that
 * {@code scripts/test-env.sh} starts (podman's Docker API, docker-registry, kbuild, sign-file, SoftHSM).
 *
 * <p>Outside that environment a test that needs it is skipped with a one-line reason. Under
 * {@code CI=true} a missing component is a failure, never a skip.
 */
public final class RealEnvironment {
    /** Set to {@code 1} by scripts/test-env.sh once everything is started. */
    public static final String MARKER = "OCATOPIC_TEST_ENV";

    private RealEnvironment() {
    }

    /**
     * Returns an environment variable that the test environment exports, or skips (fails under CI)
     * when it is absent.
     *
     * @param variable the variable, for example {@code DOCKER_HOST} or {@code OCATOPIC_TEST_REGISTRY}
     * @return its value
     */
    public static String require(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            missing(variable + " is not set (run the tests through scripts/test-env.sh)");
        }
        return value;
    }

    /**
     * Requires an executable file (for example sign-file or modinfo).
     *
     * @param path the file
     * @return the path
     */
    public static Path requireExecutable(Path path) {
        if (!path.toFile().canExecute()) {
            missing(path + " is not installed (scripts/test-env.sh installs it)");
        }
        return path;
    }

    /**
     * The environment's state directory (caches, registries, sockets).
     *
     * @return the directory from {@code OCATOPIC_STATE_DIR}
     */
    public static Path stateDir() {
        return Path.of(require("OCATOPIC_STATE_DIR"));
    }

    /**
     * An optional variable of the environment.
     *
     * @param variable the variable
     * @return its value, if set and not blank
     */
    public static Optional<String> optional(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
    }

    /** @return the test class that called into this helper, for the one-line skip reason */
    private static String callerTest() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(c -> !c.equals(RealEnvironment.class.getName()))
                .findFirst().orElse("?"));
    }

    /** @return whether the tests run under CI ({@code CI=true}) */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the test, or fails it under CI.
     *
     * @param reason one line saying what is missing
     */
    public static void missing(String reason) {
        if (underCi()) {
            Assertions.fail("real test environment incomplete under CI=true: " + reason);
        }
        String line = "skipped, real test environment absent: " + reason;
        System.out.println("[" + callerTest() + "] " + line);
        Assumptions.abort(line);
    }
}
