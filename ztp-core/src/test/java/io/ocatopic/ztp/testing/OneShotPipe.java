package io.ocatopic.ztp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe that behaves like the shell's {@code <(...)}: the first reader gets the content, every later
 * reader gets nothing (end of file at once).
 */
public final class OneShotPipe implements AutoCloseable {
    private final Path path;
    private final Thread writer;
    private volatile boolean closing;

    private OneShotPipe(Path path, String content) {
        this.path = path;
        this.writer = new Thread(() -> serve(content), "one-shot-pipe");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Creates the pipe with {@code mkfifo} and starts serving it.
     *
     * @param path    where to create it
     * @param content what the first reader gets
     * @return the pipe
     * @throws IOException when mkfifo fails
     */
    public static OneShotPipe create(Path path, String content) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new OneShotPipe(path, content);
    }

    /** @return the pipe's path */
    public Path path() {
        return path;
    }

    private void serve(String content) {
        boolean first = true;
        while (true) {
            try (OutputStream out = Files.newOutputStream(path)) { // blocks until a reader opens
                if (closing) {
                    return; // the reader is close()
                }
                if (first) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                    first = false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Thread.sleep(5); // while a reader still holds the pipe, the next open returns at once
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops serving (the writer exits after one last open, this one's) and removes the pipe. */
    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        if (writer.isAlive()) {
            try (InputStream in = Files.newInputStream(path)) {
                in.readAllBytes();
            }
            writer.join(5000);
        }
        Files.deleteIfExists(path);
    }
}
