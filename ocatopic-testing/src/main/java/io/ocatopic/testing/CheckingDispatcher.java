package io.ocatopic.testing;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.kube.internal.SchemaChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The embedded API's CRUD store with kube-apiserver's checks in front of every write: a create,
 * update or patch whose result {@link SchemaCheck} refuses is answered 422 with a
 * {@code Status} that names each field (as the real server does), and nothing is stored; otherwise
 * what is stored is the object as the server would keep it (defaults set, unknown fields pruned).
 * Objects of a type with no schema and no built-in group are answered 404. {@code dryRun=All} checks
 * and answers without storing. {@code fieldValidation=Ignore|Warn} prunes unknown fields silently;
 * the default here is {@code Strict}, as kubectl sends.
 */
final class CheckingDispatcher extends IndexedCrudDispatcher {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private final SchemaCheck check;

    CheckingDispatcher(SchemaCheck check) {
        this.check = check;
        // discovery for every type with a schema, so that generic clients find them as on a real server
        for (SchemaChecks.ServedType e : SchemaChecks.access().types(check)) {
            int slash = e.apiVersion().indexOf('/');
            expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup(e.apiVersion().substring(0, slash)).withVersion(e.apiVersion().substring(slash + 1))
                    .withKind(e.kind()).withPlural(e.plural()).withScope(e.namespaced() ? "Namespaced" : "Cluster")
                    .withStatusSubresource(e.statusSubresource()).build());
        }
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (isSubresource(request)) {
            return super.handleCreate(request);
        }
        ObjectNode body = parse(request);
        if (body == null) {
            return status(400, "BadRequest", "the request body is not a JSON object", null, null);
        }
        SchemaCheck.Result r = SchemaChecks.access().check(check, body, null, strict(request));
        MockResponse refused = refusal(r, body);
        if (refused != null) {
            return refused;
        }
        if (dryRun(request)) {
            return json(201, r.object());
        }
        return super.handleCreate(with(request, r.object()));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        if (isSubresource(request)) {
            return super.handleUpdate(request);
        }
        ObjectNode body = parse(request);
        if (body == null) {
            return status(400, "BadRequest", "the request body is not a JSON object", null, null);
        }
        ObjectNode old = stored(request);
        SchemaCheck.Result r = SchemaChecks.access().check(check, body, old, strict(request));
        MockResponse refused = refusal(r, body);
        if (refused != null) {
            return refused;
        }
        if (dryRun(request)) {
            return json(200, r.object());
        }
        return super.handleUpdate(with(request, r.object()));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        if (isSubresource(request)) {
            return super.handlePatch(request);
        }
        ObjectNode old = stored(request);
        MockResponse patched = super.handlePatch(request);
        if (patched.code() >= 300 || old == null) {
            return patched;
        }
        ObjectNode after;
        try {
            after = (ObjectNode) JSON.readTree(patched.getBody().readUtf8());
        } catch (Exception e) {
            return patched;
        }
        SchemaCheck.Result r = SchemaChecks.access().check(check, after.deepCopy(), old, strict(request));
        MockResponse refused = refusal(r, after);
        if (refused != null || dryRun(request)) {
            // put the stored object back as it was
            old.with("metadata").remove("resourceVersion");
            super.handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, pathOnly(request), request.getHeaders(),
                    new Buffer(old.toString().getBytes(StandardCharsets.UTF_8))));
            return refused != null ? refused : patched;
        }
        return patched;
    }

    private MockResponse refusal(SchemaCheck.Result r, JsonNode body) {
        if (r.conforms()) {
            return null;
        }
        String kind = body.path("kind").asText("");
        String group = groupOf(body.path("apiVersion").asText(""));
        String name = body.path("metadata").path("name").asText("");
        boolean unknownType = r.problems().size() >= 1 && r.problems().stream().anyMatch(p -> p.path().equals("apiVersion")
                && (p.message().contains("not bundled") || p.message().contains("not a served version")));
        if (unknownType) {
            return status(404, "NotFound", "the server could not find the requested resource (" + r.problems().get(0).message() + ")",
                    null, null);
        }
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        StringBuilder msg = new StringBuilder(qualified).append(" \"").append(name).append("\" is invalid: ");
        msg.append(r.problems().size() == 1 ? r.problems().get(0).toString()
                : "[" + String.join(", ", r.problems().stream().map(Problem::toString).toList()) + "]");
        return status(422, "Invalid", msg.toString(), body, r.problems());
    }

    private static MockResponse status(int code, String reason, String message, JsonNode body, List<Problem> causes) {
        ObjectNode s = JSON.createObjectNode();
        s.put("apiVersion", "v1");
        s.put("kind", "Status");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        if (body != null) {
            ObjectNode details = s.putObject("details");
            details.put("name", body.path("metadata").path("name").asText(""));
            details.put("group", groupOf(body.path("apiVersion").asText("")));
            details.put("kind", body.path("kind").asText(""));
            ArrayNode arr = details.putArray("causes");
            for (Problem p : causes) {
                ObjectNode c = arr.addObject();
                c.put("reason", "FieldValueInvalid");
                c.put("message", p.message());
                c.put("field", p.path());
            }
        }
        s.put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(s.toString());
    }

    private static MockResponse json(int code, Object body) {
        try {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            return status(500, "InternalError", "could not serialise the object", null, null);
        }
    }

    private ObjectNode stored(RecordedRequest request) {
        MockResponse current = handleGet(pathOnly(request));
        if (current == null || current.code() != 200) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(current.getBody().readUtf8());
            return n instanceof ObjectNode o ? o : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static ObjectNode parse(RecordedRequest request) {
        try {
            JsonNode n = JSON.readTree(request.getUtf8Body());
            return n instanceof ObjectNode o ? o : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static RecordedRequest with(RecordedRequest request, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new RecordedRequest("HTTP/1.1", request.method(), request.getPath(), request.getHeaders(), new Buffer(bytes));
    }

    private static String pathOnly(RecordedRequest request) {
        String p = request.getPath();
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    private static String query(RecordedRequest request) {
        String p = request.getPath();
        int q = p.indexOf('?');
        return q < 0 ? "" : "&" + p.substring(q + 1) + "&";
    }

    private static boolean dryRun(RecordedRequest request) {
        return query(request).contains("&dryRun=All&");
    }

    private static boolean strict(RecordedRequest request) {
        String q = query(request);
        return !(q.contains("&fieldValidation=Ignore&") || q.contains("&fieldValidation=Warn&"));
    }

    private static boolean isSubresource(RecordedRequest request) {
        String p = pathOnly(request);
        return p.endsWith("/status") || p.endsWith("/scale");
    }
}
