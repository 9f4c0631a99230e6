package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token challenge flow (distribution docs/spec/auth/token.md) against an in-process fake
 * registry + token service: 401 with a Bearer challenge, token fetched with basic credentials and the
 * challenge's service and scope, request retried with the token, token reused.
 */
class BearerAuthTest {
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private HttpServer server;
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private final List<String> registryAuth = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange ex) throws IOException {
        tokenQueries.add(URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String good = "Basic " + Base64.getEncoder().encodeToString("robot:pa55".getBytes(StandardCharsets.UTF_8));
        if (!good.equals(auth)) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        byte[] body = "{\"token\":\"tok-123\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private void registry(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        registryAuth.add(String.valueOf(auth));
        if (!"Bearer tok-123".equals(auth)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                    + "/token\",service=\"fake-registry\",scope=\"repository:org/app:pull\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
        ex.getResponseHeaders().add("Content-Type", Manifest.OCI_MANIFEST);
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    @Test
    void fetchesTokenForChallengeScopeAndReusesIt() throws Exception {
        RegistryClient c = RegistryClient.create(host(), RegistryClient.Options.insecurePlainHttp()
                .withCredentials(RegistryCredentials.of("robot", "pa55")));
        assertEquals(DIGEST, c.headManifest("org/app", "1").orElseThrow());
        assertEquals(DIGEST, c.headManifest("org/app", "2").orElseThrow());
        assertEquals(1, tokenQueries.size(), "token reused for the same scope");
        assertTrue(tokenQueries.get(0).contains("service=fake-registry"), tokenQueries.get(0));
        assertTrue(tokenQueries.get(0).contains("scope=repository:org/app:pull"), tokenQueries.get(0));
        assertEquals(List.of("null", "Bearer tok-123", "Bearer tok-123"), registryAuth);
    }

    @Test
    void refusedCredentialsFailClearlyWithoutTheSecret() throws Exception {
        RegistryClient c = RegistryClient.create(host(), RegistryClient.Options.insecurePlainHttp()
                .withCredentials(RegistryCredentials.of("robot", "WRONG-SECRET")));
        RegistryException e = assertThrows(RegistryException.class, () -> c.headManifest("org/app", "1"));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("token service"), e.getMessage());
        assertFalse(e.getMessage().contains("WRONG-SECRET"));
    }
}
