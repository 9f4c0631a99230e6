package io.ocatopic.kube;

import io.ocatopic.core.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What kube-apiserver does to a custom resource beyond JSON Schema
 * (k8s.io/apiextensions-apiserver {@code pkg/apiserver/schema}: pruning, defaulting,
 * {@code listtype} and {@code cel} validation), in its order: unknown fields are pruned (and, strict,
 * reported as kubectl's {@code --validate=strict} would have the server refuse them), {@code null}s of
 * non-nullable fields dropped, defaults set; after the JSON Schema check, list-map keys and CEL rules.
 */
final class StructuralWalker {
    private final boolean strict;
    private final List<Problem> problems;

    StructuralWalker(boolean strict, List<Problem> problems) {
        this.strict = strict;
        this.problems = problems;
    }

    /** Prunes and defaults {@code value} (an object's root) in place. */
    void pruneAndDefault(JsonNode schema, ObjectNode root) {
        pruneObject(schema, root, "", true);
    }

    private void prune(JsonNode schema, JsonNode value, String path) {
        if (schema == null || value == null) {
            return;
        }
        if (value.isObject()) {
            pruneObject(schema, (ObjectNode) value, path, schema.path("x-kubernetes-embedded-resource").asBoolean(false));
        } else if (value.isArray() && schema.has("items")) {
            ArrayNode arr = (ArrayNode) value;
            for (int i = 0; i < arr.size(); i++) {
                prune(schema.get("items"), arr.get(i), path + "[" + i + "]");
            }
        }
    }

    private void pruneObject(JsonNode schema, ObjectNode value, String path, boolean resourceRoot) {
        JsonNode props = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            String p = join(path, k);
            if (resourceRoot && (k.equals("apiVersion") || k.equals("kind") || k.equals("metadata"))) {
                continue;
            }
            JsonNode sub = props == null ? null : props.get(k);
            if (sub == null && additional != null && additional.isObject()) {
                sub = additional;
            }
            if (sub == null) {
                if (preserve || (additional != null && additional.asBoolean(false))) {
                    continue;
                }
                if (strict) {
                    problems.add(new Problem(p, "unknown field (the " + (path.isEmpty() ? "object" : path)
                            + " schema has no such property)"));
                }
                it.remove();
                continue;
            }
            if (f.getValue().isNull() && !sub.path("nullable").asBoolean(false)) {
                it.remove();
                continue;
            }
            prune(sub, f.getValue(), p);
        }
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!value.has(e.getKey()) && e.getValue().has("default")) {
                    JsonNode d = e.getValue().get("default").deepCopy();
                    value.set(e.getKey(), d);
                    prune(e.getValue(), d, join(path, e.getKey()));
                }
            }
        }
    }

    /** List-type checks and CEL rules over the (pruned, defaulted, schema-valid) value. */
    void rules(JsonNode schema, JsonNode value, JsonNode old, String path) {
        if (schema == null || value == null || value.isNull()) {
            return;
        }
        JsonNode validations = schema.get("x-kubernetes-validations");
        if (validations != null) {
            for (JsonNode def : validations) {
                CelRules.Rule rule = CelRules.rule(def);
                Optional<String> failed = CelRules.evaluate(rule, value, old);
                failed.ifPresent(m -> problems.add(new Problem(rule.fieldPath().isEmpty() ? path
                        : join(path, rule.fieldPath().startsWith(".") ? rule.fieldPath().substring(1) : rule.fieldPath()), m)));
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode sub = props == null ? null : props.get(f.getKey());
                if (sub == null && additional != null && additional.isObject()) {
                    sub = additional;
                }
                JsonNode oldSub = old == null ? null : old.get(f.getKey());
                rules(sub, f.getValue(), oldSub, join(path, f.getKey()));
            }
        } else if (value.isArray()) {
            listType(schema, (ArrayNode) value, path);
            JsonNode items = schema.get("items");
            for (int i = 0; i < value.size(); i++) {
                // old items are matched by position only for atomic lists; list maps by key
                JsonNode oldItem = old != null && old.isArray() ? matchOld(schema, value.get(i), (ArrayNode) old, i) : null;
                rules(items, value.get(i), oldItem, path + "[" + i + "]");
            }
        }
    }

    private static JsonNode matchOld(JsonNode schema, JsonNode item, ArrayNode old, int i) {
        if ("map".equals(schema.path("x-kubernetes-list-type").asText())) {
            JsonNode keys = schema.path("x-kubernetes-list-map-keys");
            for (JsonNode o : old) {
                boolean same = true;
                for (JsonNode k : keys) {
                    if (!item.path(k.asText()).equals(o.path(k.asText()))) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    return o;
                }
            }
            return null;
        }
        return null;
    }

    private void listType(JsonNode schema, ArrayNode value, String path) {
        String type = schema.path("x-kubernetes-list-type").asText("");
        if (type.equals("set")) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (!seen.add(value.get(i))) {
                    problems.add(new Problem(path + "[" + i + "]", "duplicate value " + value.get(i) + " in a list of type set"));
                }
            }
        } else if (type.equals("map")) {
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            Set<List<JsonNode>> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                List<JsonNode> key = new ArrayList<>();
                for (String k : keys) {
                    JsonNode v = value.get(i).get(k);
                    if (v == null) {
                        JsonNode keySchema = schema.path("items").path("properties").path(k);
                        if (!keySchema.has("default")) {
                            problems.add(new Problem(path + "[" + i + "]." + k, "is required: it is a key of this list map"));
                        }
                    }
                    key.add(v);
                }
                if (!seen.add(key)) {
                    problems.add(new Problem(path + "[" + i + "]", "duplicate entry for key " + keys + " = " + key));
                }
            }
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
