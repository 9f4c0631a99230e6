package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.testing.RealEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real {@code /usr/bin/docker-registry} (distribution 2.8) on 127.0.0.1, plain HTTP, filesystem
 * storage in a temporary directory, optionally with htpasswd basic auth. Skips the test (fails under
 * CI) when docker-registry is not installed.
 */
final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts an anonymous registry. */
    static LocalRegistry start(Path dir) throws IOException, InterruptedException {
        return start(dir, null, null);
    }

    /** Starts a registry requiring basic auth for {@code user}/{@code password} when both are given. */
    static LocalRegistry start(Path dir, String user, String password) throws IOException, InterruptedException {
        RealEnvironment.requireExecutable(BINARY);
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder config = new StringBuilder();
        config.append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  relativeurls: true\n");
        if (user != null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            // golang.org/x/crypto/bcrypt (used by registry/auth/htpasswd) accepts $2a$/$2b$/$2y$ hashes
            String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, user + ":" + hash + "\n", StandardCharsets.UTF_8);
            config.append("auth:\n  htpasswd:\n    realm: ocatopic-test\n    path: ").append(htpasswd).append('\n');
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        LocalRegistry r = new LocalRegistry(p, port, dir);
        r.awaitReady();
        return r;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("docker-registry did not start on port " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return {@code 127.0.0.1:PORT} */
    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
