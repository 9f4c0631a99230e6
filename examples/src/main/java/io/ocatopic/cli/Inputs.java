package io.ocatopic.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the file a command was given, {@code -} meaning standard input, the same way in every command
 * ({@code -f FILE} or the positional file).
 */
final class Inputs {
    /** The name that means standard input. */
    static final String STDIN = "-";

    private Inputs() {
    }

    /**
     * Reads a whole input as UTF-8 text.
     *
     * @param file a path, or {@code -} for standard input
     * @return the text
     * @throws IOException when the file cannot be read ({@link java.nio.file.NoSuchFileException}: exit 2)
     */
    static String read(String file) throws IOException {
        if (STDIN.equals(file)) {
            InputStream in = System.in;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    /**
     * How an input is named in messages.
     *
     * @param file a path, or {@code -}
     * @return {@code stdin} or the path
     */
    static String name(String file) {
        return STDIN.equals(file) ? "stdin" : file;
    }
}
