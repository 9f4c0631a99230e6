package io.ocatopic.kmm.build;

/**
 * Receives build output as it happens: every line the container engine prints, per kernel, and one line
 * per pipeline step. Called from the build thread; keep it fast.
 *
 * <pre>{@code
 * BuildListener listener = (kernel, line) -> System.out.println("[" + kernel + "] " + line);
 * }</pre>
 */
@FunctionalInterface
public interface BuildListener {
    /** A listener that drops everything. */
    BuildListener NONE = (kernel, line) -> { };

    /**
     * One line of output.
     *
     * @param kernel the kernel being built
     * @param line   the line, without its line break
     */
    void onLine(String kernel, String line);
}
