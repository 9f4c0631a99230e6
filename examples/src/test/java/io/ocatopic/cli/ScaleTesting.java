package io.ocatopic.cli;

import io.ocatopic.testing.EmbeddedApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: a kubeconfig file for an embedded API, so commands and subprocesses can reach it. */
public final class ScaleTesting {
    /**
     * java.util.logging holds loggers weakly, so the level EmbeddedApi sets on the mock server's logger
     * is lost after a garbage collection; this strong reference keeps it quiet in tests.
     */
    private static final java.util.logging.Logger MOCK_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private ScaleTesting() {
    }

    /**
     * Writes a kubeconfig that points at the embedded API.
     *
     * @param api the API
     * @param dir where to write it
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path kubeconfig(EmbeddedApi api, Path dir) throws IOException {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Files.createDirectories(dir);
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: embedded",
                "  cluster:",
                "    server: " + api.url(),
                "contexts:",
                "- name: embedded",
                "  context:",
                "    cluster: embedded",
                "    user: embedded",
                "current-context: embedded",
                "users:",
                "- name: embedded",
                "  user: {}",
                ""));
        return file;
    }
}
