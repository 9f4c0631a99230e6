package io.ocatopic.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A CRD's OpenAPI v3 structural schema as a JSON Schema (draft 4, which OpenAPI 3.0's schema object
 * follows) for networknt's validator. What JSON Schema lacks is mapped: {@code nullable} becomes a
 * {@code null} type, {@code x-kubernetes-int-or-string} an integer-or-string type. Formats are kept only
 * where kube-apiserver checks them and JSON Schema means the same ({@code date-time}, {@code ipv4},
 * {@code ipv6}); {@code int32}/{@code int64} and the other annotations are dropped, as the API server
 * ignores them. Patterns are Go RE2 expressions and are matched with re2j, as the API server does.
 * Unknown fields, defaults, list-map keys, {@code metadata} and CEL rules are {@link StructuralWalker}'s.
 */
final class JsonSchemas {
    private static final Set<String> COPIED = Set.of("type", "required", "enum", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
            "minProperties", "maxProperties", "multipleOf");
    private static final Set<String> FORMATS = Set.of("date-time", "ipv4", "ipv6");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_PATH)
                    .formatAssertionsEnabled(true)
                    .regularExpressionFactory(JsonSchemas::re2)
                    .build()));

    private JsonSchemas() {
    }

    static Schema compile(JsonNode openApi) {
        ObjectNode root = convert(openApi == null ? JsonNodeFactory.instance.objectNode() : openApi, true);
        return REGISTRY.getSchema(root);
    }

    private static RegularExpression re2(String regex) {
        Pattern p = Pattern.compile(regex);
        return value -> p.matcher(value).find();
    }

    /** Converts one schema node; {@code root} drops {@code metadata} and {@code status}, checked elsewhere. */
    static ObjectNode convert(JsonNode s, boolean root) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            if (COPIED.contains(k)) {
                out.set(k, v.deepCopy());
            } else if (k.equals("format") && FORMATS.contains(v.asText())) {
                out.set(k, v.deepCopy());
            } else if (k.equals("properties")) {
                ObjectNode props = out.putObject("properties");
                for (Iterator<Map.Entry<String, JsonNode>> p = v.fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = p.next();
                    if (root && (e.getKey().equals("metadata") || e.getKey().equals("status"))) {
                        continue;
                    }
                    props.set(e.getKey(), convert(e.getValue(), false));
                }
            } else if (k.equals("items") && v.isObject()) {
                out.set("items", convert(v, false));
            } else if (k.equals("additionalProperties") && v.isObject()) {
                out.set("additionalProperties", convert(v, false));
            } else if (k.equals("allOf") || k.equals("anyOf") || k.equals("oneOf")) {
                ArrayNode arr = out.putArray(k);
                for (JsonNode sub : v) {
                    arr.add(convert(sub, false));
                }
            } else if (k.equals("not") && v.isObject()) {
                out.set("not", convert(v, false));
            }
        }
        if (root && out.has("required")) {
            ArrayNode req = JsonNodeFactory.instance.arrayNode();
            out.get("required").forEach(r -> {
                if (!r.asText().equals("metadata") && !r.asText().equals("status")) {
                    req.add(r);
                }
            });
            out.set("required", req);
        }
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.remove("type");
            ArrayNode t = out.putArray("type");
            t.add("integer");
            t.add("string");
        }
        if (s.path("nullable").asBoolean(false)) {
            JsonNode type = out.get("type");
            if (type != null && type.isTextual()) {
                ArrayNode t = JsonNodeFactory.instance.arrayNode();
                t.add(type.asText());
                t.add("null");
                out.set("type", t);
            } else if (type != null && type.isArray()) {
                ((ArrayNode) type).add("null");
            }
            if (out.has("enum")) {
                ((ArrayNode) out.get("enum")).addNull();
            }
        }
        return out;
    }
}
