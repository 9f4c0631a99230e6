package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request deadlines of {@link RegistryClient} against raw-socket servers that misbehave the ways real
 * ones do: accept and never answer, stop mid-body, redirect a blob to a host that never answers, trickle a
 * body forever. Every case must end with {@link RegistryException.Kind#TIMEOUT} within its deadline.
 */
class RegistryClientDeadlineTest {
    private static final byte[] BLOB = "0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
    private static final Descriptor DESCRIPTOR = new Descriptor("application/octet-stream",
            DigestingInputStream.digestOf(BLOB), BLOB.length, Optional.empty());
    private static final RegistryClient.Deadlines SHORT = new RegistryClient.Deadlines(Duration.ofSeconds(1),
            Duration.ofMillis(700), Duration.ofSeconds(4));
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    /** What a fake server does after reading a request's headers. */
    private interface Behaviour {
        void answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
    }

    @AfterEach
    void stop() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    private String serve(Behaviour b) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    held.add(s);
                    Thread h = new Thread(() -> {
                        try {
                            InputStream in = s.getInputStream();
                            String line = readHeaders(in);
                            b.answer(line, s.getOutputStream());
                        } catch (IOException | InterruptedException e) {
                            // the client gave up: what the test wants
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + ss.getLocalPort();
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            all.append((char) c);
            if (all.length() >= 4 && all.substring(all.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String s = all.toString();
        return s.contains("\r\n") ? s.substring(0, s.indexOf("\r\n")) : s;
    }

    private static final Behaviour SILENT = (line, out) -> Thread.sleep(Long.MAX_VALUE);

    private RegistryClient client(String host) throws RegistryException {
        return RegistryClient.create(host, RegistryClient.Options.insecurePlainHttp().withDeadlines(SHORT));
    }

    private static RegistryException timesOut(Duration max, org.junit.jupiter.api.function.Executable call) {
        long start = System.nanoTime();
        RegistryException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(RegistryException.class, call));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(RegistryException.Kind.TIMEOUT, e.kind(), e.getMessage());
        assertTrue(took.compareTo(max) <= 0, "took " + took + ", deadline " + max + ": " + e.getMessage());
        return e;
    }

    @Test
    void serverThatNeverSendsHeadersTimesOutAfterTheIdleDeadline() throws Exception {
        RegistryClient c = client(serve(SILENT));
        RegistryException e = timesOut(Duration.ofSeconds(3), () -> c.headManifest("org/app", "1"));
        assertTrue(e.getMessage().contains("read-idle"), e.getMessage());
    }

    @Test
    void blobThatStopsMidBodyTimesOutAfterTheIdleDeadline() throws Exception {
        RegistryClient c = client(serve((line, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BLOB.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(BLOB, 0, BLOB.length / 2);
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }));
        timesOut(Duration.ofSeconds(3), () -> {
            try (InputStream in = c.openBlob("org/app", DESCRIPTOR, n -> { })) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
    }

    @Test
    void blobRedirectedToAHostThatNeverAnswersTimesOut() throws Exception {
        String dead = serve(SILENT);
        RegistryClient c = client(serve((line, out) -> {
            out.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://" + dead + "/cdn/blob\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }));
        RegistryException e = timesOut(Duration.ofSeconds(3), () -> c.openBlob("org/app", DESCRIPTOR, n -> { }).close());
        assertTrue(e.getMessage().contains(dead), e.getMessage());
    }

    @Test
    void bodyTrickledForeverStopsAtTheTotalDeadline() throws Exception {
        RegistryClient c = client(serve((line, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BLOB.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte b : BLOB) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
        }));
        RegistryException e = timesOut(Duration.ofSeconds(7), () -> {
            try (InputStream in = c.openBlob("org/app", DESCRIPTOR, n -> { })) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertTrue(e.getMessage().contains("total deadline"), e.getMessage());
    }

    @Test
    void uploadToADestinationThatStopsReadingTimesOut() throws Exception {
        RegistryClient c = client(serve((line, out) -> {
            if (line.startsWith("POST")) {
                out.write("HTTP/1.1 202 Accepted\r\nLocation: /v2/org/app/blobs/uploads/u1\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // keep the connection: the PUT may come on it; never read it
            }
            Thread.sleep(Long.MAX_VALUE);
        }));
        byte[] big = new byte[64 << 20];
        Descriptor d = new Descriptor("", DigestingInputStream.digestOf(big), big.length, Optional.empty());
        timesOut(Duration.ofSeconds(4), () -> c.pushBlob("org/app", d, new java.io.ByteArrayInputStream(big), 0));
    }
}
