package io.ocatopic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The indexed store answers exactly as fabric8's scanning store: the same random sequence of creates, reads (by
 * name, with and without a label selector), updates, patches, deletes and lists against both, every answer
 * compared (status code and body).
 */
class IndexedCrudDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theIndexIsInUse() {
        assertTrue(IndexedCrudDispatcher.indexed(), "the store's attribute sets could not be read: every lookup scans");
    }

    @Test
    void answersEveryRequestAsTheScanningStoreDoes() throws Exception {
        KubernetesMockServer plain = server(new KubernetesCrudDispatcher());
        KubernetesMockServer indexed = server(new IndexedCrudDispatcher());
        try {
            Random rnd = new Random(20261202L);
            String[] namespaces = {"a", "b", "c"};
            String[] plurals = {"configmaps", "secrets"};
            int compared = 0;
            int found = 0;
            List<String> log = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                String ns = namespaces[rnd.nextInt(namespaces.length)];
                String plural = plurals[rnd.nextInt(plurals.length)];
                String name = "o" + rnd.nextInt(6);
                String base = "/api/v1/namespaces/" + ns + "/" + plural;
                String kind = plural.equals("configmaps") ? "ConfigMap" : "Secret";
                String tier = rnd.nextBoolean() ? "x" : "y";
                String body = "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
                        + "\",\"namespace\":\"" + ns + "\",\"labels\":{\"tier\":\"" + tier + "\"}},\"data\":{\"k\":\""
                        + Integer.toString(rnd.nextInt(1000), 36) + "\"}}";
                String method;
                String path;
                String payload = null;
                String type = "application/json";
                switch (rnd.nextInt(9)) {
                    case 0, 1 -> {
                        method = "POST";
                        path = base;
                        payload = body;
                    }
                    case 2, 3 -> {
                        method = "GET";
                        path = base + "/" + name;
                    }
                    case 4 -> {
                        method = "GET";
                        path = base + "/" + name + "?labelSelector=tier%3D" + tier;
                    }
                    case 5 -> {
                        method = "PUT";
                        path = base + "/" + name;
                        payload = body;
                    }
                    case 6 -> {
                        method = "PATCH";
                        path = base + "/" + name;
                        payload = "{\"metadata\":{\"labels\":{\"tier\":\"" + tier + "\"}},\"data\":{\"p\":\"" + i + "\"}}";
                        type = "application/merge-patch+json";
                    }
                    case 7 -> {
                        method = "DELETE";
                        path = base + "/" + name;
                    }
                    default -> {
                        method = "GET";
                        path = rnd.nextBoolean() ? base : "/api/v1/" + plural;
                    }
                }
                String a = call(plain, method, path, payload, type);
                String b = call(indexed, method, path, payload, type);
                log.add(method + " " + path);
                assertEquals(a, b, "answer " + i + " differs; the requests so far: " + String.join(", ",
                        log.subList(Math.max(0, log.size() - 12), log.size())));
                compared++;
                if (method.equals("GET") && a.startsWith("200 ") && path.contains("/" + name)) {
                    found++;
                }
            }
            assertEquals(1500, compared);
            assertTrue(found > 100, "the sequence should read stored objects by name often; it did " + found + " times");
        } finally {
            plain.destroy();
            indexed.destroy();
        }
    }

    private static KubernetesMockServer server(KubernetesCrudDispatcher d) {
        KubernetesMockServer s = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), d, false);
        s.init();
        return s;
    }

    /** The status code and the body, without the fields that differ between two servers (uid, creation time). */
    private String call(KubernetesMockServer s, String method, String path, String payload, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).header("Content-Type", type);
        b.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        if (text != null && text.startsWith("{")) {
            JsonNode n = JSON.readTree(text);
            strip(n);
            text = n.toString();
        }
        return r.statusCode() + " " + text;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if (o.get("metadata") instanceof ObjectNode m) {
                m.remove("uid");
                m.remove("creationTimestamp");
            }
            if (o.get("items") != null) {
                o.get("items").forEach(IndexedCrudDispatcherTest::strip);
            }
        }
    }
}
